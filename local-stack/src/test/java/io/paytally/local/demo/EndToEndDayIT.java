package io.paytally.local.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paytally.local.scenario.DayVerdict;
import io.paytally.local.scenario.Kind;
import io.paytally.local.scenario.ScenarioPlan;
import io.paytally.local.scenario.ScenarioSettings;
import io.paytally.local.service.Service;
import io.paytally.local.stack.DayClock;
import io.paytally.local.stack.LocalStack;
import io.paytally.local.stack.LocalStackOptions;
import io.paytally.schemas.DifferenceClass;
import io.paytally.testkit.KafkaTestBroker;
import io.paytally.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's day, smaller, in the suite: a real broker (testkit), a real database
 * (PostgreSQL where one answers, else H2), the sandbox and the three services in this
 * JVM, orders through the payment intake API, WeChat's misbehaviour through the sandbox.
 * Every order ends as WeChat's ground truth says, the anomalies are exactly the planted
 * ones and the statement's totals equal the bill's.
 */
class EndToEndDayIT {

	private static final Logger logger = LoggerFactory.getLogger(EndToEndDayIT.class);

	@TempDir
	static Path data;

	static KafkaTestBroker broker;

	static TestDatabase database;

	static DayClock clock;

	static LocalStack stack;

	@BeforeAll
	static void start() {
		broker = KafkaTestBroker.start();
		database = TestDatabase.create();
		clock = DayClock.systemUtc();
		Map<Service, Integer> ports = Map.of(Service.SANDBOX, 0, Service.INGEST, 0, Service.STREAM, 0, Service.BATCH,
				0);
		stack = LocalStack.start(new LocalStackOptions(data, broker.bootstrapServers(), database.jdbcUrl(),
				database.username(), database.password(), LocalStackOptions.DEMO_MCHID, LocalStackOptions.DEMO_APPID,
				ports, 0.01, clock, DemoCommand.demoProperties(), false), LocalStack.StartListener.NONE);
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
		if (database != null) {
			database.close();
		}
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void everyOrderEndsAsWeChatSaysWithExactlyThePlantedAnomaliesAndTheBillsTotals() {
		LocalDate day = clock.today().minusDays(1);
		ScenarioSettings settings = ScenarioSettings.of(LocalStackOptions.DEMO_MCHID, 60, 20261122)
			.withOrderPrefix("E2E")
			.withSettleTimeout(Duration.ofMinutes(4));
		BusinessDay.Outcome outcome = new BusinessDay(stack, clock, day).play(settings, (driver) -> {
		}, (progress) -> logger.info(progress.line()), logger::info);
		DayVerdict verdict = outcome.verdict();
		assertThat(verdict.problems()).isEmpty();
		assertThat(outcome.statementExitCode()).isZero();
		ScenarioPlan plan = ScenarioPlan.of(settings);
		for (Kind kind : Kind.values()) {
			assertThat(plan.count(kind)).as(kind.description()).isPositive();
		}
		assertThat(verdict.day().outTradeNos()).hasSize(60);
		assertThat(verdict.day().truths()).hasSize(61);
		assertThat(verdict.anomalies()).isEqualTo(verdict.day().plantedAnomalies()).hasSize(4);
		assertThat(verdict.day().forgedSent()).isEqualTo(verdict.day().forgedRefused()).isPositive();
		assertThat(verdict.statement().billPaymentCount()).isEqualTo(verdict.bill().paymentCount());
		assertThat(verdict.statement().billSettledAmount()).isEqualTo(verdict.bill().settledAmount());
		assertThat(verdict.statement().billRefundCount()).isEqualTo(verdict.bill().refundCount());
		assertThat(verdict.statement().billRefundAmount()).isEqualTo(verdict.bill().refundAmount());
		assertThat(verdict.statement().differences())
			.filteredOn((total) -> total.differenceClass() == DifferenceClass.AMOUNT_MISMATCH)
			.singleElement()
			.satisfies((total) -> assertThat(total.count()).isEqualTo(1));
	}

}
