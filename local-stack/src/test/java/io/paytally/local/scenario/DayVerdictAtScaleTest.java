package io.paytally.local.scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.paytally.local.scenario.DayResult.AnomalyKey;
import io.paytally.sandbox.OrderTruth;
import io.paytally.schemas.AnomalyType;
import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.DifferenceClass;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.SuggestedAction;

import static org.assertj.core.api.Assertions.assertThat;

class DayVerdictAtScaleTest {

	static final String MCHID = "1900000001";

	static final LocalDate DAY = LocalDate.of(2026, 11, 22);

	static final OffsetDateTime PAID_AT = OffsetDateTime.of(2026, 11, 22, 10, 0, 5, 0, ZoneOffset.ofHours(8));

	@Test
	void agreesWhenTheAnomaliesAreThePlantedOnesAndTheStatementEqualsTheBill() {
		DayVerdict verdict = DayVerdict.judge(day(), List.of(anomaly(AnomalyType.PAID_AFTER_CLOSE, "MO2-1", null)),
				statement(2, 1500, 1, 400, Map.of()), DAY);

		assertThat(verdict.problems()).isEmpty();
		assertThat(verdict.agrees()).isTrue();
		assertThat(verdict.anomalies()).containsExactly(new AnomalyKey("PAID_AFTER_CLOSE", "MO2"));
		assertThat(verdict.bill()).isEqualTo(new BillTotals(2, 1500, 1, 400));
	}

	@Test
	void namesAPlantedAnomalyNotReportedAndAReportedOneNotPlanted() {
		DayVerdict verdict = DayVerdict.judge(day(), List.of(anomaly(AnomalyType.UNKNOWN_ORDER, "MO1-1", "MO1")),
				statement(2, 1500, 1, 400, Map.of()), DAY);

		assertThat(verdict.agrees()).isFalse();
		assertThat(verdict.problems()).containsExactly("anomaly: planted PAID_AFTER_CLOSE MO2 was not reported",
				"anomaly: UNKNOWN_ORDER MO1 was reported but not planted");
	}

	@Test
	void namesEveryStatementTotalThatDiffersFromWeChatsBill() {
		DayVerdict verdict = DayVerdict.judge(day(), List.of(anomaly(AnomalyType.PAID_AFTER_CLOSE, "MO2-1", null)),
				statement(3, 1499, 1, 400, Map.of(DifferenceClass.MISSING_AT_WECHAT, 1L)), DAY);

		assertThat(verdict.problems()).containsExactly("statement: payments in the bill is 3, WeChat's truth says 2",
				"statement: settled amount of the bill is 1499, WeChat's truth says 1500",
				"statement: 1 orders are MISSING_AT_WECHAT, none was planted");
	}

	@Test
	void namesAMissingStatementAForgedCallbackAcceptedAndTheScenariosOwnErrors() {
		DayResult played = day();
		DayResult day = new DayResult(played.outTradeNos(), played.truths(),
				List.of(new Expectations.Disagreement(MCHID + "@MO1-1", "is PAID on orders.state, expected REFUNDED")),
				played.plantedAnomalies(), 3, 2, List.of("merchant order MO3: refused"), played.duration());

		DayVerdict verdict = DayVerdict.judge(day, List.of(anomaly(AnomalyType.PAID_AFTER_CLOSE, "MO2-1", null)), null,
				DAY);

		assertThat(verdict.problems()).containsExactly("scenario: merchant order MO3: refused",
				"state: 1900000001@MO1-1 is PAID on orders.state, expected REFUNDED",
				"callbacks: 1 of 3 forged callbacks were not refused with 4xx",
				"statement: no statement for 2026-11-22 on recon.statements");
	}

