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

import io.paytally.local.scenario.DayResult.AnomalyKey;
import io.paytally.sandbox.OrderTruth;
import io.paytally.schemas.AnomalyType;
import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.DifferenceClass;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.SuggestedAction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DayVerdictTest {

	static final String MCHID = "1900000001";

	static final LocalDate DAY = LocalDate.of(2026, 12, 1);

	static final Instant AT = Instant.parse("2026-12-01T04:00:00Z");

	@Test
	void agreesWhenTheStreamsAnomaliesTheStatementsAnomaliesAndItsClassesAreExactlyThePlantedOnes() {
		DayVerdict verdict = DayVerdict.judge(day(), List.of(stream(AnomalyType.REFUND_ABNORMAL, "MO-1-1", ":RMO-1-1"),
				stream(AnomalyType.QUERY_UNANSWERED, "MO-2-1", ""),
				stream(AnomalyType.QUERY_UNANSWERED, "MO-2-1", ":answered"),
				stream(AnomalyType.AMOUNT_MISMATCH, "MO-3-1", ""), statement(AnomalyType.AMOUNT_MISMATCH, "MO-3-1")),
				statement(Map.of(DifferenceClass.AMOUNT_MISMATCH, 1L, DifferenceClass.REFUND_ABNORMAL, 1L)), DAY);

		assertThat(verdict.problems()).isEmpty();
	}

	@Test
	void namesAMissingOrExtraStreamAnomalyByIdAndAClassCountThatDiffers() {
		DayVerdict verdict = DayVerdict.judge(day(), List.of(stream(AnomalyType.REFUND_ABNORMAL, "MO-1-1", ":RMO-1-1"),
				stream(AnomalyType.QUERY_UNANSWERED, "MO-2-1", ""), stream(AnomalyType.QUERY_UNANSWERED, "MO-4-1", ""),
				stream(AnomalyType.AMOUNT_MISMATCH, "MO-3-1", "")),
				statement(Map.of(DifferenceClass.AMOUNT_MISMATCH, 1L, DifferenceClass.REFUND_MISMATCH, 1L)), DAY);

		assertThat(verdict.problems()).containsExactly(
				"anomaly: planted QUERY_UNANSWERED:1900000001@MO-2-1:answered was not reported by stream-app",
				"anomaly: QUERY_UNANSWERED:1900000001@MO-4-1 was reported by stream-app but not planted",
				"anomaly: planted AMOUNT_MISMATCH MO-3 was not reported by the statement",
				"statement: 1 differences are REFUND_MISMATCH, 0 were planted",
				"statement: 0 differences are REFUND_ABNORMAL, 1 were planted");
	}

	@Test
	void namesEveryOrderClosedMoreThanOnceAtWechat() {
		DayResult planted = day();
		DayResult day = new DayResult(planted.outTradeNos(),
				List.of(closed("MO-1-1", 1), closed("MO-2-1", 2), closed("MO-3-1", 3), closed("MO-4-1", 0)), List.of(),
				planted.plantedAnomalies(), 0, 0, List.of(), planted.duration(), planted.plantedStreamAnomalyIds(),
				planted.plantedStatementAnomalies(), planted.plantedDifferences());

		DayVerdict verdict = DayVerdict.judge(day, List.of(stream(AnomalyType.REFUND_ABNORMAL, "MO-1-1", ":RMO-1-1"),
				stream(AnomalyType.QUERY_UNANSWERED, "MO-2-1", ""),
				stream(AnomalyType.QUERY_UNANSWERED, "MO-2-1", ":answered"),
				stream(AnomalyType.AMOUNT_MISMATCH, "MO-3-1", ""), statement(AnomalyType.AMOUNT_MISMATCH, "MO-3-1")),
				statement(Map.of(DifferenceClass.AMOUNT_MISMATCH, 1L, DifferenceClass.REFUND_ABNORMAL, 1L)), DAY);

		assertThat(verdict.problems()).containsExactly("close: MO-2-1 was closed 2 times at WeChat",
				"close: MO-3-1 was closed 3 times at WeChat");
		assertThat(verdict.agrees()).isFalse();
	}

	@Test
	void judgesADayOfManyOrdersInLinearTime() {
		int orders = 200_000;
		Map<String, List<String>> outTradeNos = new LinkedHashMap<>();
		Set<String> plantedIds = new LinkedHashSet<>();
		List<PaymentAnomaly> found = new ArrayList<>();
		for (int i = 0; i < orders; i++) {
			String merchantOrderNo = "MO-" + i;
			outTradeNos.put(merchantOrderNo, List.of(merchantOrderNo + "-1"));
			if (i % 100 == 0) {
				PaymentAnomaly anomaly = stream(AnomalyType.QUERY_UNANSWERED, merchantOrderNo + "-1", "");
				plantedIds.add(anomaly.anomalyId());
				found.add(anomaly);
			}
		}
		DayResult day = new DayResult(outTradeNos, List.of(), List.of(), Set.of(), 0, 0, List.of(),
				Duration.ofSeconds(1), plantedIds, Set.of(), Map.of());

		long started = System.nanoTime();
		DayVerdict verdict = DayVerdict.judge(day, found, statement(Map.of()), DAY);

		assertThat(verdict.problems()).isEmpty();
		// quadratic work over 200,000 orders and 2,000 anomalies would take minutes
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
	}

	static DayResult day() {
		return new DayResult(Map.of("MO-1", List.of("MO-1-1"), "MO-2", List.of("MO-2-1"), "MO-3", List.of("MO-3-1")),
				List.of(), List.of(), Set.of(), 0, 0, List.of(), Duration.ofSeconds(1),
				Set.of("REFUND_ABNORMAL:1900000001@MO-1-1:RMO-1-1", "QUERY_UNANSWERED:1900000001@MO-2-1",
						"QUERY_UNANSWERED:1900000001@MO-2-1:answered", "AMOUNT_MISMATCH:1900000001@MO-3-1"),
				Set.of(new AnomalyKey("AMOUNT_MISMATCH", "MO-3")),
				Map.of(DifferenceClass.AMOUNT_MISMATCH, 1L, DifferenceClass.REFUND_ABNORMAL, 1L));
	}

	static OrderTruth closed(String outTradeNo, int closeRequests) {
		OffsetDateTime created = AT.atOffset(ZoneOffset.ofHours(8));
		return new OrderTruth(MCHID, outTradeNo, "CLOSED", 100, 0, null, null, 0, List.of(), created.plusMinutes(5),
				created, "JSAPI", "https://merchant.example/notify", 0, null, closeRequests);
	}

	static PaymentAnomaly stream(AnomalyType type, String outTradeNo, String suffix) {
		return new PaymentAnomaly(PaymentAnomaly.idOf(type, MCHID, outTradeNo) + suffix, type, MCHID, outTradeNo, null,
				null, null, null, SuggestedAction.REVIEW, "planted", "stream-app", AT);
	}

	static PaymentAnomaly statement(AnomalyType type, String outTradeNo) {
		return new PaymentAnomaly(DayVerdict.STATEMENT_ANOMALY + MCHID + ":" + DAY + ":" + type + ":" + outTradeNo,
				type, MCHID, outTradeNo, null, null, null, null, SuggestedAction.REVIEW, "planted", "daily-statement",
				AT);
	}

	static DailyStatement statement(Map<DifferenceClass, Long> counts) {
		List<DailyStatement.ClassTotal> classes = new ArrayList<>();
		for (DifferenceClass c : DifferenceClass.values()) {
			classes.add(new DailyStatement.ClassTotal(c, counts.getOrDefault(c, 0L), 0));
		}
		return new DailyStatement(MCHID, DAY, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, classes, 0, 0, AT);
	}

}
