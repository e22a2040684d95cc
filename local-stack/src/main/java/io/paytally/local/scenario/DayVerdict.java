package io.paytally.local.scenario;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.paytally.local.scenario.DayResult.AnomalyKey;
import io.paytally.sandbox.OrderTruth;
import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.DifferenceClass;
import io.paytally.schemas.PaymentAnomaly;

/**
 * Whether paytally told the truth about the day: every order's final state equals
 * WeChat's, no order was closed at WeChat more than once, the anomalies are exactly the
 * planted ones, and the statement's totals equal the bill's.
 *
 * @param day what happened
 * @param anomalies the anomalies found, as (type, merchant order), the stream's and the
 * statement's (judged apart: the stream's by id, the statement's by type and merchant
 * order, the statement's differences by class)
 * @param statement the day's statement, null if none was made
 * @param bill the totals WeChat's bill must have, from WeChat's truth
 * @param problems every disagreement, one line each; empty = everything agrees
 */
public record DayVerdict(DayResult day, Set<AnomalyKey> anomalies, DailyStatement statement, BillTotals bill,
		List<String> problems) {

	/** The id prefix of the anomalies the daily statement reports. */
	static final String STATEMENT_ANOMALY = "daily-statement:";

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
		for (OrderTruth truth : day.truths()) {
			if (truth.closeRequests() > 1) {
				problems
					.add("close: " + truth.outTradeNo() + " was closed " + truth.closeRequests() + " times at WeChat");
			}
		}
		Map<String, String> merchantOrderOf = new HashMap<>();
		day.outTradeNos()
			.forEach((merchantOrderNo, nos) -> nos.forEach((no) -> merchantOrderOf.put(no, merchantOrderNo)));
		Set<AnomalyKey> anomalies = new LinkedHashSet<>();
		Set<String> streamIds = new TreeSet<>();
		Set<AnomalyKey> statementAnomalies = new LinkedHashSet<>();
		for (PaymentAnomaly anomaly : found) {
			String merchantOrderNo = (anomaly.merchantOrderNo() != null) ? anomaly.merchantOrderNo()
					: merchantOrderOf.getOrDefault(anomaly.outTradeNo(), anomaly.outTradeNo());
			AnomalyKey key = new AnomalyKey(anomaly.type().name(), merchantOrderNo);
			anomalies.add(key);
			if (anomaly.anomalyId().startsWith(STATEMENT_ANOMALY)) {
				statementAnomalies.add(key);
			}
			else {
				streamIds.add(anomaly.anomalyId());
			}
		}
		// the stream's anomalies, by id
		for (String planted : new TreeSet<>(day.plantedStreamAnomalyIds())) {
			if (!streamIds.contains(planted)) {
				problems.add("anomaly: planted " + planted + " was not reported by stream-app");
			}
		}
		for (String reported : streamIds) {
			if (!day.plantedStreamAnomalyIds().contains(reported)) {
				problems.add("anomaly: " + reported + " was reported by stream-app but not planted");
			}
		}
		// the statement's anomalies, by type and merchant order
		for (AnomalyKey planted : day.plantedStatementAnomalies()) {
			if (!statementAnomalies.contains(planted)) {
				problems.add("anomaly: planted " + planted + " was not reported by the statement");
			}
		}
		for (AnomalyKey reported : statementAnomalies) {
			if (!day.plantedStatementAnomalies().contains(reported)) {
				problems.add("anomaly: " + reported + " was reported by the statement but not planted");
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
		compare(problems, "order amount of the bill", bill.orderAmount(), statement.billOrderAmount());
		compare(problems, "coupon amount of the bill", bill.couponAmount(), statement.billCouponAmount());
		compare(problems, "refund requested amount of the bill", bill.refundRequestedAmount(),
				statement.billRefundRequestedAmount());
		// every difference class but the matched and the held over, exactly as planted
		Map<DifferenceClass, Long> counts = new EnumMap<>(DifferenceClass.class);
		statement.differences().forEach((total) -> counts.put(total.differenceClass(), total.count()));
		for (DifferenceClass c : DifferenceClass.values()) {
			if (c == DifferenceClass.MATCHED || c == DifferenceClass.HELD_OVER) {
				continue;
			}
			long planted = day.plantedDifferences().getOrDefault(c, 0L);
			long actual = counts.getOrDefault(c, 0L);
			if (planted != actual) {
				problems.add("statement: " + actual + " differences are " + c + ", " + planted + " were planted");
			}
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
