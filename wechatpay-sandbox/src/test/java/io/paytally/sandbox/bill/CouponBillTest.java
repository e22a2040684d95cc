package io.paytally.sandbox.bill;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.paytally.sandbox.ledger.Ledger;
import io.paytally.sandbox.ledger.Order;
import io.paytally.sandbox.ledger.PrepayRequest;
import io.paytally.sandbox.ledger.Refund;
import io.paytally.sandbox.ledger.WireFormat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders paid in part by a coupon, in the query body, the refund callback and the bill,
 * as WeChat separates them: 订单金额 and 申请退款金额 are what the merchant asked, 应结订单金额 and 退款金额
 * leave out a non-recharge coupon, 充值券退款金额 is a recharge coupon's share of a refund.
 */
class CouponBillTest {

	static final String MCHID = "1900000001";

	static final LocalDate DAY = LocalDate.of(2026, 3, 1);

	final Ledger ledger = new Ledger(Clock.fixed(Instant.parse("2026-03-01T02:00:00Z"), ZoneOffset.UTC));

	@Test
	void queryBodyNamesTheCouponAndWhatThePayerPaid() {
		Order paid = order("C1", 1250);
		paid = this.ledger.pay(MCHID, "C1", null, null, false, 200, Order.NOCASH);
		Map<String, Object> body = WireFormat.transaction(paid);
		assertThat(body.get("amount"))
			.isEqualTo(Map.of("total", 1250L, "payer_total", 1050L, "currency", "CNY", "payer_currency", "CNY"));
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> promotions = (List<Map<String, Object>>) body.get("promotion_detail");
		assertThat(promotions).singleElement()
			.satisfies((coupon) -> assertThat(coupon).containsEntry("type", "NOCASH")
				.containsEntry("amount", 200L)
				.containsEntry("wechatpay_contribute", 200L)
				.containsEntry("merchant_contribute", 0L));
	}

	@Test
	void refundsTakeTheCouponsShareAndTheBillSeparatesIt() {
		order("C1", 1250);
		this.ledger.pay(MCHID, "C1", null, null, false, 200, Order.NOCASH);
		order("C2", 800);
		this.ledger.pay(MCHID, "C2", null, null, false, 100, Order.CASH);
		Refund first = this.ledger.refund(MCHID, "C1", "R1", 500, null, null);
		this.ledger.completeRefund(MCHID, "R1");
		this.ledger.refund(MCHID, "C2", "R2", 400, null, null);
		this.ledger.refund(MCHID, "C1", "R3", 200, null, null);
		this.ledger.finishRefund(MCHID, "R3", Refund.CLOSED);
		Refund rest = this.ledger.refund(MCHID, "C1", "R4", 750, null, null);
		Refund abnormal = this.ledger.finishRefund(MCHID, "R4", Refund.ABNORMAL);

		assertThat(first.couponRefund()).isEqualTo(80);
		assertThat(rest.couponRefund()).as("the rest of the coupon with the rest of the payment").isEqualTo(120);
		assertThat(abnormal.status()).isEqualTo("ABNORMAL");
		assertThat(abnormal.successTime()).isNull();
		Map<String, Object> callback = WireFormat.refundNotification(abnormal, 1050);
		assertThat(callback.get("amount"))
			.isEqualTo(Map.of("total", 1250L, "refund", 750L, "payer_total", 1050L, "payer_refund", 630L));
		assertThat(callback).doesNotContainKey("success_time").containsEntry("refund_status", "ABNORMAL");

		List<String> lines = TradeBill.render(this.ledger.orders(MCHID), DAY, "ALL", new BigDecimal("0.006"))
			.lines()
			.toList();
		// out_trade_no, state, 应结订单金额, 代金券金额, 商户退款单号, 退款金额, 充值券退款金额, 退款状态, 手续费,
		// 订单金额, 申请退款金额
		// one clock instant: rows by WeChat's order number, then the refund
		assertThat(lines.subList(1, lines.size() - 2).stream().map(CouponBillTest::amounts)).containsExactly(
				"C1 SUCCESS 10.50 2.00 0 0.00 0.00  0.06300 12.50 0.00",
				"C1 REFUND 0.00 0.00 R1 4.20 0.00 SUCCESS -0.02520 0.00 5.00",
				"C1 REFUND 0.00 0.00 R4 6.30 0.00 ABNORMAL -0.03780 0.00 7.50",
				"C2 SUCCESS 8.00 1.00 0 0.00 0.00  0.04800 8.00 0.00",
				"C2 REFUND 0.00 0.00 R2 4.00 0.50 PROCESSING -0.02400 0.00 4.00");
		assertThat(lines.get(lines.size() - 1)).isEqualTo("`5,`18.50,`14.50,`0.50,`0.02400,`20.50,`16.50");
	}

	private Order order(String outTradeNo, long total) {
		return this.ledger.prepay(new PrepayRequest(MCHID, "wx0000000000demo01", outTradeNo, "JSAPI", "coupon day",
				null, "http://notify", total, "CNY", "oDemoOpenid01", null));
	}

	private static String amounts(String line) {
		List<String> v = Arrays.stream(line.split(",", -1)).map((value) -> value.substring(1)).toList();
		return String.join(" ", v.get(6), v.get(9), v.get(12), v.get(13), v.get(15), v.get(16), v.get(17), v.get(19),
				v.get(22), v.get(24), v.get(25));
	}

}
