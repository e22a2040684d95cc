package io.paytally.local.scenario;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import io.paytally.sandbox.OrderTruth;

/**
 * The totals of a day's trade bill, computed from WeChat's truth about every order: what
 * the bill's summary line must say.
 *
 * @param paymentCount payment rows
 * @param settledAmount their settled amount (应结订单金额: less non-recharge coupons), in fen
 * @param refundCount refund rows (every refund started that day and not closed)
 * @param refundAmount their amount (退款金额: less non-recharge coupons' shares), in fen
 * @param orderAmount the payments' 订单金额 (coupons included), in fen
 * @param couponAmount the payments' 代金券金额, in fen
 * @param refundRequestedAmount the refunds' 申请退款金额, in fen
 */
public record BillTotals(long paymentCount, long settledAmount, long refundCount, long refundAmount, long orderAmount,
		long couponAmount, long refundRequestedAmount) {

	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	/** The totals of the bill of {@code day} (Beijing) for these orders. */
	public static BillTotals of(List<OrderTruth> truths, LocalDate day) {
		long paymentCount = 0;
		long settled = 0;
		long refundCount = 0;
		long refunded = 0;
		long ordered = 0;
		long coupons = 0;
		long requested = 0;
		for (OrderTruth truth : paidOn(truths, day)) {
			paymentCount++;
			settled += truth.settlementTotal();
			ordered += truth.paidAmount();
			coupons += truth.couponAmount();
		}
		for (OrderTruth truth : truths) {
			if (truth.refunds() == null) {
				continue;
			}
			for (OrderTruth.RefundTruth refund : truth.refunds()) {
				// a closed refund gave the money back: WeChat's bill leaves it out
				if (!"CLOSED".equals(refund.status()) && refund.createdAt() != null
						&& refund.createdAt().atZoneSameInstant(BEIJING).toLocalDate().equals(day)) {
					refundCount++;
					refunded += refund.settlementRefund();
					requested += refund.amount();
				}
			}
		}
		return new BillTotals(paymentCount, settled, refundCount, refunded, ordered, coupons, requested);
	}

	static List<OrderTruth> paidOn(List<OrderTruth> truths, LocalDate day) {
		return truths.stream()
			.filter((truth) -> truth.successTime() != null && truth.paidAmount() > 0
					&& truth.successTime().atZoneSameInstant(BEIJING).toLocalDate().equals(day))
			.toList();
	}

}
