package io.paytally.stream.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.util.FileSystemUtils;

import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.RefundStatus;
import io.paytally.schemas.TradeState;
import io.paytally.stream.internal.StreamsConfigs;
import io.paytally.stream.payment.OrderPayment;
import io.paytally.stream.payment.PaymentRules;
import io.paytally.stream.retention.RetentionSettings;
import io.paytally.stream.retention.RetentionSweep;
import io.paytally.stream.retention.SweepPosition;
import io.paytally.stream.topology.PaymentTopology;
import io.paytally.stream.topology.StoreRecords;
import io.paytally.stream.topology.TopologySettings;
import io.paytally.testkit.KafkaTestBroker;

/**
 * What the {@code orders} store costs per order, and that a day's cost does not grow with
 * the age of the deployment once finished orders are retired.
 * <ol>
 * <li>Restore: {@code --restore-orders} (1,000,000) finished orders (paid, one in ten
 * refunded), as the store's changelog holds them, written to the changelog topic of an
 * in-JVM broker; then the real topology starts on an empty state directory and restores
 * them: the time from start until every record is restored, the changelog's bytes and the
 * RocksDB directory's size afterwards. Then the one-off sweep (slices of
 * {@code --sweep-slice} (1,000) orders per task and second; 0: no sweep) gives every
 * restored order its retention-index entry, as after an upgrade from a version without
 * retention: its time, its CPU per order and the longest punctuation meanwhile.</li>
 * <li>Day cost by age: the real topology on an in-JVM broker plays {@code --days} (10)
 * days of {@code --day-orders} (20,000) orders each (created and paid) and one day more,
 * with none and then with a retention of {@code --retention-seconds} (20); each "night"
 * lets the retention pass on the wall clock. Per day: the process's CPU per event, the
 * day's time, and the orders stored at its end and the next morning.</li>
 * </ol>
 *
 * <pre>
 * ./mvnw -B -pl stream-app test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *   -Dexec.classpathScope=test -Dexec.mainClass=io.paytally.stream.benchmark.RetentionBenchmark \
 *   -Dexec.args="--restore-orders 1000000 --day-orders 20000 --days 8 --retention-seconds 20"
 * </pre>
 */
public final class RetentionBenchmark {

	static final String MCHID = "1900000001";

	static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

	private RetentionBenchmark() {
	}

	public static void main(String[] argv) throws Exception {
		Args args = new Args(argv);
		int restoreOrders = (int) args.get("restore-orders", 1_000_000);
		int dayOrders = (int) args.get("day-orders", 20_000);
		int days = (int) args.get("days", 10);
		int retentionSeconds = (int) args.get("retention-seconds", 20);
		int sweepSlice = (int) args.get("sweep-slice", RetentionSettings.Sweep.DEFAULTS.slice());
		if (restoreOrders > 0) {
			restore(restoreOrders, sweepSlice);
		}
		if (dayOrders > 0) {
			Duration retention = Duration.ofSeconds(retentionSeconds);
			// without retention first: the run with retention, the one that must not
			// grow,
			// then finds the JIT warm
			List<Day> kept = days(dayOrders, days, Duration.ofDays(36_500));
			List<Day> retired = days(dayOrders, days, retention);
			System.out.printf("%nA day of %,d orders (%,d events) after N days, real topology, in-JVM broker, "
					+ "process CPU (broker and producer included)%n", dayOrders, 2 * dayOrders);
			System.out.printf("  %-4s | %-58s | %-44s%n", "day",
					"retention " + retention.toSeconds() + " s: µs CPU/event, s, orders stored end/next",
					"no retention: µs CPU/event, s, orders stored");
			for (int i = 0; i < retired.size(); i++) {
				Day r = retired.get(i);
				Day k = kept.get(i);
				System.out.printf("  %4d | %8.1f µs/event %6.1f s %,9d / %,9d | %8.1f µs/event %6.1f s %,9d%n", i + 1,
						r.cpuMicrosPerEvent(), r.seconds, r.entriesAfterDay, r.entriesNextMorning,
						k.cpuMicrosPerEvent(), k.seconds, k.entriesNextMorning);
			}
		}
	}

	// ------------------------------------------------------------------ restore

