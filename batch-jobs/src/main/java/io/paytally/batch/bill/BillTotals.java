package io.paytally.batch.bill;

import java.util.ArrayList;
import java.util.List;

/**
 * The seven sums a trade bill's summary row states: row count, settled amount, refunds,
 * recharge-coupon refunds, fees, order amount and requested refunds (fen; the fee in
 * milli-fen). Added up from the rows, they must equal the summary's.
 *
 * @param count 总交易单数 (payment and refund rows)
 * @param settledAmount 应结订单总金额
 * @param refundAmount 退款总金额
 * @param couponRefundAmount 充值券退款总金额
 * @param feeMilliFen 手续费总金额
 * @param orderAmount 订单总金额
 * @param refundRequestedAmount 申请退款总金额
 */
public record BillTotals(long count, long settledAmount, long refundAmount, long couponRefundAmount, long feeMilliFen,
		long orderAmount, long refundRequestedAmount) {

	/** Nothing yet. */
	public static final BillTotals NONE = new BillTotals(0, 0, 0, 0, 0, 0, 0);

	/** What a summary row states. */
	public static BillTotals of(BillSummary summary) {
		return new BillTotals(summary.totalCount(), summary.settledAmount(), summary.refundAmount(),
				summary.couponRefundAmount(), summary.feeMilliFen(), summary.orderAmount(),
				summary.refundRequestedAmount());
	}

	/** These totals with one more row. */
	public BillTotals plus(BillRow row) {
		return new BillTotals(this.count + 1, this.settledAmount + row.settledAmount(),
				this.refundAmount + row.refundAmount(), this.couponRefundAmount + row.couponRefundAmount(),
				this.feeMilliFen + row.feeMilliFen(), this.orderAmount + row.orderAmount(),
				this.refundRequestedAmount + row.refundRequestedAmount());
	}

	/**
	 * Names every sum that differs from the summary's, as
	 * {@code settled_amount 1000 <> 1001 (应结订单总金额)}: the rows' value first.
	 * @param rejects lines rejected: they count as rows, their amounts are unknown, so
	 * with rejects only the count is compared
	 * @return the differences, empty if the rows agree with the summary
	 */
	public List<String> differencesFrom(BillTotals summary, long rejects) {
		List<String> differences = new ArrayList<>();
		if (this.count + rejects != summary.count) {
			differences.add("count " + this.count + " rows" + ((rejects > 0) ? " + " + rejects + " rejected" : "")
					+ " <> " + summary.count + " (总交易单数)");
		}
		if (rejects > 0) {
			return differences;
		}
		compare(differences, "settled_amount", this.settledAmount, summary.settledAmount, "应结订单总金额");
		compare(differences, "refund_amount", this.refundAmount, summary.refundAmount, "退款总金额");
		compare(differences, "coupon_refund_amount", this.couponRefundAmount, summary.couponRefundAmount, "充值券退款总金额");
		compare(differences, "fee_milli_fen", this.feeMilliFen, summary.feeMilliFen, "手续费总金额");
		compare(differences, "order_amount", this.orderAmount, summary.orderAmount, "订单总金额");
		compare(differences, "refund_requested_amount", this.refundRequestedAmount, summary.refundRequestedAmount,
				"申请退款总金额");
		return differences;
	}

	private static void compare(List<String> differences, String column, long rows, long summary, String name) {
		if (rows != summary) {
			differences.add(column + " " + rows + " <> " + summary + " (" + name + ")");
		}
	}

}
