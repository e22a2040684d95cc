package io.paytally.ingest.publish;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.paytally.ingest.support.IngestHarness;
import io.paytally.ingest.support.WechatPayFixture;
import io.paytally.ingest.support.WechatPayFixture.Callback;
import io.paytally.sandbox.CallbackAttempt;
import io.paytally.schemas.MerchantKey;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.topics.Topic;
import io.paytally.testkit.EmbeddedKafkaCluster;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Brokers going away under a steady stream of genuine callbacks, on a cluster of three
 * with the production settings (replication 3, {@code min.insync.replicas} 2, unclean
 * election off; the producer's {@code acks=all} and idempotence). A callback is answered
 * 5xx only while a write cannot reach {@code min.insync.replicas}: with one broker down
 * every callback is answered 200 (the producer's retries cover the leaders' failover
 * within the request; a callback in flight during the failover may still outlast the ack
 * timeout on a starved machine, and is then answered 503 like any other), with two down
 * 503 with WeChat's failure body, with the brokers back 200 again. With every broker down
 * (as a one-broker deployment's outage), readiness is DOWN too. Readiness follows whether
 * a callback can be written: UP with one broker down, DOWN naming the partitions while
 * fewer than {@code min.insync.replicas} are in sync, UP again once they are; liveness
 * stays UP throughout. WeChat's retries (the test's re-sends, the sandbox's schedule at
 * compressed time) land every refused callback: the topic holds every callback answered
 * 200 once, nothing that was not.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerOutageIT {

	private static final Logger logger = LoggerFactory.getLogger(BrokerOutageIT.class);

	private static final String SANDBOX_MCHID = "1900000003";

	private static final String UNAVAILABLE = IngestHarness.v3Failure("temporarily unavailable");

	@RegisterExtension
	static final IngestHarness harness = IngestHarness.builder()
		.cluster(3)
		.sandboxMerchant(SANDBOX_MCHID, "wx0000000000demo03")
		.timeScale(0.001)
		.wechat(new WechatPayFixture())
		.properties("--paytally.ingest.readiness-cache-ttl=100ms")
		.build();

	@Test
	@Order(1)
	void answers5xxOnlyWhileFewerThanMinInsyncReplicasAreReachableAndLandsEveryRetry() throws Exception {
		EmbeddedKafkaCluster cluster = harness.cluster();
		int minInsync = cluster.topicSettings().minInsyncReplicas();
		assertThat(minInsync).isEqualTo(2);
		assertThat(cluster.topicSettings().replicationFactor()).isEqualTo((short) 3);
		List<Exchange> exchanges;
		long firstStopping;
		long oneDown;
		long secondStopping;
		long belowMinInsync;
		long restarting;
		long backInSync;
		List<String> sandboxOrders = List.of("CLUSTERSBX01", "CLUSTERSBX02", "CLUSTERSBX03");
		try (Traffic traffic = new Traffic(4)) {
			traffic.awaitCompleted((exchange) -> true, 20);
			firstStopping = System.nanoTime();
			cluster.stopBroker(2);
			oneDown = System.nanoTime();
			traffic.awaitCompleted((exchange) -> exchange.startedAfter(oneDown), 40);
			// two of three in sync: still min.insync.replicas, still ready
			assertReady();
			secondStopping = System.nanoTime();
			cluster.stopBroker(1);
			belowMinInsync = System.nanoTime();
			for (int i = 0; i < sandboxOrders.size(); i++) {
				harness.placeAndPay(SANDBOX_MCHID, sandboxOrders.get(i), 100 * (i + 1),
						harness.v3NotifyUrl(SANDBOX_MCHID));
			}
			traffic.awaitCompleted((exchange) -> exchange.startedAfter(belowMinInsync), 6);
			// one in sync: out of rotation, saying which partitions and why; alive all
			// along
			HttpResponse<String> notReady = awaitReadiness(503);
			logger.info("Readiness below min.insync.replicas: {}", notReady.body());
			assertThat(notReady.body()).contains("\"status\":\"DOWN\"")
				.contains("\"belowMinIsr\":[")
				.contains("{\"topic\":\"" + Topic.PAYMENT_NOTIFICATIONS.topicName()
						+ "\",\"partition\":0,\"isr\":1,\"minIsr\":2}")
				.contains("{\"topic\":\"" + Topic.REFUND_NOTIFICATIONS.topicName()
						+ "\",\"partition\":0,\"isr\":1,\"minIsr\":2}");
			assertLive();
			restarting = System.nanoTime();
			cluster.restartBroker(1);
			awaitInSync(minInsync);
			backInSync = System.nanoTime();
			awaitReadiness(200);
			traffic.awaitCompleted((exchange) -> exchange.startedAfter(backInSync), 20);
			// the third broker rejoins under traffic too
			cluster.restartBroker(2);
			long allBack = System.nanoTime();
			traffic.awaitCompleted((exchange) -> exchange.startedAfter(allBack), 20);
			exchanges = traffic.stop();
		}

		List<Exchange> failover = filter(exchanges,
				(exchange) -> exchange.ended > firstStopping && exchange.started < oneDown);
		List<Exchange> oneBrokerDown = filter(exchanges,
				(exchange) -> exchange.startedAfter(oneDown) && exchange.ended < secondStopping);
		List<Exchange> belowMin = filter(exchanges,
				(exchange) -> exchange.startedAfter(belowMinInsync) && exchange.ended < restarting);
		List<Exchange> afterRestart = filter(exchanges, (exchange) -> exchange.startedAfter(backInSync));
		List<Exchange> refused = filter(exchanges, (exchange) -> exchange.status != 200);
		List<Exchange> refusedInFailover = filter(failover, (exchange) -> exchange.status != 200);
		logger.info(
				"{} callbacks: {} across the first broker's stop (leaders' failover, {} ms), {} of them 503; {} with "
						+ "one broker down, all 200; {} below min.insync.replicas, all 503; {} after the restart, "
						+ "all 200; {} answered 503 in all",
				exchanges.size(), failover.size(), TimeUnit.NANOSECONDS.toMillis(oneDown - firstStopping),
				refusedInFailover.size(), oneBrokerDown.size(), belowMin.size(), afterRestart.size(), refused.size());
		assertThat(filter(exchanges, (exchange) -> exchange.ended < firstStopping))
			.allSatisfy((exchange) -> exchange.assertAnswered(200, IngestHarness.V3_SUCCESS));
		assertThat(oneBrokerDown).hasSizeGreaterThanOrEqualTo(40)
			.allSatisfy((exchange) -> exchange.assertAnswered(200, IngestHarness.V3_SUCCESS));
		assertThat(belowMin).hasSizeGreaterThanOrEqualTo(6)
			.allSatisfy((exchange) -> exchange.assertAnswered(503, UNAVAILABLE));
		assertThat(afterRestart).hasSizeGreaterThanOrEqualTo(40)
			.allSatisfy((exchange) -> exchange.assertAnswered(200, IngestHarness.V3_SUCCESS));
		// the rule, exactly: a 5xx only for a request that overlapped the leaders'
		// failover or the time with fewer than min.insync.replicas in sync, and then
		// WeChat's failure body
		assertThat(refused).allSatisfy((exchange) -> {
			exchange.assertAnswered(503, UNAVAILABLE);
			assertThat(
					failover.contains(exchange) || (exchange.ended > secondStopping && exchange.started < backInSync))
				.as("%s answered 503 outside the failover and the time below min.insync.replicas", exchange.outTradeNo)
				.isTrue();
		});

		// WeChat sends again what was not acknowledged
		for (Exchange exchange : refused) {
			IngestHarness.assertAccepted(harness.post(exchange.callback));
		}
		harness.awaitCallbacksSettled(Duration.ofSeconds(60));

		Map<String, Long> written = harness.keyCounts(Topic.PAYMENT_NOTIFICATIONS,
				exchanges.size() + sandboxOrders.size());
		Set<String> acrossTransitions = refused.stream()
			.filter((exchange) -> !belowMin.contains(exchange))
			.map(Exchange::key)
			.collect(Collectors.toSet());
		assertThat(written).containsOnlyKeys(exchanges.stream()
			.map(Exchange::key)
			.collect(Collectors.toCollection(() -> new java.util.HashSet<>(sandboxOrders.stream()
				.map((outTradeNo) -> MerchantKey.encode(SANDBOX_MCHID, outTradeNo))
				.toList()))));
		written.forEach((key, count) -> {
			if (acrossTransitions.contains(key)) {
				// refused while the write may still have reached the replicas late: once,
				// or twice with the re-sent copy (the same notification id)
				assertThat(count).as(key).isBetween(1L, 2L);
			}
			else if (!key.startsWith(SANDBOX_MCHID)) {
				assertThat(count).as(key).isEqualTo(1L);
			}
		});
		for (String outTradeNo : sandboxOrders) {
			List<CallbackAttempt> attempts = harness.sandbox().control().callbacks(outTradeNo);
			assertThat(attempts).as(outTradeNo)
				.extracting(CallbackAttempt::status)
				.containsOnly(200, 503)
				.contains(503);
			assertThat(attempts).as(outTradeNo).filteredOn(CallbackAttempt::answered2xx).hasSize(1);
		}
	}

	@Test
	@Order(2)
	void answers503AndIsNotReadyWhileNoBrokerIsReachableAndLandsEveryRetryOnceBack() {
		awaitReadiness(200);
		harness.broker().stop();
		List<String> during = List.of("OUTAGE0001", "OUTAGE0002", "OUTAGE0003", "OUTAGE0004");
		for (int i = 0; i < during.size(); i++) {
			harness.placeAndPay(SANDBOX_MCHID, during.get(i), 100 * (i + 1), harness.v3NotifyUrl(SANDBOX_MCHID));
		}
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(harness.sandbox().control().callbacks(null))
				.filteredOn((attempt) -> during.contains(attempt.outTradeNo()) && attempt.status() != null)
				.extracting(CallbackAttempt::outTradeNo)
				.containsAll(during));
		HttpResponse<String> direct = harness.post(harness.wechat().paymentCallback("OUTAGE0005", 500));
		IngestHarness.assertRefused(direct, 503, "temporarily unavailable");
		awaitReadiness(503);

		assertLive();

		harness.broker().restart();
		awaitReadiness(200);
		harness.awaitCallbacksSettled(Duration.ofSeconds(120));

		assertThat(harness.sandbox().control().callbacks(null))
			.filteredOn((attempt) -> during.contains(attempt.outTradeNo()) && attempt.status() != null)
			.allSatisfy((attempt) -> assertThat(attempt.status()).isIn(200, 503))
			.filteredOn(CallbackAttempt::answered2xx)
			.extracting(CallbackAttempt::outTradeNo)
			.containsExactlyInAnyOrderElementsOf(during);
		Map<String, Long> written = harness.keyCounts(Topic.PAYMENT_NOTIFICATIONS, 0);
		assertThat(harness.paidAtSandbox(SANDBOX_MCHID)).containsAll(during);
		for (String outTradeNo : harness.paidAtSandbox(SANDBOX_MCHID)) {
			assertThat(written).containsKey(MerchantKey.encode(SANDBOX_MCHID, outTradeNo));
		}
		assertThat(written).doesNotContainKey(MerchantKey.encode(WechatPayFixture.MCHID, "OUTAGE0005"));
		List<KeyValue<String, PaymentNotification>> records = harness.readNow(Topic.PAYMENT_NOTIFICATIONS);
		assertThat(records).allSatisfy((record) -> assertThat(record.key).isEqualTo(record.value.key()));
	}

	/** Waits until readiness answers that status, and returns that answer. */
	private static HttpResponse<String> awaitReadiness(int status) {
		return await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> harness.app().getManagement("/actuator/health/readiness"),
					(response) -> response.statusCode() == status);
	}

	/** Readiness answers 200 UP now. */
	private static void assertReady() {
		HttpResponse<String> readiness = harness.app().getManagement("/actuator/health/readiness");
		assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
		assertThat(readiness.body()).doesNotContain("DOWN", "belowMinIsr");
	}

	/** Liveness answers 200 UP now, whatever Kafka's state. */
	private static void assertLive() {
		HttpResponse<String> liveness = harness.app().getManagement("/actuator/health/liveness");
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).isEqualTo("{\"status\":\"UP\"}");
	}

	/** Waits until every partition of the notification topics has that many in sync. */
	private static void awaitInSync(int replicas) {
		List<String> topics = List.of(Topic.PAYMENT_NOTIFICATIONS.topicName(), Topic.REFUND_NOTIFICATIONS.topicName());
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> harness.broker()
				.withAdmin((admin) -> describe(admin, topics))
				.values()
				.stream()
				.flatMap((topic) -> topic.partitions().stream())
				.allMatch((partition) -> partition.isr().size() >= replicas));
	}

	private static Map<String, TopicDescription> describe(org.apache.kafka.clients.admin.Admin admin,
			List<String> topics) {
		try {
			return admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<Exchange> filter(List<Exchange> exchanges, Predicate<Exchange> predicate) {
		return exchanges.stream().filter(predicate).toList();
	}

	/** One callback and its answer, with when it was sent and answered (nano time). */
	private record Exchange(String outTradeNo, Callback callback, long started, long ended, int status, String body) {

		boolean startedAfter(long instant) {
			return this.started > instant;
		}

		String key() {
			return MerchantKey.encode(WechatPayFixture.MCHID, this.outTradeNo);
		}

		void assertAnswered(int expectedStatus, String expectedBody) {
			assertThat(this.status).as(this.outTradeNo).isEqualTo(expectedStatus);
			assertThat(this.body).as(this.outTradeNo).isEqualTo(expectedBody);
		}

	}

	/** Callbacks of new paid orders, one after another on a few connections. */
	private static final class Traffic implements AutoCloseable {

		private final ExecutorService senders;

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicInteger orders = new AtomicInteger();

		private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

		private final List<Future<Void>> sending = new ArrayList<>();

		Traffic(int connections) {
			this.senders = Executors.newFixedThreadPool(connections);
			for (int i = 0; i < connections; i++) {
				this.sending.add(this.senders.submit(this::send));
			}
		}

		private Void send() throws InterruptedException {
			while (this.running.get()) {
				String outTradeNo = String.format("CLUSTER%05d", this.orders.incrementAndGet());
				Callback callback = harness.wechat().paymentCallback(outTradeNo, 1250);
				long started = System.nanoTime();
				HttpResponse<String> response = harness.post(callback);
				this.exchanges.add(new Exchange(outTradeNo, callback, started, System.nanoTime(), response.statusCode(),
						response.body()));
				Thread.sleep(20);
			}
			return null;
		}

		/** Waits until that many answered exchanges match. */
		void awaitCompleted(Predicate<Exchange> which, int count) {
			assertThat(this.sending).noneMatch(Future::isDone);
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> this.exchanges.stream().filter(which).count() >= count);
		}

		/** Stops sending and returns every exchange answered. */
		List<Exchange> stop() throws Exception {
			this.running.set(false);
			for (Future<Void> sender : this.sending) {
				sender.get(30, TimeUnit.SECONDS);
			}
			return new ArrayList<>(this.exchanges);
		}

		@Override
		public void close() {
			this.running.set(false);
			this.senders.shutdownNow();
		}

	}

}
