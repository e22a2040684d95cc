package io.paytally.local.scenario;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.paytally.local.scenario.DayResult.AnomalyKey;
import io.paytally.sandbox.OrderTruth;
import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.DifferenceClass;
import io.paytally.schemas.PaymentAnomaly;

/**
 * Whether paytally told the truth about the day: every order's final state equals
 * WeChat's, the anomalies are exactly the planted ones, and the statement's totals equal
 * the bill's.
 *
 * @param day what happened
 * @param anomalies the anomalies found, as (type, merchant order)
 * @param statement the day's statement, null if none was made
 * @param bill the totals WeChat's bill must have, from WeChat's truth
 * @param problems every disagreement, one line each; empty = everything agrees
 */
public record DayVerdict(DayResult day, Set<AnomalyKey> anomalies, DailyStatement statement, BillTotals bill,
		List<String> problems) {

	/** Whether everything agrees. */
	public boolean agrees() {
		return this.problems.isEmpty();
	}

	/** Judges a day. */
	public static DayVerdict judge(DayResult day, List<PaymentAnomaly> found, DailyStatement statement,
			LocalDate billDate) {
		List<String> problems = new ArrayList<>();
		day.errors().forEach((error) -> problems.add("scenario: " + error));
		day.disagreements().forEach((difference) -> problems.add("state: " + difference));
		Map<String, String> merchantOrderOf = new HashMap<>();
		day.outTradeNos()
			.forEach((merchantOrderNo, nos) -> nos.forEach((no) -> merchantOrderOf.put(no, merchantOrderNo)));
		Set<AnomalyKey> anomalies = new LinkedHashSet<>();
		for (PaymentAnomaly anomaly : found) {
			String merchantOrderNo = (anomaly.merchantOrderNo() != null) ? anomaly.merchantOrderNo()
					: merchantOrderOf.getOrDefault(anomaly.outTradeNo(), anomaly.outTradeNo());
			anomalies.add(new AnomalyKey(anomaly.type().name(), merchantOrderNo));
		}
		for (AnomalyKey planted : day.plantedAnomalies()) {
			if (!anomalies.contains(planted)) {
				problems.add("anomaly: planted " + planted + " was not reported");
			}
		}
		for (AnomalyKey reported : anomalies) {
			if (!day.plantedAnomalies().contains(reported)) {
				problems.add("anomaly: " + reported + " was reported but not planted");
			}
		}
		if (day.forgedRefused() != day.forgedSent()) {
			problems.add("callbacks: " + (day.forgedSent() - day.forgedRefused()) + " of " + day.forgedSent()
					+ " forged callbacks were not refused with 4xx");
		}
		BillTotals bill = BillTotals.of(day.truths(), billDate);
		if (statement == null) {
			problems.add("statement: no statement for " + billDate + " on recon.statements");
		}
		else {
			checkStatement(statement, bill, day, problems);
		}
		return new DayVerdict(day, anomalies, statement, bill, List.copyOf(problems));
	}

	private static void checkStatement(DailyStatement statement, BillTotals bill, DayResult day,
			List<String> problems) {
		compare(problems, "payments in the bill", bill.paymentCount(), statement.billPaymentCount());
		compare(problems, "settled amount of the bill", bill.settledAmount(), statement.billSettledAmount());
		compare(problems, "refunds in the bill", bill.refundCount(), statement.billRefundCount());
		compare(problems, "refunded amount of the bill", bill.refundAmount(), statement.billRefundAmount());
		Map<DifferenceClass, Long> counts = new EnumMap<>(DifferenceClass.class);
		statement.differences().forEach((total) -> counts.put(total.differenceClass(), total.count()));
		for (DifferenceClass unexpected : List.of(DifferenceClass.MISSING_LOCALLY, DifferenceClass.MISSING_AT_WECHAT,
				DifferenceClass.STATUS_MISMATCH, DifferenceClass.REFUND_MISMATCH)) {
			if (counts.getOrDefault(unexpected, 0L) != 0) {
				problems
					.add("statement: " + counts.get(unexpected) + " orders are " + unexpected + ", none was planted");
			}
		}
		long mismatches = day.plantedAnomalies()
			.stream()
			.filter((key) -> key.type().equals(DifferenceClass.AMOUNT_MISMATCH.name()))
			.count();
		compare(problems, "AMOUNT_MISMATCH orders in the statement", mismatches,
				counts.getOrDefault(DifferenceClass.AMOUNT_MISMATCH, 0L));
		long duplicates = day.plantedAnomalies()
			.stream()
			.filter((key) -> key.type().equals(DifferenceClass.DUPLICATE_PAYMENT.name()))
			.count();
		if (duplicates > 0 && counts.getOrDefault(DifferenceClass.DUPLICATE_PAYMENT, 0L) == 0) {
			problems.add("statement: " + duplicates + " duplicate payments were planted, the statement has none");
		}
		if (duplicates == 0 && counts.getOrDefault(DifferenceClass.DUPLICATE_PAYMENT, 0L) != 0) {
			problems.add("statement: DUPLICATE_PAYMENT differences but none was planted");
		}
	}

	private static void compare(List<String> problems, String what, long expected, long actual) {
		if (expected != actual) {
			problems.add("statement: " + what + " is " + actual + ", WeChat's truth says " + expected);
		}
	}

	/** The truths of the orders WeChat took money for on the day. */
	static List<OrderTruth> paidOn(List<OrderTruth> truths, LocalDate day) {
		return BillTotals.paidOn(truths, day);
	}

}
