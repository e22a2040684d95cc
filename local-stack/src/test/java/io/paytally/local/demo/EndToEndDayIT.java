package io.paytally.local.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
				database.username(), database.password(), LocalStackOptions.DEMO_MERCHANTS, ports, 0.01, clock,
				DemoCommand.demoProperties(), false), LocalStack.StartListener.NONE);
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
	void everyOrderOfEachMerchantEndsAsWeChatSaysWithExactlyThePlantedAnomaliesAndTheBillsTotals() {
		LocalDate day = clock.today().minusDays(1);
		ScenarioSettings settings = ScenarioSettings.of(LocalStackOptions.DEMO_MCHID, 60, 20261122)
			.withOrderPrefix("E2E")
			.withSettleTimeout(Duration.ofMinutes(4));
		List<ScenarioSettings> merchants = DemoCommand.merchants(settings);
		BusinessDay.Outcome outcome = new BusinessDay(stack, clock, day).play(merchants, (driver) -> {
		}, (mchid, progress) -> logger.info("{} {}", mchid, progress.line()), logger::info);

		assertThat(outcome.merchants()).extracting((merchant) -> merchant.settings().mchid())
			.containsExactly("1900000001", "1900000002");
		for (BusinessDay.MerchantDay merchant : outcome.merchants()) {
			DayVerdict verdict = merchant.verdict();
			String mchid = merchant.settings().mchid();
			assertThat(verdict.problems()).as(mchid).isEmpty();
			assertThat(merchant.statementExitCode()).as(mchid).isZero();
			assertThat(verdict.anomalies()).as(mchid).isEqualTo(verdict.day().plantedAnomalies());
			assertThat(verdict.day().truths()).as(mchid)
				.allSatisfy((truth) -> assertThat(truth.mchid()).isEqualTo(mchid));
			assertThat(verdict.statement().mchid()).isEqualTo(mchid);
			assertThat(verdict.statement().billPaymentCount()).as(mchid).isEqualTo(verdict.bill().paymentCount());
			assertThat(verdict.statement().billSettledAmount()).as(mchid).isEqualTo(verdict.bill().settledAmount());
			assertThat(verdict.statement().billRefundCount()).as(mchid).isEqualTo(verdict.bill().refundCount());
			assertThat(verdict.statement().billRefundAmount()).as(mchid).isEqualTo(verdict.bill().refundAmount());
		}

		DayVerdict main = outcome.merchants().get(0).verdict();
		ScenarioPlan plan = ScenarioPlan.of(settings);
		for (Kind kind : Kind.values()) {
			assertThat(plan.count(kind)).as(kind.description()).isPositive();
		}
		assertThat(main.day().outTradeNos()).hasSize(60);
		assertThat(main.day().truths()).hasSize(61);
		assertThat(main.anomalies()).hasSize(4);
		assertThat(main.day().forgedSent()).isEqualTo(main.day().forgedRefused()).isPositive();
		assertThat(main.statement().differences())
			.filteredOn((total) -> total.differenceClass() == DifferenceClass.AMOUNT_MISMATCH)
			.singleElement()
			.satisfies((total) -> assertThat(total.count()).isEqualTo(1));

		// the second merchant's orders carry the same numbers as the first's, and were
		// paid, closed and refunded on their own
		DayVerdict second = outcome.merchants().get(1).verdict();
		assertThat(second.day().outTradeNos()).hasSize(20);
		assertThat(main.day().outTradeNos().keySet()).containsAll(second.day().outTradeNos().keySet());
		Map<String, String> mainStates = statesByOutTradeNo(main);
		Map<String, String> secondStates = statesByOutTradeNo(second);
		assertThat(secondStates.keySet()).isSubsetOf(mainStates.keySet());
		Map<String, String> mainOfTheSameNumbers = new TreeMap<>(mainStates);
		mainOfTheSameNumbers.keySet().retainAll(secondStates.keySet());
		assertThat(secondStates).as("the same numbers in other states at WeChat").isNotEqualTo(mainOfTheSameNumbers);
	}

	private static Map<String, String> statesByOutTradeNo(DayVerdict verdict) {
		Map<String, String> states = new TreeMap<>();
		verdict.day().truths().forEach((truth) -> states.put(truth.outTradeNo(), truth.tradeState()));
		return states;
	}

}