	static void restore(int orders, int sweepSlice) throws Exception {
		try (KafkaTestBroker broker = KafkaTestBroker.startInJvm()) {
			String applicationId = KafkaTestBroker.uniqueName("paytally-retention-bench");
			String changelog = StoreRecords.orderChangelog(applicationId);
			int partitions = broker.topicSettings().partitions();
			broker.createTopics(
					new NewTopic(changelog, partitions, (short) 1).configs(Map.of("cleanup.policy", "compact")));
			Map<String, Object> producerProps = broker.producerProperties();
			producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 20);
			producerProps.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
			producerProps.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
			// a plain producer: the fill is not what is measured
			producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
			producerProps.put(ProducerConfig.ACKS_CONFIG, "1");
			producerProps.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
			long bytes = 0;
			long produceStart = System.nanoTime();
			try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
					new ByteArraySerializer())) {
				for (int i = 0; i < orders; i++) {
					byte[] key = (MCHID + "@R" + i).getBytes(StandardCharsets.UTF_8);
					byte[] value = StoreRecords.orderPayment(finishedOrder("R" + i, i % 10 == 0));
					bytes += key.length + value.length;
					producer.send(new ProducerRecord<>(changelog, key, value));
				}
				producer.flush();
			}
			double produceSeconds = (System.nanoTime() - produceStart) / 1e9;

			Path dir = Files.createTempDirectory("paytally-retention-bench");
			Properties props = StreamsConfigs.properties(applicationId, broker.bootstrapServers(), dir.toString(), null,
					Duration.ofMillis(50), 2, 1);
			RetentionSettings.Sweep sweep = (sweepSlice > 0)
					? new RetentionSettings.Sweep(true, RetentionSettings.Sweep.DEFAULTS.interval(), sweepSlice)
					: RetentionSettings.Sweep.OFF;
			KafkaStreams streams = new KafkaStreams(
					PaymentTopology
						.build(TopologySettings.DEFAULTS.withRetention(RetentionSettings.DEFAULTS.withSweep(sweep))),
					props);
			AtomicLong restored = new AtomicLong();
			AtomicLong firstStart = new AtomicLong();
			AtomicLong lastEnd = new AtomicLong();
			Map<TopicPartition, Boolean> done = new ConcurrentHashMap<>();
			streams.setGlobalStateRestoreListener(new StateRestoreListener() {
				@Override
				public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
					if (store.equals(PaymentTopology.ORDER_STORE)) {
						firstStart.compareAndSet(0, System.nanoTime());
					}
				}

				@Override
				public void onBatchRestored(TopicPartition partition, String store, long end, long count) {
					if (store.equals(PaymentTopology.ORDER_STORE)) {
						restored.addAndGet(count);
					}
				}

				@Override
				public void onRestoreEnd(TopicPartition partition, String store, long total) {
					if (store.equals(PaymentTopology.ORDER_STORE)) {
						done.put(partition, true);
						lastEnd.set(System.nanoTime());
					}
				}
			});
			long start = System.nanoTime();
			CpuMeter cpu = new CpuMeter();
			streams.start();
			try {
				while (done.size() < partitions || streams.state() != KafkaStreams.State.RUNNING) {
					if (System.nanoTime() - start > Duration.ofMinutes(30).toNanos()) {
						throw new IllegalStateException("restored " + restored.get() + " of " + orders);
					}
					Thread.sleep(20);
				}
				double restoreSeconds = (System.nanoTime() - start) / 1e9;
				System.out.printf("%nRestore: ");
				cpu.print(orders);
				double sweepSeconds = 0;
				CpuMeter sweepCpu = new CpuMeter();
				if (sweep.enabled()) {
					long sweepStart = System.nanoTime();
					awaitSwept(streams, partitions);
					sweepSeconds = (System.nanoTime() - sweepStart) / 1e9;
				}
				String punctuation = punctuationLatency(streams);
				if (sweep.enabled()) {
					System.out.printf("%nSweep: ");
					sweepCpu.print(orders);
				}
				streams.close(Duration.ofMinutes(1));
				long rocksBytes = storeBytes(dir, PaymentTopology.ORDER_STORE);
				long indexBytes = storeBytes(dir, PaymentTopology.RETENTION_INDEX_STORE);
				double perMillion = 1_000_000.0 / orders;
				System.out.printf("%nRestore of the orders store (in-JVM broker, %d partitions, 2 stream threads)%n",
						partitions);
				System.out.printf(
						"  %,d finished orders written to %s in %.1f s: %,.1f MB of keys and values "
								+ "(%.0f bytes per order)%n",
						orders, changelog, produceSeconds, bytes / 1e6, (double) bytes / orders);
				double restoreSpan = (lastEnd.get() - firstStart.get()) / 1e9;
				System.out.printf(
						"  restored %,d records in %.1f s from start to RUNNING; the restore itself (first "
								+ "partition started to last ended) %.1f s: %.1f s per million%n",
						restored.get(), restoreSeconds, restoreSpan, restoreSpan * perMillion);
				System.out.printf("  RocksDB orders store after the restore: %,.1f MB (%.1f MB per million)%n",
						rocksBytes / 1e6, rocksBytes / 1e6 * perMillion);
				if (sweep.enabled()) {
					System.out.printf(
							"%nOne-off sweep of the restored orders (slices of %,d orders per task every %d ms)%n",
							sweep.slice(), sweep.interval().toMillis());
					System.out.printf(
							"  every order indexed in %.1f s (%.1f s per million; CPU printed above); "
									+ "retention-index afterwards %,.1f MB; stream threads' punctuation latency %s%n",
							sweepSeconds, sweepSeconds * perMillion, indexBytes / 1e6, punctuation);
				}
			}
			finally {
				streams.close(Duration.ofMinutes(1));
				FileSystemUtils.deleteRecursively(dir.toFile());
			}
		}
	}

	/** Waits until the sweep of every partition's task is done. */
	static void awaitSwept(KafkaStreams streams, int partitions) throws InterruptedException {
		long start = System.nanoTime();
		for (int partition = 0; partition < partitions; partition++) {
			while (true) {
				ReadOnlyKeyValueStore<String, String> positions = streams.store(
						StoreQueryParameters
							.fromNameAndType(PaymentTopology.RETENTION_SWEEP_STORE,
									QueryableStoreTypes.<String, String>keyValueStore())
							.withPartition(partition));
				SweepPosition position = SweepPosition.decode(positions.get(RetentionSweep.POSITION_KEY));
				if (position != null && position.done()) {
					break;
				}
				if (System.nanoTime() - start > Duration.ofMinutes(30).toNanos()) {
					throw new IllegalStateException("partition " + partition + " not swept: " + position);
				}
				Thread.sleep(100);
			}
		}
	}

	/**
	 * The stream threads' punctuation latency (average and maximum of the last window).
	 */
	static String punctuationLatency(KafkaStreams streams) {
		double max = 0;
		double avg = 0;
		for (var metric : streams.metrics().entrySet()) {
			if (!metric.getKey().group().equals("stream-thread-metrics")) {
				continue;
			}
			Object value = metric.getValue().metricValue();
			if (!(value instanceof Double number) || number.isNaN()) {
				continue;
			}
			if (metric.getKey().name().equals("punctuate-latency-max")) {
				max = Math.max(max, number);
			}
			if (metric.getKey().name().equals("punctuate-latency-avg")) {
				avg = Math.max(avg, number);
			}
		}
		return String.format("avg %.1f ms, max %.1f ms", avg, max);
	}

	/** A paid order as the store keeps it, refunded in part when asked. */
	static OrderPayment finishedOrder(String outTradeNo, boolean refunded) {
		PaymentRules rules = PaymentRules.DEFAULTS;
		Instant created = START;
		OrderPayment order = OrderPayment.unknown()
			.create(OrderEvent.created(MCHID, outTradeNo, "SO-" + outTradeNo, 1250, "Demo order", created,
					created.plus(Duration.ofMinutes(15))), created, rules)
			.next();
		order = order.payment(success(outTradeNo, created.plusSeconds(40)), created.plusSeconds(41), rules).next();
		if (refunded) {
			order = order.refund(refund(outTradeNo, created.plusSeconds(3600)), created.plusSeconds(3601), rules)
				.next();
		}
		return order;
	}

	// ------------------------------------------------------------------ days

	/** One day's figures. */
	record Day(long events, long cpuNanos, double seconds, long entriesAfterDay, long entriesNextMorning) {

		double cpuMicrosPerEvent() {
			return this.cpuNanos / 1e3 / this.events;
		}

	}

	/**
	 * Plays the days on the real topology and an in-JVM broker; a "day" is compressed:
	 * its orders are produced and processed, then the retention is let pass (real wall
	 * clock) before the next day starts.
	 */
	static List<Day> days(int ordersPerDay, int days, Duration retention) throws Exception {
		List<Day> result = new ArrayList<>();
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		try (KafkaTestBroker broker = KafkaTestBroker.startInJvm()) {
			Path dir = Files.createTempDirectory("paytally-retention-days");
			Properties props = StreamsConfigs.properties(KafkaTestBroker.uniqueName("paytally-retention-days"),
					broker.bootstrapServers(), dir.toString(), null, Duration.ofMillis(50), 2, 1);
			TopologySettings settings = TopologySettings.DEFAULTS
				.withRetention(new RetentionSettings(retention, Duration.ofSeconds(1), Integer.MAX_VALUE));
			KafkaStreams streams = new KafkaStreams(PaymentTopology.build(settings), props);
			try (KafkaProducer<String, Object> producer = StreamBenchmark.producer(broker)) {
				streams.start();
				StreamBenchmark.awaitRunning(streams);
				for (int day = 0; day <= days; day++) {
					Map<TopicPartition, Long> from = StreamBenchmark.endOffsets(broker);
					long cpuStart = os.getProcessCpuTime();
					long started = System.nanoTime();
					for (int i = 0; i < ordersPerDay; i++) {
						StreamBenchmark.send(producer, "D" + day + "-" + i);
					}
					producer.flush();
					long states = StreamBenchmark.countStates(broker, from, 2 * ordersPerDay, Duration.ofMinutes(10));
					if (states < 2L * ordersPerDay) {
						throw new IllegalStateException("day " + day + ": " + states + " states");
					}
					long cpu = os.getProcessCpuTime() - cpuStart;
					double seconds = (System.nanoTime() - started) / 1e9;
					long afterDay = entries(streams);
					// the night: the retention passes (or as long, when it is longer)
					Thread.sleep(Math.min(retention.toMillis(), RETENTION_WAIT.toMillis()) + 3000);
					result.add(new Day(2L * ordersPerDay, cpu, seconds, afterDay, entries(streams)));
				}
			}
			finally {
				streams.close(Duration.ofMinutes(1));
				FileSystemUtils.deleteRecursively(dir.toFile());
			}
		}
		return result;
	}

	/** The longest night the benchmark waits for. */
	static final Duration RETENTION_WAIT = Duration.ofSeconds(20);

	static long entries(KafkaStreams streams) {
		ReadOnlyKeyValueStore<String, OrderPayment> store = streams.store(StoreQueryParameters
			.fromNameAndType(PaymentTopology.ORDER_STORE, QueryableStoreTypes.<String, OrderPayment>keyValueStore()));
		long count = 0;
		try (KeyValueIterator<String, OrderPayment> it = store.all()) {
			while (it.hasNext()) {
				it.next();
				count++;
			}
		}
		return count;
	}

	static PaymentNotification success(String outTradeNo, Instant at) {
		return new PaymentNotification("EV-" + outTradeNo, NotificationSource.CALLBACK_V3, MCHID, "wx0000000000demo01",
				outTradeNo, "4200" + outTradeNo, TradeState.SUCCESS, "JSAPI", "OTHERS", 1250, 1250L, "CNY", at, null,
				at);
	}

	static RefundNotification refund(String outTradeNo, Instant at) {
		return new RefundNotification("EV-R" + outTradeNo, NotificationSource.CALLBACK_V3, MCHID, outTradeNo,
				"4200" + outTradeNo, "R" + outTradeNo, "5030" + outTradeNo, RefundStatus.SUCCESS, 1250, 500, 1250L,
				500L, at, at);
	}

	/** The bytes of a store's RocksDB directories under a state directory. */
	static long storeBytes(Path stateDir, String store) {
		try (Stream<Path> paths = Files.walk(stateDir)) {
			return paths.filter(Files::isRegularFile)
				.filter((path) -> path.getParent() != null && path.toString().contains("/rocksdb/" + store + "/"))
				.mapToLong((path) -> {
					try {
						return Files.size(path);
					}
					catch (IOException ex) {
						return 0;
					}
				})
				.sum();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
