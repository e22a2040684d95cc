package io.paytally.batch.request;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.billdownload.DigestBillEntity;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.paytally.batch.BatchApplication;
import io.paytally.batch.bill.BillDownloads;
import io.paytally.batch.statement.StatementTasklet;
import io.paytally.batch.support.BillFixture;
import io.paytally.batch.support.Databases;
import io.paytally.batch.support.KafkaTopics;
import io.paytally.batch.support.States;
import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.StatementRun;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import io.paytally.schemas.topics.TopicSettings;
import io.paytally.testkit.KafkaTestBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A statement asked for on {@code recon.statement-runs} (as the dashboard asks) runs the
 * merchant's day in the running service and reports its status on the same key; a bill
 * that is not ready is retried by itself, and given up with the reason. H2, in-JVM KRaft
 * broker, bills from fixtures served as the SDK serves them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class StatementRequestsH2IT {

	static final String READY = "1900000031";

	static final String LATE = "1900000032";

	static final String NEVER = "1900000033";

	static final String WHILE_STOPPED = "1900000034";

	static final Instant NOW = Instant.parse("2027-06-01T06:00:00Z");

	static final LocalDate DAY = LocalDate.of(2026, 12, 1);

	static final Map<String, Supplier<DigestBillEntity>> BILLS = new ConcurrentHashMap<>();

	KafkaTestBroker broker;

	ConfigurableApplicationContext context;

	KafkaTopics topics;

	JdbcTemplate jdbc;

	@BeforeAll
	void start() throws IOException {
		Path files = Files.createTempDirectory("statement-requests-");
		this.broker = KafkaTestBroker.start(new TopicSettings(3, (short) 1, 1, Map.of()));
		this.topics = new KafkaTopics(this.broker.bootstrapServers());
		Map<String, Object> properties = new HashMap<>(Databases.h2());
		properties.put("spring.kafka.bootstrap-servers", this.broker.bootstrapServers());
		properties.put("paytally.batch.bill-dir", files.resolve("bills").toString());
		properties.put("paytally.batch.report-dir", files.resolve("reports").toString());
		properties.put("paytally.batch.kafka.poll-timeout", "200ms");
		properties.put("paytally.batch.requests.poll-timeout", "200ms");
		properties.put("paytally.batch.requests.retry-interval", "1s");
		properties.put("paytally.batch.requests.max-retry-interval", "2s");
		// waits of 1 s then 2 s: a third attempt, then the request fails
		properties.put("paytally.batch.requests.give-up-after", "3s");
		properties.put("logging.level.org.apache.kafka", "WARN");
		this.context = BatchApplication.builder()
			.sources(FixtureBills.class)
			.web(WebApplicationType.NONE)
			.run(properties.entrySet()
				.stream()
				.map((e) -> "--" + e.getKey() + "=" + e.getValue())
				.toArray(String[]::new));
		this.jdbc = this.context.getBean(JdbcTemplate.class);
		this.topics.writeStates(List.of(States.paidOrder(READY, "REQ-1", "REQ-1", 1000, at(9, 0)),
				States.paidOrder(READY, "REQ-2", "REQ-2", 2500, at(10, 0)),
				States.paidOrder(LATE, "REQ-1", "REQ-1", 800, at(12, 0)),
				States.paidOrder(WHILE_STOPPED, "REQ-1", "REQ-1", 700, at(11, 0))));
	}

	@AfterAll
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
		if (this.broker != null) {
			this.broker.close();
		}
	}

	@Test
	void aRequestRunsTheStatementAndReportsQueuedRunningDone() {
		BILLS.put(READY,
				new BillFixture(READY).payment(at(9, 0), "REQ-1", 1000).payment(at(10, 0), "REQ-2", 2500)::entity);

		request(StatementRun.requested(READY, DAY, "req-ready", "finance.li", NOW.minusSeconds(5)));

		List<StatementRun> runs = awaitRuns(READY, "req-ready", (run) -> run.ended());
		assertThat(runs).extracting((run) -> run.status() + " " + run.attempt() + " " + run.reason())
			.containsExactly("REQUESTED 0 null", "QUEUED 0 null", "RUNNING 1 null", "DONE 1 null");
		assertThat(runs).allSatisfy((run) -> {
			assertThat(run.requestedBy()).isEqualTo("finance.li");
			assertThat(run.requestedAt()).isEqualTo(NOW.minusSeconds(5));
		});
		assertThat(runs.get(3).updatedAt()).isEqualTo(NOW);
		// the statement is written, to the table and to recon.statements
		DailyStatement statement = StatementTasklet.find(this.jdbc, READY, DAY);
		assertThat(statement.billPaymentCount()).isEqualTo(2);
		assertThat(statement.billSettledAmount()).isEqualTo(3500);
		assertThat(statement.matchedCount()).isEqualTo(2);
		assertThat(this.topics.readKeyed(Topic.STATEMENTS, Serdes.dailyStatement()))
			.filteredOn((r) -> r.getKey().equals(READY + "@" + DAY))
			.extracting((r) -> r.getValue().matchedAmount())
			.containsExactly(3500L);
		// the steps' times reach Prometheus (what /actuator/prometheus answers), as the
		// Grafana dashboard's "Batch step times" reads them
		assertThat(this.context.getBean(PrometheusMeterRegistry.class).scrape())
			.contains("spring_batch_step_seconds_count{", "spring_batch_step_seconds_sum{");
	}

	@Test
	void aBillNotReadyIsRetriedByItselfUntilItIsReady() {
		// WeChat is still creating the bill when asked the first time, ready the second
		AtomicInteger asked = new AtomicInteger();
		BILLS.put(LATE, () -> {
			if (asked.incrementAndGet() == 1) {
				throw new ServiceException(null, 400,
						"{\"code\":\"STATEMENT_CREATING\",\"message\":\"bill is being created\"}");
			}
			return new BillFixture(LATE).payment(at(12, 0), "REQ-1", 800).entity();
		});

		request(StatementRun.requested(LATE, DAY, "req-late", "finance.wang", NOW));

		List<StatementRun> runs = awaitRuns(LATE, "req-late", (run) -> run.ended());
		assertThat(runs).extracting((run) -> run.status() + " " + run.attempt() + " " + run.nextAttemptAt())
			.containsExactly("REQUESTED 0 null", "QUEUED 0 null", "RUNNING 1 null", "RETRYING 1 " + NOW.plusSeconds(1),
					"RUNNING 2 null", "DONE 2 null");
		assertThat(runs.get(3).reason()).startsWith("BILL_NOT_READY: ").contains("still creating the bill of " + LATE);
		assertThat(runs.get(5).reason()).isNull();
		assertThat(asked).hasValue(2);
		assertThat(StatementTasklet.find(this.jdbc, LATE, DAY).matchedAmount()).isEqualTo(800);
	}

	@Test
	void aBillThatStaysNotReadyFailsTheRequestWithTheReasonAfterTheBoundedRetries() {
		BILLS.put(NEVER, () -> {
			throw new ServiceException(null, 400,
					"{\"code\":\"STATEMENT_CREATING\",\"message\":\"bill is being created\"}");
		});

		request(StatementRun.requested(NEVER, DAY, "req-never", "finance.zhao", NOW));

		List<StatementRun> runs = awaitRuns(NEVER, "req-never", (run) -> run.ended());
		assertThat(runs).extracting((run) -> run.status() + " " + run.attempt() + " " + run.nextAttemptAt())
			.containsExactly("REQUESTED 0 null", "QUEUED 0 null", "RUNNING 1 null", "RETRYING 1 " + NOW.plusSeconds(1),
					"RUNNING 2 null", "RETRYING 2 " + NOW.plusSeconds(2), "RUNNING 3 null", "FAILED 3 null");
		assertThat(runs.get(runs.size() - 1).reason()).startsWith("BILL_NOT_READY: ")
			.contains("still creating the bill of " + NEVER)
			.endsWith("(still not ready after 3 attempts; gave up)");
		assertThat(StatementTasklet.find(this.jdbc, NEVER, DAY)).isNull();
	}

	@Test
	void stoppingTheConsumerIsQuietAndPromptAndARequestSentMeanwhileRunsOnceItIsStartedAgain(CapturedOutput output) {
		StatementRequestConsumer consumer = this.context.getBean(StatementRequestConsumer.class);
		BILLS.put(WHILE_STOPPED, new BillFixture(WHILE_STOPPED).payment(at(11, 0), "REQ-1", 700)::entity);
		// the output is captured from the class's start: its first start is in it
		int taking = polls(output);
		consumer.stop();
		consumer.start();
		// stopped while it polls (as soon as it does, or after a few polls), started
		// again
		for (int cycle = 1; cycle <= 6; cycle++) {
			awaitPolling(output, taking + cycle);
			sleep((cycle % 2 == 0) ? 450 : 0);
			long stopping = System.nanoTime();
			consumer.stop();
			assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(2));
			assertThat(consumer.isRunning()).isFalse();
			if (cycle < 6) {
				consumer.start();
			}
		}
		request(StatementRun.requested(WHILE_STOPPED, DAY, "req-while-stopped", "finance.qian", NOW));

		consumer.start();

		List<StatementRun> runs = awaitRuns(WHILE_STOPPED, "req-while-stopped", (run) -> run.ended());
		assertThat(runs).extracting((run) -> run.status() + " " + run.attempt())
			.containsExactly("REQUESTED 0", "QUEUED 0", "RUNNING 1", "DONE 1");
		assertThat(StatementTasklet.find(this.jdbc, WHILE_STOPPED, DAY).matchedAmount()).isEqualTo(700);
		assertThat(output.getAll()).doesNotContain("InterruptException", "WakeupException", "Exception in thread");
		assertThat(output.getAll().lines().filter((line) -> line.contains("StatementRequestConsumer"))).isNotEmpty()
			.noneMatch((line) -> line.contains(" ERROR ") || line.contains(" WARN "));
	}

	// fixtures

	/** How many times the consumer has started taking requests. */
	static int polls(CapturedOutput output) {
		return output.getAll().split("Taking statement requests from ", -1).length - 1;
	}

	/** Waits until the consumer has started taking requests that many times. */
	static void awaitPolling(CapturedOutput output, int times) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (polls(output) < times) {
			assertThat(System.nanoTime()).as("the consumer never took requests %s times", times).isLessThan(deadline);
			sleep(20);
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static LocalDateTime at(int hour, int minute) {
		return DAY.atTime(hour, minute);
	}

	void request(StatementRun request) {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.bootstrapServers()), new StringSerializer(),
				new ByteArraySerializer())) {
			String topic = Topic.STATEMENT_RUNS.topicName();
			producer.send(new ProducerRecord<>(topic, request.key(), Serdes.statementRun().serialize(topic, request)));
			producer.flush();
		}
	}

	/** The records of a request, in order, once one of them matches. */
	List<StatementRun> awaitRuns(String mchid, String requestId, Predicate<StatementRun> until) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (true) {
			List<StatementRun> runs = this.topics.readKeyed(Topic.STATEMENT_RUNS, Serdes.statementRun())
				.stream()
				.filter((r) -> r.getKey().equals(StatementRun.key(mchid, DAY)))
				.map(Map.Entry::getValue)
				.filter((run) -> run.requestId().equals(requestId))
				.toList();
			if (runs.stream().anyMatch(until)) {
				return runs;
			}
			assertThat(System.nanoTime()).as("the request %s of %s never got there: %s", requestId, mchid, runs)
				.isLessThan(deadline);
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	/** The SDK replaced by fixtures and a fixed clock. */
	// registered as a source, not a @Configuration: component scanning must not find it
	static class FixtureBills {

		@Bean
		@Primary
		BillDownloads fixtureBillDownloads() {
			return (mchid, billDate) -> {
				Supplier<DigestBillEntity> bill = BILLS.get(mchid);
				if (bill == null || !billDate.equals(DAY)) {
					throw new ServiceException(null, 400, "{\"code\":\"NO_STATEMENT_EXIST\",\"message\":\"none\"}");
				}
				return bill.get();
			};
		}

		@Bean
		@Primary
		Clock fixedClock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

}
