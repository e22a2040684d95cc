package io.paytally.local.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paytally.local.scenario.DayVerdict;
import io.paytally.local.scenario.ScenarioSettings;
import io.paytally.local.service.Service;
import io.paytally.local.stack.ClusterShape;
import io.paytally.local.stack.DayClock;
import io.paytally.local.stack.LocalStack;
import io.paytally.local.stack.LocalStackOptions;
import io.paytally.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster's day with faults while the orders are created and paid: one of the three
 * brokers stops and comes back, a stream-app instance is killed without a clean shutdown
 * and replaced by a new one that restores from the changelogs, a notify-ingest instance
 * is killed and replaced; then, while expiry checks are in flight, an instance's
 * active-query worker is restarted. After the day the statement of the larger merchant,
 * run as {@code paytally statement} in a JVM of its own, is killed with SIGKILL in the
 * middle of its load, and the day's statements restart it. Every order still ends as
 * WeChat's ground truth says and none was closed twice at WeChat, the anomalies are the
 * planted ones, the statements' totals are the bills', the killed statement's run was
 * marked failed and the same job instance completed with one record on
 * {@code recon.statements}, and no transition on {@code orders.state} is lost or emitted
 * twice.
 */
class FaultDayIT {

	private static final Logger logger = LoggerFactory.getLogger(FaultDayIT.class);

	@TempDir
	static Path data;

	static TestDatabase database;

	static DayClock clock;

	static LocalStack stack;

	@BeforeAll
	static void start() {
		database = TestDatabase.create();
		if (database.kind() == TestDatabase.Kind.H2) {
			// the statement killed mid-load runs in a JVM of its own, which cannot reach
			// an in-memory H2: without PostgreSQL, the stack's H2 file (AUTO_SERVER), as
			// the demo's
			database.close();
			database = null;
		}
		clock = DayClock.systemUtc();
		Map<Service, Integer> ports = Map.of(Service.SANDBOX, 0, Service.INGEST, 0, Service.STREAM, 0, Service.BATCH,
				0);
		stack = LocalStack.start(
				new LocalStackOptions(data, null, (database != null) ? database.jdbcUrl() : null,
						(database != null) ? database.username() : null,
						(database != null) ? database.password() : null, LocalStackOptions.DEMO_MERCHANTS, ports, 0.01,
						clock, DemoCommand.demoProperties(), false)
					.withCluster(new ClusterShape(3, 2, 2)),
				LocalStack.StartListener.NONE);
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
		if (database != null) {
			database.close();
		}
	}

