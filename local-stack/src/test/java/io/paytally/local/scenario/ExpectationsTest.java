package io.paytally.local.scenario;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.paytally.sandbox.OrderTruth;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.RefundStatus;

import static org.assertj.core.api.Assertions.assertThat;

class ExpectationsTest {

	static final OffsetDateTime PAID_AT = OffsetDateTime.of(2026, 11, 22, 10, 0, 5, 0, ZoneOffset.ofHours(8));

	@Test
	void expectsTheStateWeChatsTruthImplies() {
		assertThat(Expectations.expectedStatus(truth("SUCCESS", 1000, 1000, List.of()))).isEqualTo(PaymentStatus.PAID);
		assertThat(Expectations.expectedStatus(truth("SUCCESS", 1000, 990, List.of())))
			.isEqualTo(PaymentStatus.AMOUNT_MISMATCH);
		assertThat(Expectations.expectedStatus(truth("REFUND", 1000, 1000, List.of(refund(400)))))
			.isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
		assertThat(Expectations.expectedStatus(truth("REFUND", 1000, 1000, List.of(refund(400), refund(600)))))
			.isEqualTo(PaymentStatus.REFUNDED);
		assertThat(Expectations.expectedStatus(truth("CLOSED", 1000, 0, List.of()))).isEqualTo(PaymentStatus.CLOSED);
		assertThat(Expectations.expectedStatus(truth("NOTPAY", 1000, 0, List.of()))).isNull();
	}

	@Test
	void agreesWhenStateTransactionAmountsAndTimeMatch() {
		OrderTruth truth = truth("REFUND", 1000, 1000, List.of(refund(400)));
		assertThat(Expectations.compare(List.of(truth),
				Map.of("1900000001@T1", state(PaymentStatus.PARTIALLY_REFUNDED, PAID_AT.toInstant(), 1000L, 400))))
			.isEmpty();
	}

	@Test
	void namesEveryDifference() {
		OrderTruth truth = truth("SUCCESS", 1000, 1000, List.of());
		assertThat(Expectations.compare(List.of(truth),
				Map.of("1900000001@T1", state(PaymentStatus.PAID, PAID_AT.toInstant().plusSeconds(1), 1000L, 0))))
			.extracting(Expectations.Disagreement::toString)
			.containsExactly("1900000001@T1 was paid at 2026-11-22T02:00:06Z, WeChat says 2026-11-22T10:00:05+08:00");
		assertThat(Expectations.compare(List.of(truth), Map.of())).extracting(Expectations.Disagreement::toString)
			.containsExactly("1900000001@T1 has no state on orders.state; WeChat says SUCCESS");
		assertThat(Expectations.compare(List.of(truth),
				Map.of("1900000001@T1", state(PaymentStatus.CLOSED, null, null, 0))))
			.extracting(Expectations.Disagreement::toString)
			.containsExactly(
					"1900000001@T1 is CLOSED on orders.state, expected PAID (WeChat: SUCCESS, paid 1000 of 1000, refunded 0)");
	}

	@Test
	void comparesWhatThePayerPaidOfACouponPayment() {
		OrderTruth coupon = new OrderTruth("1900000001", "T1", "SUCCESS", 1000, 1000, "4200000001", PAID_AT, 0,
				List.of(), null, PAID_AT.minusMinutes(1), "NATIVE",
				"http://127.0.0.1:8081/wechatpay/v3/notify/1900000001", 200, "NOCASH");
		assertThat(Expectations.compare(List.of(coupon),
				Map.of("1900000001@T1", state(PaymentStatus.PAID, PAID_AT.toInstant(), 1000L, 800L, 0))))
			.isEmpty();
		assertThat(Expectations.compare(List.of(coupon),
				Map.of("1900000001@T1", state(PaymentStatus.PAID, PAID_AT.toInstant(), 1000L, 1000L, 0))))
			.extracting(Expectations.Disagreement::toString)
			.containsExactly("1900000001@T1 has the payer paying 1000 fen, WeChat 800 (coupon 200)");
	}

