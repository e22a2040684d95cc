package io.paytally.local.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.paytally.sandbox.OrderTruth;
import io.paytally.schemas.DifferenceClass;

/**
 * What happened during the day.
 *
 * @param outTradeNos every payment order made, per merchant order number
 * @param truths WeChat's final truth about every payment order of the day
 * @param disagreements where paytally's states differ from WeChat's truth (empty = all
 * agree)
 * @param plantedAnomalies the anomalies the day planted, as (type, merchant order), the
 * stream's and the statement's together
 * @param forgedSent forged callbacks sent
 * @param forgedRefused forged callbacks answered 4xx
 * @param errors what went wrong while playing (requests refused, ...)
 * @param duration how long the day took
 * @param plantedStreamAnomalyIds the ids of the anomalies stream-app must report for the
 * day's orders ({@code TYPE:mchid@out_trade_no[:...]}), exactly
 * @param plantedStatementAnomalies the anomalies the statement must report, as (type,
 * merchant order)
 * @param plantedDifferences how many orders or refunds the statement must put in each
 * difference class other than MATCHED and HELD_OVER (absent: none)
 */
public record DayResult(Map<String, List<String>> outTradeNos, List<OrderTruth> truths,
		List<Expectations.Disagreement> disagreements, Set<AnomalyKey> plantedAnomalies, long forgedSent,
		long forgedRefused, List<String> errors, Duration duration, Set<String> plantedStreamAnomalyIds,
		Set<AnomalyKey> plantedStatementAnomalies, Map<DifferenceClass, Long> plantedDifferences) {

	/** An anomaly as the scenario compares it: its type and merchant order. */
	public record AnomalyKey(String type, String merchantOrderNo) {

		@Override
		public String toString() {
			return this.type + " " + this.merchantOrderNo;
		}

	}

}