	@Test
	void losesAndDoublesNothingWhenABrokerInstancesTheActiveQueryWorkerAndTheStatementGoMidDay() throws Exception {
		LocalDate day = clock.today().minusDays(1);
		ScenarioSettings settings = ScenarioSettings.of(LocalStackOptions.DEMO_MCHID, 150, 20261203)
			.withOrderPrefix("FLT")
			.withSettleTimeout(Duration.ofMinutes(4));
		DayFaults faults = new DayFaults(stack, new DayFaults.Timing(Duration.ofSeconds(3), Duration.ofSeconds(15),
				Duration.ofSeconds(5), Duration.ofSeconds(8), Duration.ofSeconds(10)));
		// a killed stream-app instance holds its partitions until the group's session
		// times out (15 s on the cluster): orders created meanwhile stay payable long
		// enough for the retries of their payment requests
		BusinessDay.Outcome outcome;
		try (faults) {
			outcome = new BusinessDay(stack, clock, day).play(
					DemoCommand.payableFor(DemoCommand.merchants(settings), DemoCommand.FAULTY_PAYABLE),
					(driver) -> faults.start(), (mchid, progress) -> logger.info("{} {}", mchid, progress.line()),
					logger::info, faults::killStatementMidLoad);
			faults.await(Duration.ofMinutes(1));
		}
		boolean statementRestarted = faults.checkStatementRestart();
		logger.info("Faults: {}", faults.log());

		assertThat(faults.log()).hasSize(9).noneMatch((line) -> line.contains("FAILED"));
		assertThat(faults.log()).anyMatch((line) -> line.contains("stopped broker 2"))
			.anyMatch((line) -> line.contains("restarted broker 2"))
			.anyMatch((line) -> line.contains("killed stream-app instance 1"))
			.anyMatch((line) -> line.contains("started a new stream-app instance 1"))
			.anyMatch((line) -> line.contains("killed notify-ingest instance 1"))
			.anyMatch((line) -> line.contains("started a new notify-ingest instance 1"))
			.anyMatch((line) -> line.matches(
					".*restarted the active-query worker of stream-app instance [01] with [1-9][0-9]* checks? in flight"))
			.anyMatch((line) -> line.contains("killed the statement of " + LocalStackOptions.DEMO_MCHID))
			.anyMatch((line) -> line.contains("restarted the killed statement of " + LocalStackOptions.DEMO_MCHID));
		// the statement killed mid-load and restarted: the dead run failed, the same job
		// instance completed, after loading the lines the dead one had not committed
		StatementKill.Restart restart = faults.statementRestart();
		assertThat(restart).isNotNull();
		assertThat(restart.killed().mchid()).isEqualTo(LocalStackOptions.DEMO_MCHID);
		assertThat(restart.killed().exitCode()).as("SIGKILL").isEqualTo(137);
		assertThat(restart.killed().committedLines()).isPositive().isLessThan(restart.billLines());
		assertThat(restart.executions()).hasSize(2);
		assertThat(restart.executions().get(0).id()).isEqualTo(restart.killed().jobExecution());
		assertThat(restart.executions().get(0).status()).isIn("FAILED", "ABANDONED");
		assertThat(restart.executions().get(1).status()).isEqualTo("COMPLETED");
		assertThat(restart.instances()).as("one run of the merchant's day").isOne();
		assertThat(restart.statementRecords()).as("records on recon.statements").isOne();
		assertThat(statementRestarted).isTrue();
		for (BusinessDay.MerchantDay merchant : outcome.merchants()) {
			DayVerdict verdict = merchant.verdict();
			String mchid = merchant.settings().mchid();
			// every order as WeChat's ground truth, none closed more than once there
			assertThat(verdict.problems()).as(mchid).isEmpty();
			assertThat(verdict.day().truths()).as(mchid)
				.allSatisfy((truth) -> assertThat(truth.closeRequests()).as(truth.outTradeNo()).isLessThanOrEqualTo(1));
			assertThat(merchant.statementExitCode()).as(mchid).isZero();
			assertThat(verdict.anomalies()).as(mchid).isEqualTo(verdict.day().plantedAnomalies());
			assertThat(verdict.statement().billPaymentCount()).as(mchid).isEqualTo(verdict.bill().paymentCount());
			assertThat(verdict.statement().billSettledAmount()).as(mchid).isEqualTo(verdict.bill().settledAmount());
			assertThat(verdict.statement().billRefundCount()).as(mchid).isEqualTo(verdict.bill().refundCount());
			assertThat(verdict.statement().billRefundAmount()).as(mchid).isEqualTo(verdict.bill().refundAmount());
		}
		assertThat(restart.billLines()).as("every line of the killed statement's bill, once")
			.isEqualTo(outcome.merchants().get(0).verdict().bill().paymentCount()
					+ outcome.merchants().get(0).verdict().bill().refundCount());
		assertThat(outcome.merchants().get(0).verdict().day().outTradeNos()).hasSize(150);
		assertThat(outcome.merchants().get(0).verdict().day().truths()).as("orders closed by the active query")
			.anySatisfy((truth) -> assertThat(truth.closeRequests()).isOne());
		assertThat(stack.embeddedKafka().isRunning(2)).isTrue();
		assertThat(DayFaults.stateVersionProblems(stack.kafka(), Duration.ofSeconds(60))).isEmpty();
		// the catalog's topics and stream-app's own are on three replicas
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka()))) {
			List<String> names = admin.listTopics()
				.names()
				.get(30, TimeUnit.SECONDS)
				.stream()
				.filter((name) -> name.startsWith("orders.") || name.startsWith("paytally-stream"))
				.toList();
			assertThat(names).anyMatch((name) -> name.startsWith("paytally-stream") && name.endsWith("-changelog"));
			Map<String, TopicDescription> topics = admin.describeTopics(names)
				.allTopicNames()
				.get(30, TimeUnit.SECONDS);
			assertThat(topics.values()).allSatisfy((topic) -> assertThat(topic.partitions())
				.allSatisfy((partition) -> assertThat(partition.replicas()).as(topic.name()).hasSize(3)));
		}
	}

}
