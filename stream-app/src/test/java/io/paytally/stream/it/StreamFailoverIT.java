package io.paytally.stream.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.LongStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.TradeState;
import io.paytally.schemas.topics.Topic;
import io.paytally.stream.internal.JsonValueSerializer;
import io.paytally.stream.internal.StreamsConfigs;
import io.paytally.stream.topology.PaymentStreams;
import io.paytally.stream.topology.PaymentTopology;
import io.paytally.stream.topology.TopologySettings;
import io.paytally.testkit.KafkaTestBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances share the work; one is killed mid-stream. After the rebalance every
 * order's final state is right and every transition is on {@code orders.state}
 * (read_committed) exactly once: versions 1..n, no gap, no repeat.
 */
class StreamFailoverIT {

	static final String MCHID = "1900000001";

	static final int ORDERS = 400;

	KafkaTestBroker broker;

	final List<PaymentStreams> instances = new ArrayList<>();

	final List<Path> stateDirs = new ArrayList<>();

	@BeforeEach
	void start() {
		this.broker = KafkaTestBroker.startInJvm();
	}

	@AfterEach
	void stop() {
		this.instances.forEach(PaymentStreams::stop);
		this.stateDirs.forEach((dir) -> FileSystemUtils.deleteRecursively(dir.toFile()));
		this.broker.close();
	}

	@Test
	void losesAndRepeatsNoTransitionWhenAnInstanceIsKilled() throws Exception {
		String applicationId = KafkaTestBroker.uniqueName("paytally-failover");
		PaymentStreams a = instance(applicationId, "localhost:18001");
		PaymentStreams b = instance(applicationId, "localhost:18002");
		awaitRunning(a, b);

		Map<String, PaymentStatus> expected = new HashMap<>();
		try (KafkaProducer<String, Object> producer = this.broker.newProducer(new JsonValueSerializer())) {
			for (int i = 0; i < ORDERS; i++) {
				String no = "F" + i;
				Instant now = Instant.now();
				producer.send(new ProducerRecord<>(Topic.ORDER_EVENTS.topicName(), MCHID + "@" + no,
						OrderEvent.created(MCHID, no, "SO-" + i, 1000 + i, "Demo", now, now.plusSeconds(3600))));
				if (i % 3 == 0) {
					producer.send(new ProducerRecord<>(Topic.ORDER_EVENTS.topicName(), MCHID + "@" + no,
							OrderEvent.cancelled(MCHID, no, now, "gave up")));
					producer.send(new ProducerRecord<>(Topic.PAYMENT_NOTIFICATIONS.topicName(), MCHID + "@" + no,
							answer(no, TradeState.CLOSED, 1000 + i)));
					expected.put(MCHID + "@" + no, PaymentStatus.CLOSED);
				}
				else {
					producer.send(new ProducerRecord<>(Topic.PAYMENT_NOTIFICATIONS.topicName(), MCHID + "@" + no,
							success(no, 1000 + i)));
					producer.send(new ProducerRecord<>(Topic.PAYMENT_NOTIFICATIONS.topicName(), MCHID + "@" + no,
							success(no, 1000 + i)));
					expected.put(MCHID + "@" + no, PaymentStatus.PAID);
				}
				if (i == ORDERS / 3) {
					producer.flush();
					Thread.sleep(300);
					b.halt();
				}
				if (i % 20 == 0) {
					producer.flush();
					Thread.sleep(20);
				}
			}
			producer.flush();
		}

		Map<String, OrderPaymentState> finalStates = awaitFinal(expected, Duration.ofSeconds(180));
		expected.forEach((no, status) -> assertThat(finalStates.get(no).status()).as(no).isEqualTo(status));

		List<KeyValue<String, OrderPaymentState>> history = this.broker.readAll(Topic.ORDER_STATE);
		Map<String, List<Long>> versions = new HashMap<>();
		history.forEach((kv) -> versions.computeIfAbsent(kv.key, (k) -> new ArrayList<>()).add(kv.value.version()));
		assertThat(versions).hasSize(ORDERS);
		versions
			.forEach((no, v) -> assertThat(v).as(no).isEqualTo(LongStream.rangeClosed(1, v.size()).boxed().toList()));
	}

	Map<String, OrderPaymentState> awaitFinal(Map<String, PaymentStatus> expected, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		Map<String, OrderPaymentState> latest = Map.of();
		while (System.nanoTime() - deadline < 0) {
			latest = KafkaTestBroker.latestByKey(this.broker.<OrderPaymentState>readAll(Topic.ORDER_STATE));
			Map<String, OrderPaymentState> seen = latest;
			if (expected.entrySet()
				.stream()
				.allMatch((e) -> seen.containsKey(e.getKey()) && seen.get(e.getKey()).status() == e.getValue())) {
				return latest;
			}
			Thread.sleep(1000);
		}
		return latest;
	}

	PaymentStreams instance(String applicationId, String server) throws Exception {
		Path dir = Files.createTempDirectory("paytally-failover");
		this.stateDirs.add(dir);
		Properties props = StreamsConfigs.properties(applicationId, this.broker.bootstrapServers(), dir.toString(),
				server, Duration.ofMillis(100), 1, 1);
		props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "10000");
		props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "1000");
		PaymentStreams streams = new PaymentStreams(PaymentTopology.build(TopologySettings.DEFAULTS), props, null);
		streams.start();
		this.instances.add(streams);
		return streams;
	}

	static void awaitRunning(PaymentStreams... all) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (System.nanoTime() - deadline < 0) {
			boolean running = true;
			for (PaymentStreams s : all) {
				running &= s.kafkaStreams().state() == KafkaStreams.State.RUNNING;
			}
			if (running) {
				return;
			}
			Thread.sleep(200);
		}
		throw new AssertionError("The instances did not reach RUNNING");
	}

	static PaymentNotification success(String no, long amount) {
		return new PaymentNotification("EV-" + no, NotificationSource.CALLBACK_V3, MCHID, "wx01", no, "TX-" + no,
				TradeState.SUCCESS, "JSAPI", "OTHERS", amount, amount, "CNY", Instant.parse("2026-03-01T01:00:00Z"),
				null, Instant.now());
	}

	static PaymentNotification answer(String no, TradeState state, long amount) {
		return new PaymentNotification("AQ-" + no, NotificationSource.ACTIVE_QUERY, MCHID, "wx01", no, null, state,
				null, null, amount, null, "CNY", null, null, Instant.now());
	}

}
