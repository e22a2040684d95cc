package io.paytally.stream.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.util.FileSystemUtils;

import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.TradeState;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import io.paytally.stream.internal.JsonValueSerializer;
import io.paytally.stream.internal.StreamsConfigs;
import io.paytally.stream.topology.PaymentStreams;
import io.paytally.stream.topology.PaymentTopology;
import io.paytally.stream.topology.TopologySettings;
import io.paytally.testkit.KafkaTestBroker;

/**
 * End-to-end figures with exactly-once on the in-JVM broker: throughput of orders created
 * plus payment notifications through the whole topology to committed {@code orders.state}
 * records, and the latency from a notification produced to its state record committed at
 * a steady rate.
 *
 * <pre>
 * ./mvnw -B -o -pl stream-app test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.paytally.stream.benchmark.StreamBenchmark \
 *   -Dexec.args="--events 200000 --rate 1000 --seconds 30 --commit-ms 50"
 * </pre>
 *
 * A warm-up ({@code --warmup}, events, 150,000 by default; 0 for none) runs the same
 * topology over other orders first; the backlog is produced while the topology is paused
 * and the clock starts when it resumes.
 */
public final class StreamBenchmark {

	static final String MCHID = "1900000001";

	static final String OVERRIDE = "paytally.bench.streams.";

	private StreamBenchmark() {
	}

	public static void main(String[] argv) throws Exception {
		Args args = new Args(argv);
		int events = (int) args.get("events", 200_000);
		int rate = (int) args.get("rate", 1_000);
		int seconds = (int) args.get("seconds", 30);
		long commitMs = args.get("commit-ms", 50);
		int threads = (int) args.get("threads", 2);
		int warmup = (int) args.get("warmup", 150_000);
		try (KafkaTestBroker broker = KafkaTestBroker.startInJvm()) {
			Path dir = Files.createTempDirectory("paytally-bench");
			Properties props = StreamsConfigs.properties(KafkaTestBroker.uniqueName("paytally-bench"),
					broker.bootstrapServers(), dir.toString(), null, Duration.ofMillis(commitMs), threads, 1);
			// experiments: -Dpaytally.bench.streams.<config>=<value> overrides one
			// setting
			System.getProperties().stringPropertyNames().stream().filter((n) -> n.startsWith(OVERRIDE)).forEach((n) -> {
				props.put(n.substring(OVERRIDE.length()), System.getProperty(n));
				System.out.printf("Override: %s=%s%n", n.substring(OVERRIDE.length()), System.getProperty(n));
			});
			PaymentStreams streams = new PaymentStreams(PaymentTopology.build(TopologySettings.DEFAULTS), props, null);
			try (KafkaProducer<String, Object> producer = producer(broker)) {
				streams.start();
				awaitRunning(streams.kafkaStreams());
				// 0. warm-up: the same topology over other orders, so that the figure
				// below
				// is the steady state and not the JIT compiling Kafka, Jackson and us
				if (warmup > 0) {
					long warmStart = System.nanoTime();
					Map<TopicPartition, Long> from = endOffsets(broker);
					for (int i = 0; i < warmup / 2; i++) {
						send(producer, "W" + i);
					}
					producer.flush();
					long warmed = countStates(broker, from, warmup, Duration.ofMinutes(10));
					System.out.printf("%nWarm-up: %,d state records in %.1f s%n", warmed,
							(System.nanoTime() - warmStart) / 1e9);
				}
				// 1. throughput: a backlog of orders and their payments, produced while
				// the
				// topology is paused, then drained by it
				streams.kafkaStreams().pause();
				Map<TopicPartition, Long> from = endOffsets(broker);
				int orders = events / 2;
				long produceStart = System.nanoTime();
				for (int i = 0; i < orders; i++) {
					send(producer, "T" + i);
				}
				producer.flush();
				double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
				long running = System.nanoTime();
				CpuMeter cpu = new CpuMeter();
				streams.kafkaStreams().resume();
				long read = countStates(broker, from, events, Duration.ofMinutes(10));
				double seconds1 = (System.nanoTime() - running) / 1e9;
				System.out.printf(
						"%nThroughput (exactly_once_v2, commit.interval %d ms, %d stream thread(s), "
								+ "in-JVM broker, 6 partitions, after %,d warm-up events)%n",
						commitMs, threads, warmup);
				System.out.printf("  backlog of %,d events (%,d orders created + %,d payment notifications) "
						+ "produced in %.1f s%n", events, orders, orders, produceSeconds);
				System.out.printf("  %,d state records committed in %.1f s after resuming: %,.0f events/s%n", read,
						seconds1, events / seconds1);
				cpu.print(events);

				// 2. latency at a steady rate
				latency(broker, producer, rate, seconds, commitMs);
			}
			finally {
				streams.stop();
				FileSystemUtils.deleteRecursively(dir.toFile());
			}
		}
	}

