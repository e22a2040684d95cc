package io.paytally.local.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paytally.local.scenario.DayVerdict;
import io.paytally.local.scenario.ScenarioSettings;
import io.paytally.local.service.RunningService;
import io.paytally.local.service.Service;
import io.paytally.local.stack.ClusterShape;
import io.paytally.local.stack.DayClock;
import io.paytally.local.stack.LocalStack;
import io.paytally.local.stack.LocalStackOptions;
import io.paytally.stream.topology.PaymentStreams;
import io.paytally.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's day on a cluster in this JVM: three brokers with the production settings,
 * two notify-ingest instances behind the round-robin balancer, three stream-app instances
 * sharing the partitions. Every order of both merchants ends as WeChat's ground truth
 * says, the anomalies are the planted ones, the statements' totals are the bills', every
 * instance did its share and every order's history on {@code orders.state} is whole.
 */
class ClusterDayIT {

	private static final Logger logger = LoggerFactory.getLogger(ClusterDayIT.class);

	@TempDir
	static Path data;

	static TestDatabase database;

	static DayClock clock;

	static LocalStack stack;

	@BeforeAll
	static void start() {
		database = TestDatabase.create();
		clock = DayClock.systemUtc();
		Map<Service, Integer> ports = Map.of(Service.SANDBOX, 0, Service.INGEST, 0, Service.STREAM, 0, Service.BATCH,
				0);
		stack = LocalStack
			.start(new LocalStackOptions(data, null, database.jdbcUrl(), database.username(), database.password(),
					LocalStackOptions.DEMO_MERCHANTS, ports, 0.01, clock, DemoCommand.demoProperties(), false)
				.withCluster(new ClusterShape(3, 2, 2)), LocalStack.StartListener.NONE);
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
	void everyOrderEndsAsWeChatSaysOnThreeBrokersTwoIngestAndTwoStreamInstances() throws Exception {
		LocalDate day = clock.today().minusDays(1);
		ScenarioSettings settings = ScenarioSettings.of(LocalStackOptions.DEMO_MCHID, 200, 20261202)
			.withOrderPrefix("CLU")
			.withSettleTimeout(Duration.ofMinutes(3));
		long started = System.nanoTime();
		BusinessDay.Outcome outcome = new BusinessDay(stack, clock, day)
			.play(DemoCommand.payableFor(DemoCommand.merchants(settings), DemoCommand.CLUSTER_PAYABLE), (driver) -> {
			}, (mchid, progress) -> logger.info("{} {}", mchid, progress.line()), logger::info);
		logger.info("Cluster day of 200 + 50 orders played and judged in {} s",
				Duration.ofNanos(System.nanoTime() - started).toSeconds());

		for (BusinessDay.MerchantDay merchant : outcome.merchants()) {
			DayVerdict verdict = merchant.verdict();
			String mchid = merchant.settings().mchid();
			assertThat(verdict.problems()).as(mchid).isEmpty();
			assertThat(merchant.statementExitCode()).as(mchid).isZero();
			assertThat(verdict.anomalies()).as(mchid).isEqualTo(verdict.day().plantedAnomalies());
			assertThat(verdict.statement().billPaymentCount()).as(mchid).isEqualTo(verdict.bill().paymentCount());
			assertThat(verdict.statement().billSettledAmount()).as(mchid).isEqualTo(verdict.bill().settledAmount());
			assertThat(verdict.statement().billRefundCount()).as(mchid).isEqualTo(verdict.bill().refundCount());
			assertThat(verdict.statement().billRefundAmount()).as(mchid).isEqualTo(verdict.bill().refundAmount());
		}
		assertThat(outcome.merchants().get(0).verdict().day().outTradeNos()).hasSize(200);

		// the balancer spread the callbacks over both notify-ingest instances
		assertThat(stack.ingests()).hasSize(2)
			.allSatisfy((ingest) -> assertThat(acceptedCallbacks(ingest)).as("callbacks accepted").isPositive());
		// the stream-app instances share the partitions
		assertThat(stack.streams()).hasSize(2)
			.allSatisfy((stream) -> assertThat(activeTasks(stream)).as("active tasks").isPositive());
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
		assertThat(DayFaults.stateVersionProblems(stack.kafka(), Duration.ofSeconds(60))).isEmpty();
	}

	static double acceptedCallbacks(RunningService ingest) {
		return ingest.bean(MeterRegistry.class)
			.find("paytally.ingest.callbacks.accepted")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	static int activeTasks(RunningService stream) {
		return stream.bean(PaymentStreams.class)
			.kafkaStreams()
			.metadataForLocalThreads()
			.stream()
			.mapToInt((ThreadMetadata thread) -> thread.activeTasks().size())
			.sum();
	}

}
