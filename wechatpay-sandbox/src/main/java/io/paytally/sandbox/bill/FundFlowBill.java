package io.paytally.sandbox.bill;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.paytally.sandbox.ledger.Order;
import io.paytally.sandbox.ledger.Refund;

/**
 * The fund-flow bill of the BASIC account for one day: a 收入 row per payment, a 支出 row for
 * its fee (rounded to the fen) and a 支出 row per refund, with the running balance since
 * the ledger began. OPERATION and FEES accounts have no movements in the sandbox.
 */
public final class FundFlowBill {

	private static final String HEADER = "记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额(元),账户结余(元),资金变更提交申请人,备注,业务凭证号";

	private static final String SUMMARY_HEADER = "资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额";

	private FundFlowBill() {
	}

	public static boolean hasRows(List<Order> orders, LocalDate date, String accountType) {
		return "BASIC".equals(accountType)
				&& movements(orders, BigDecimal.ZERO).stream().anyMatch((m) -> TradeBill.day(m.time).equals(date));
	}

	public static String render(List<Order> orders, LocalDate date, String accountType, BigDecimal feeRate) {
		StringBuilder out = new StringBuilder(HEADER).append('\n');
		long balance = 0;
		int incomes = 0;
		int expenses = 0;
		long income = 0;
		long expense = 0;
		int count = 0;
		for (Movement movement : "BASIC".equals(accountType) ? movements(orders, feeRate) : List.<Movement>of()) {
			balance += movement.income ? movement.fen : -movement.fen;
			if (!TradeBill.day(movement.time).equals(date)) {
				continue;
			}
			count++;
			if (movement.income) {
				incomes++;
				income += movement.fen;
			}
			else {
				expenses++;
				expense += movement.fen;
			}
			out.append(String.join(",", "`" + TradeBill.time(movement.time), "`" + movement.businessNo,
					"`" + movement.flowNo, "`" + movement.name, "`" + movement.name,
					"`" + (movement.income ? "收入" : "支出"), "`" + Money.yuan2(movement.fen), "`" + Money.yuan2(balance),
					"`system", "`" + movement.remark, "`" + movement.voucher))
				.append('\n');
		}
		out.append(SUMMARY_HEADER).append('\n');
		out.append(String.join(",", "`" + count, "`" + incomes, "`" + Money.yuan2(income), "`" + expenses,
				"`" + Money.yuan2(expense)))
			.append('\n');
		return out.toString();
	}

	private static List<Movement> movements(List<Order> orders, BigDecimal feeRate) {
		List<Movement> all = new ArrayList<>();
		for (Order order : orders) {
			if (!order.isPaid()) {
				continue;
			}
			all.add(new Movement(order.successTime(), order.transactionId(), "10" + order.transactionId(), "交易", true,
					order.settlementTotal(), "", order.outTradeNo()));
			long fee = Money.fee(order.settlementTotal(), feeRate)
				.setScale(2, RoundingMode.HALF_UP)
				.movePointRight(2)
				.longValueExact();
			if (fee > 0) {
				all.add(new Movement(order.successTime(), order.transactionId(), "20" + order.transactionId(),
						"扣除交易手续费", false, fee, "", order.outTradeNo()));
			}
			for (Refund refund : order.refunds()) {
				if (Refund.CLOSED.equals(refund.status())) {
					continue;
				}
				all.add(new Movement(refund.createdAt(), refund.refundId(), "30" + refund.refundId(), "退款", false,
						refund.settlementRefund(), "", refund.outRefundNo()));
			}
		}
		all.sort(Comparator.comparing((Movement m) -> m.time).thenComparing((m) -> m.flowNo));
		return all;
	}

	private record Movement(OffsetDateTime time, String businessNo, String flowNo, String name, boolean income,
			long fen, String remark, String voucher) {

	}

}