	@Test
	void comparesEachMerchantsOrderWithItsOwnStateOnly() {
		OrderTruth truth = truth("SUCCESS", 1000, 1000, List.of());
		assertThat(Expectations.compare(List.of(truth),
				Map.of("1900000002@T1", state(PaymentStatus.PAID, PAID_AT.toInstant(), 1000L, 0))))
			.extracting(Expectations.Disagreement::toString)
			.containsExactly("1900000001@T1 has no state on orders.state; WeChat says SUCCESS");
	}

	@Test
	void comparesAV2MerchantsRefundWithoutThePayersPartByStatusAndAmountOnly() {
		OrderTruth truth = truth("REFUND", 1000, 1000, List.of(refund(400)));
		OrderPaymentState fromV2 = state(PaymentStatus.PARTIALLY_REFUNDED, PAID_AT.toInstant(), 1000L, 400);
		fromV2 = new OrderPaymentState(fromV2.mchid(), fromV2.outTradeNo(), fromV2.merchantOrderNo(), fromV2.status(),
				fromV2.amountTotal(), fromV2.currency(), fromV2.description(), fromV2.createdAt(), fromV2.expireAt(),
				fromV2.transactionId(), fromV2.paidAt(), fromV2.paidAmount(), NotificationSource.CALLBACK_V2,
				fromV2.refundedAmount(),
				List.of(new OrderPaymentState.Refund("R400", "5030400", 400, RefundStatus.SUCCESS,
						PAID_AT.plusMinutes(5).toInstant(), null)),
				null, null, 0, 1, Instant.EPOCH, fromV2.payerTotal());
		assertThat(Expectations.compare(List.of(truth), Map.of("1900000001@T1", fromV2), true)).isEmpty();
		assertThat(Expectations.compare(List.of(truth), Map.of("1900000001@T1", fromV2), false))
			.extracting(Expectations.Disagreement::toString)
			.containsExactly("1900000001@T1 has refund R400 SUCCESS 400 (payer null), WeChat SUCCESS 400 (payer 400)");
		OrderTruth other = truth("REFUND", 1000, 1000, List.of(refund(300)));
		assertThat(Expectations.compare(List.of(other), Map.of("1900000001@T1", fromV2), true))
			.extracting(Expectations.Disagreement::toString)
			.contains("1900000001@T1 has refund R300 none, WeChat SUCCESS 300 (payer 300)");
	}

	static OrderTruth truth(String state, long total, long paid, List<OrderTruth.RefundTruth> refunds) {
		return new OrderTruth("1900000001", "T1", state, total, paid, (paid > 0) ? "4200000001" : null,
				(paid > 0) ? PAID_AT : null, refunds.stream().mapToLong(OrderTruth.RefundTruth::amount).sum(), refunds,
				null, PAID_AT.minusMinutes(1), "NATIVE", "http://127.0.0.1:8081/wechatpay/v3/notify/1900000001");
	}

	static OrderTruth.RefundTruth refund(long amount) {
		return new OrderTruth.RefundTruth("R" + amount, "5030" + amount, amount, "SUCCESS", PAID_AT.plusMinutes(5),
				PAID_AT.plusMinutes(5));
	}

	static OrderPaymentState state(PaymentStatus status, Instant paidAt, Long paidAmount, long refunded) {
		return state(status, paidAt, paidAmount, paidAmount, refunded);
	}

	static OrderPaymentState state(PaymentStatus status, Instant paidAt, Long paidAmount, Long payerTotal,
			long refunded) {
		List<OrderPaymentState.Refund> refunds = (refunded > 0) ? List.of(new OrderPaymentState.Refund("R" + refunded,
				"5030" + refunded, refunded, RefundStatus.SUCCESS, PAID_AT.plusMinutes(5).toInstant(), refunded))
				: List.of();
		return new OrderPaymentState("1900000001", "T1", "M1", status, 1000, "CNY", "demo", Instant.EPOCH,
				Instant.EPOCH.plusSeconds(62), (paidAt != null) ? "4200000001" : null, paidAt, paidAmount,
				(paidAt != null) ? NotificationSource.CALLBACK_V3 : null, refunded, refunds, null, null, 0, 1,
				Instant.EPOCH, payerTotal);
	}

}