	@Test
	void judgesADayOfManyOrdersInLinearTime() {
		int orders = 200_000;
		Map<String, List<String>> outTradeNos = new LinkedHashMap<>();
		List<OrderTruth> truths = new ArrayList<>(orders);
		Set<AnomalyKey> planted = new LinkedHashSet<>();
		List<PaymentAnomaly> found = new ArrayList<>();
		for (int i = 0; i < orders; i++) {
			String merchantOrderNo = "MO" + i;
			outTradeNos.put(merchantOrderNo, List.of(merchantOrderNo + "-1"));
			truths.add(truth(merchantOrderNo + "-1", 100, List.of()));
			if (i % 100 == 0) {
				planted.add(new AnomalyKey("AMOUNT_MISMATCH", merchantOrderNo));
				found.add(anomaly(AnomalyType.AMOUNT_MISMATCH, merchantOrderNo + "-1", null));
			}
		}
		DayResult day = new DayResult(outTradeNos, truths, List.of(), planted, 0, 0, List.of(), Duration.ZERO);
		DailyStatement statement = statement(orders, 100L * orders, 0, 0,
				Map.of(DifferenceClass.AMOUNT_MISMATCH, (long) planted.size()));

		long started = System.nanoTime();
		DayVerdict verdict = DayVerdict.judge(day, found, statement, DAY);

		assertThat(verdict.problems()).isEmpty();
		assertThat(verdict.anomalies()).hasSize(orders / 100);
		// quadratic work over 200,000 orders and 2,000 anomalies would take minutes
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
	}

	/**
	 * Two merchant orders: MO1 paid 1,000 and refunded 400 the same day; MO2's first
	 * payment order paid 500 after it was closed (planted PAID_AFTER_CLOSE).
	 */
	static DayResult day() {
		Map<String, List<String>> outTradeNos = new LinkedHashMap<>();
		outTradeNos.put("MO1", List.of("MO1-1"));
		outTradeNos.put("MO2", List.of("MO2-1"));
		List<OrderTruth> truths = List.of(truth("MO1-1", 1000, List.of(refund(400))), truth("MO2-1", 500, List.of()));
		return new DayResult(outTradeNos, truths, List.of(), Set.of(new AnomalyKey("PAID_AFTER_CLOSE", "MO2")), 1, 1,
				List.of(), Duration.ofSeconds(5));
	}

	static OrderTruth truth(String outTradeNo, long paid, List<OrderTruth.RefundTruth> refunds) {
		long refunded = refunds.stream().mapToLong(OrderTruth.RefundTruth::amount).sum();
		return new OrderTruth(MCHID, outTradeNo, refunds.isEmpty() ? "SUCCESS" : "REFUND", paid, paid,
				"42" + outTradeNo, PAID_AT, refunded, refunds, null, PAID_AT.minusMinutes(1), "NATIVE",
				"http://127.0.0.1:8081/wechatpay/v3/notify/" + MCHID);
	}

	static OrderTruth.RefundTruth refund(long amount) {
		return new OrderTruth.RefundTruth("R" + amount, "5030" + amount, amount, "SUCCESS", PAID_AT.plusMinutes(5),
				PAID_AT.plusMinutes(5));
	}

	static PaymentAnomaly anomaly(AnomalyType type, String outTradeNo, String merchantOrderNo) {
		return new PaymentAnomaly(PaymentAnomaly.idOf(type, MCHID, outTradeNo), type, MCHID, outTradeNo,
				merchantOrderNo, null, null, null, SuggestedAction.REVIEW, "test", "stream-app", Instant.EPOCH);
	}

	static DailyStatement statement(long payments, long settled, long refunds, long refunded,
			Map<DifferenceClass, Long> differences) {
		List<DailyStatement.ClassTotal> totals = new ArrayList<>();
		for (DifferenceClass differenceClass : DifferenceClass.values()) {
			totals
				.add(new DailyStatement.ClassTotal(differenceClass, differences.getOrDefault(differenceClass, 0L), 0));
		}
		return new DailyStatement(MCHID, DAY, payments, settled, refunds, refunded, 0, payments, settled, payments,
				settled, 0, totals, 0, 0, Instant.EPOCH);
	}

}
