package io.paytally.sandbox.bill;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import io.paytally.sandbox.ledger.Order;
import io.paytally.sandbox.ledger.Refund;
import io.paytally.sandbox.ledger.TradeState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TradeBillTest {

	static final BigDecimal RATE = new BigDecimal("0.006");

	static final LocalDate DAY = LocalDate.of(2026, 3, 1);

	@Test
	void rendersTheAllBillExactlyInWechatFormat() {
		assertThat(TradeBill.render(ledgerOfTheSampleDay(), DAY, "ALL", RATE)).isEqualTo(
				"""
						交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注
						`2026-03-01 09:15:02,`wx0000000000demo01,`1900000001,`0,`,`4200000000202603010000000001,`DEMO202603010001,`oDemoOpenid01,`JSAPI,`SUCCESS,`OTHERS,`CNY,`12.50,`0.00,`0,`0,`0.00,`0.00,`,`,`Demo A,`,`0.07500,`0.60%,`12.50,`0.00,`
						`2026-03-01 10:02:44,`wx0000000000demo01,`1900000001,`0,`,`4200000000202603010000000002,`DEMO202603010002,`oDemoOpenid02,`NATIVE,`SUCCESS,`CMB_DEBIT,`CNY,`8.00,`0.00,`0,`0,`0.00,`0.00,`,`,`Demo B,`x1,`0.04800,`0.60%,`8.00,`0.00,`
						`2026-03-01 15:30:10,`wx0000000000demo01,`1900000001,`0,`,`4200000000202603010000000001,`DEMO202603010001,`oDemoOpenid01,`JSAPI,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`50300000002026030100000000001,`RDEMO202603010001,`5.00,`0.00,`ORIGINAL,`SUCCESS,`Demo A,`,`-0.03000,`0.60%,`0.00,`5.00,`
						总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额
						`3,`20.50,`5.00,`0.00,`0.09300,`20.50,`5.00
						""");
	}

	@Test
	void rendersTheSameBytesWhateverTheLedgerOrder() {
		List<Order> orders = ledgerOfTheSampleDay();
		assertThat(TradeBill.render(List.of(orders.get(1), orders.get(0)), DAY, "ALL", RATE))
			.isEqualTo(TradeBill.render(orders, DAY, "ALL", RATE));
	}

	@Test
	void successBillHasNoRefundColumnsOrRows() {
		assertThat(TradeBill.render(ledgerOfTheSampleDay(), DAY, "SUCCESS", RATE)).isEqualTo(
				"""
						交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,商品名称,商户数据包,手续费,费率,订单金额,费率备注
						`2026-03-01 09:15:02,`wx0000000000demo01,`1900000001,`0,`,`4200000000202603010000000001,`DEMO202603010001,`oDemoOpenid01,`JSAPI,`SUCCESS,`OTHERS,`CNY,`12.50,`0.00,`Demo A,`,`0.07500,`0.60%,`12.50,`
						`2026-03-01 10:02:44,`wx0000000000demo01,`1900000001,`0,`,`4200000000202603010000000002,`DEMO202603010002,`oDemoOpenid02,`NATIVE,`SUCCESS,`CMB_DEBIT,`CNY,`8.00,`0.00,`Demo B,`x1,`0.04800,`0.60%,`8.00,`
						总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额
						`2,`20.50,`0.00,`0.00,`0.12300,`20.50,`0.00
						""");
	}

	@Test
	void aDayWithoutTradesHasNoRows() {
		assertThat(TradeBill.hasRows(ledgerOfTheSampleDay(), DAY.plusDays(1), "ALL")).isFalse();
		assertThat(TradeBill.hasRows(ledgerOfTheSampleDay(), DAY, "REFUND")).isTrue();
	}

	@Test
	void fundFlowBillMovesMoneyInAndOut() {
		assertThat(FundFlowBill.render(ledgerOfTheSampleDay(), DAY, "BASIC", RATE)).isEqualTo(
				"""
						记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额(元),账户结余(元),资金变更提交申请人,备注,业务凭证号
						`2026-03-01 09:15:02,`4200000000202603010000000001,`104200000000202603010000000001,`交易,`交易,`收入,`12.50,`12.50,`system,`,`DEMO202603010001
						`2026-03-01 09:15:02,`4200000000202603010000000001,`204200000000202603010000000001,`扣除交易手续费,`扣除交易手续费,`支出,`0.08,`12.42,`system,`,`DEMO202603010001
						`2026-03-01 10:02:44,`4200000000202603010000000002,`104200000000202603010000000002,`交易,`交易,`收入,`8.00,`20.42,`system,`,`DEMO202603010002
						`2026-03-01 10:02:44,`4200000000202603010000000002,`204200000000202603010000000002,`扣除交易手续费,`扣除交易手续费,`支出,`0.05,`20.37,`system,`,`DEMO202603010002
						`2026-03-01 15:30:10,`50300000002026030100000000001,`3050300000002026030100000000001,`退款,`退款,`支出,`5.00,`15.37,`system,`,`RDEMO202603010001
						资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额
						`5,`2,`20.50,`3,`5.13
						""");
	}

	static List<Order> ledgerOfTheSampleDay() {
		Refund refund = new Refund("1900000001", "DEMO202603010001", "4200000000202603010000000001",
				"RDEMO202603010001", "50300000002026030100000000001", 500, 1250, null, null, "SUCCESS", at("15:30:10"),
				at("15:30:12"));
		Order a = new Order("1900000001", "wx0000000000demo01", "DEMO202603010001", "JSAPI", "Demo A", null,
				"http://notify", 1250, "CNY", "oDemoOpenid01", null, at("09:00:00"), "wx1", TradeState.REFUND,
				"4200000000202603010000000001", 1250, "oDemoOpenid01", "OTHERS", at("09:15:02"), null, List.of(refund));
		Order b = new Order("1900000001", "wx0000000000demo01", "DEMO202603010002", "NATIVE", "Demo B", "x1",
				"http://notify", 800, "CNY", null, null, at("10:00:00"), "wx2", TradeState.SUCCESS,
				"4200000000202603010000000002", 800, "oDemoOpenid02", "CMB_DEBIT", at("10:02:44"), null, List.of());
		return List.of(a, b);
	}

	static OffsetDateTime at(String time) {
		return OffsetDateTime.parse("2026-03-01T" + time + "+08:00");
	}

}