	static void latency(KafkaTestBroker broker, KafkaProducer<String, Object> producer, int rate, int seconds,
			long commitMs) throws Exception {
		Map<String, Long> sentAt = new ConcurrentHashMap<>();
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		AtomicBoolean reading = new AtomicBoolean(true);
		int ordersPerSecond = rate / 2;
		int total = ordersPerSecond * seconds;
		Thread reader = new Thread(() -> {
			try (KafkaConsumer<String, OrderPaymentState> consumer = new KafkaConsumer<>(
					broker.consumerProperties(null), new StringDeserializer(), Serdes.orderPaymentState())) {
				List<TopicPartition> partitions = consumer.partitionsFor(Topic.ORDER_STATE.topicName())
					.stream()
					.map((p) -> new TopicPartition(p.topic(), p.partition()))
					.toList();
				consumer.assign(partitions);
				consumer.seekToEnd(partitions);
				partitions.forEach(consumer::position);
				synchronized (sentAt) {
					sentAt.notifyAll();
				}
				while (reading.get()) {
					for (ConsumerRecord<String, OrderPaymentState> r : consumer.poll(Duration.ofMillis(20))) {
						Long sent = sentAt.get(r.key());
						if (sent != null && r.value().status() == PaymentStatus.PAID) {
							latencies.add(System.nanoTime() - sent);
						}
					}
				}
			}
		}, "latency-reader");
		synchronized (sentAt) {
			reader.start();
			sentAt.wait(30_000);
		}
		long start = System.nanoTime();
		long intervalNanos = 1_000_000_000L / ordersPerSecond;
		for (int i = 0; i < total; i++) {
			long due = start + i * intervalNanos;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				java.util.concurrent.locks.LockSupport.parkNanos(wait);
			}
			String no = "L" + i;
			Instant now = Instant.now();
			producer.send(new ProducerRecord<>(Topic.ORDER_EVENTS.topicName(), MCHID + "@" + no,
					OrderEvent.created(MCHID, no, "SO-" + no, 100, "bench", now, now.plusSeconds(3600))));
			sentAt.put(MCHID + "@" + no, System.nanoTime());
			producer.send(new ProducerRecord<>(Topic.PAYMENT_NOTIFICATIONS.topicName(), MCHID + "@" + no, success(no)));
		}
		producer.flush();
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (latencies.size() < total && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		reading.set(false);
		reader.join();
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		System.out.printf(
				"%nLatency, notification produced -> its PAID state committed and readable "
						+ "(read_committed), at %,d events/s for %d s, commit.interval %d ms%n",
				rate, seconds, commitMs);
		System.out.printf("  %,d of %,d measured: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n", sorted.size(), total,
				ms(sorted, 50), ms(sorted, 95), ms(sorted, 99), ms(sorted, 100));
	}

	static long ms(List<Long> sorted, int p) {
		if (sorted.isEmpty()) {
			return -1;
		}
		int index = Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
		return sorted.get(index) / 1_000_000;
	}

	static void send(KafkaProducer<String, Object> producer, String no) {
		Instant now = Instant.now();
		producer.send(new ProducerRecord<>(Topic.ORDER_EVENTS.topicName(), MCHID + "@" + no,
				OrderEvent.created(MCHID, no, "SO-" + no, 100, "bench", now, now.plusSeconds(3600))));
		producer.send(new ProducerRecord<>(Topic.PAYMENT_NOTIFICATIONS.topicName(), MCHID + "@" + no, success(no)));
	}

	static PaymentNotification success(String no) {
		Instant now = Instant.now();
		return new PaymentNotification("EV-" + no, NotificationSource.CALLBACK_V3, MCHID, "wx01", no, "TX-" + no,
				TradeState.SUCCESS, "JSAPI", "OTHERS", 100, 100L, "CNY", now, null, now);
	}

	static KafkaProducer<String, Object> producer(KafkaTestBroker broker) {
		Map<String, Object> props = new java.util.HashMap<>(broker.producerProperties());
		props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		return new KafkaProducer<>(props, new StringSerializer(), new JsonValueSerializer());
	}

	static Map<TopicPartition, Long> endOffsets(KafkaTestBroker broker) {
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(broker.consumerProperties(null),
				new StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(Topic.ORDER_STATE.topicName())
				.stream()
				.map((p) -> new TopicPartition(p.topic(), p.partition()))
				.toList();
			return consumer.endOffsets(partitions);
		}
	}

	static long countStates(KafkaTestBroker broker, Map<TopicPartition, Long> from, int expected, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		long count = 0;
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(broker.consumerProperties(null),
				new StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
			consumer.assign(from.keySet());
			from.forEach(consumer::seek);
			while (count < expected && System.nanoTime() < deadline) {
				count += consumer.poll(Duration.ofMillis(100)).count();
			}
		}
		return count;
	}

	static void awaitRunning(KafkaStreams streams) throws InterruptedException {
		while (streams.state() != KafkaStreams.State.RUNNING) {
			Thread.sleep(50);
		}
	}

}
