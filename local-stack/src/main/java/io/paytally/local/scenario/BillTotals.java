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
 * @param settledAmount their settled amount, in fen
 * @param refundCount refund rows
 * @param refundAmount their amount, in fen
 */
public record BillTotals(long paymentCount, long settledAmount, long refundCount, long refundAmount) {

	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	/** The totals of the bill of {@code day} (Beijing) for these orders. */
	public static BillTotals of(List<OrderTruth> truths, LocalDate day) {
		long paymentCount = 0;
		long settled = 0;
		long refundCount = 0;
		long refunded = 0;
		for (OrderTruth truth : paidOn(truths, day)) {
			paymentCount++;
			settled += truth.paidAmount();
		}
		for (OrderTruth truth : truths) {
			if (truth.refunds() == null) {
				continue;
			}
			for (OrderTruth.RefundTruth refund : truth.refunds()) {
				if ("SUCCESS".equals(refund.status()) && refund.createdAt() != null
						&& refund.createdAt().atZoneSameInstant(BEIJING).toLocalDate().equals(day)) {
					refundCount++;
					refunded += refund.amount();
				}
			}
		}
		return new BillTotals(paymentCount, settled, refundCount, refunded);
	}

	static List<OrderTruth> paidOn(List<OrderTruth> truths, LocalDate day) {
		return truths.stream()
			.filter((truth) -> truth.successTime() != null && truth.paidAmount() > 0
					&& truth.successTime().atZoneSameInstant(BEIJING).toLocalDate().equals(day))
			.toList();
	}

}
