package io.paytally.stream.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.springframework.util.FileSystemUtils;

import io.paytally.schemas.ExpiryCheck;
import io.paytally.schemas.MerchantKey;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.RefundStatus;
import io.paytally.schemas.TradeState;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import io.paytally.stream.expiry.ExpiryIndexKey;
import io.paytally.stream.internal.JsonValueSerializer;
import io.paytally.stream.internal.StreamsConfigs;
import io.paytally.stream.payment.OrderPayment;
import io.paytally.stream.topology.PaymentStreams;
import io.paytally.stream.topology.PaymentTopology;
import io.paytally.stream.topology.TopologySettings;
import io.paytally.testkit.EmbeddedKafkaCluster;

/**
 * CPU per event of the payment topology as 1, then 2, then 3 instances sharing the
 * partitions, on a cluster of three in-JVM brokers (replication 3,
 * {@code min.insync.replicas} 2), exactly-once as deployed ({@link StreamsConfigs},
 * {@link PaymentStreams}, commit 50 ms).
 * <p>
 * Each run is a new application (its own consumer group, internal topics and state
 * directories) whose group starts at the inputs' end offsets, so it reads only its own
 * orders. Once its instances are running with the tasks spread over them, their CPU with
 * nothing to do is measured for a few seconds; then they are paused, the day's orders are
 * produced as a backlog, and the clock and the CPU meters start when they resume, so that
 * the figure is an event's cost while the instances are busy, as when sizing for a peak
 * (at a low rate the fixed cost per stream thread and second, printed apart, dominates).
 * The mix per 100 orders: 80 paid at once, 5 paid with the callback sent twice, 3
 * refunded in full and 2 in part (the refund sent once the order is seen paid), 5 never
 * paid and 3 paid with the callback lost (both expire a second after creation; the expiry
 * check is answered CLOSED or SUCCESS as the active-query worker would), 2 cancelled by
 * the merchant (answered CLOSED). The run ends when every order's final state is on
 * {@code orders.state} (read committed).
 * <p>
 * The brokers share the process, so the process's CPU time is not the instances'. The
 * instances' CPU is the CPU time of their Java threads (ThreadMXBean; every thread of an
 * instance names its application id: stream threads, their producers' and consumers'
 * network threads, the state updater, the admin client), measured from the feed's start
 * to the last final state; this leaves out RocksDB's own native background threads (flush
 * and compaction), which appear with the JIT and GC in the process's remainder, printed
 * as well as the brokers' and the benchmark clients'.
 * <p>
 * A warm-up run (one instance, {@code --warmup-orders}, the same size by default) comes
 * first so that the first measured run does not pay the JIT.
 *
 * <pre>
 * ./mvnw -B -pl stream-app test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *   -Dexec.classpathScope=test -Dexec.mainClass=io.paytally.stream.benchmark.ScalingBenchmark \
 *   -Dexec.args="--orders 100000"
 * </pre>
 *
 * Options: {@code --orders} (2,000: a smoke run; 100,000 a realistic day),
 * {@code --warmup-orders}, {@code --instances} (3), {@code --threads} per instance (1, as
 * the cluster demo runs its instances), {@code --rounds} (1; each round runs 1..instances
 * again, the table shows the medians), {@code --timeout-seconds} (600: a run not done by
 * then fails, after printing what the instances' stores and expiry indexes hold of its
 * unfinished orders); {@code -Dpaytally.bench.streams.<config>=<value>} overrides one
 * Kafka Streams setting of every instance (e.g. {@code commit.interval.ms}).
 */
public final class ScalingBenchmark {

	static final String MCHID = "1900000001";

	static final int BROKERS = 3;

	static final Duration COMMIT_INTERVAL = Duration.ofMillis(50);

	static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

	/** How many unfinished orders a timed-out run explains. */
	static final int EXPLAINED = 10;

	static final Duration IDLE = Duration.ofSeconds(5);

	private ScalingBenchmark() {
	}

	public static void main(String[] argv) throws Exception {
		Args args = new Args(argv);
		int orders = (int) args.get("orders", 2_000);
		int warmupOrders = (int) args.get("warmup-orders", orders);
		int maxInstances = (int) args.get("instances", 3);
		int threads = (int) args.get("threads", 1);
		int rounds = (int) args.get("rounds", 1);
		Duration timeout = Duration.ofSeconds(args.get("timeout-seconds", RUN_TIMEOUT.toSeconds()));
		try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(BROKERS)) {
			System.out.printf(
					"%nScaling: the payment topology as 1..%d instance(s) of %d stream thread(s), exactly_once_v2, "
							+ "commit %d ms, on %d in-JVM brokers (replication %d, min.insync.replicas %d, %d "
							+ "partitions), %d processor(s); load average %s%n",
					maxInstances, threads, COMMIT_INTERVAL.toMillis(), BROKERS,
					cluster.topicSettings().replicationFactor(), cluster.topicSettings().minInsyncReplicas(),
					cluster.topicSettings().partitions(), Runtime.getRuntime().availableProcessors(), loadAverage());
			System.getProperties()
				.stringPropertyNames()
				.stream()
				.filter((n) -> n.startsWith(StreamBenchmark.OVERRIDE))
				.forEach((n) -> System.out.printf("Override: %s=%s%n", n.substring(StreamBenchmark.OVERRIDE.length()),
						System.getProperty(n)));
			try (KafkaProducer<String, Object> producer = producer(cluster.bootstrapServers())) {
				int sequence = 0;
				if (warmupOrders > 0) {
					Run warm = run(cluster, producer, ++sequence, 1, threads, warmupOrders, timeout);
					System.out.printf("warm-up: %s%n", warm);
				}
				List<Run> runs = new ArrayList<>();
				for (int round = 0; round < rounds; round++) {
					for (int instances = 1; instances <= maxInstances; instances++) {
						Run run = run(cluster, producer, ++sequence, instances, threads, orders, timeout);
						System.out.printf("run: %s%n", run);
						runs.add(run);
					}
				}
				report(runs, maxInstances);
			}
		}
	}

	// ------------------------------------------------------------------ one run

	/**
	 * One run's figures.
	 *
	 * @param instances stream-app instances
	 * @param orders orders of the day
	 * @param events records the instances consumed from the inputs
	 * @param seconds from the first event produced to the last final state seen
	 * @param streamNanos CPU of the instances' threads
	 * @param brokerNanos CPU of the brokers' threads
	 * @param clientNanos CPU of the benchmark's producer and watcher
	 * @param processNanos CPU of the whole process
	 * @param otherNanos the process's CPU outside its Java threads' (JIT, GC, RocksDB's
	 * native threads)
	 * @param idleMillisPerSecond CPU of the instances' threads per second of wall time
	 * with nothing to process, before the day
	 * @param load the load average at the start and at the end
	 */
	record Run(int instances, int orders, long events, double seconds, long streamNanos, long brokerNanos,
			long clientNanos, long processNanos, long otherNanos, double idleMillisPerSecond, String load,
			Map<String, Long> streamNanosByRole) {

		double streamMicrosPerEvent() {
			return this.streamNanos / 1e3 / this.events;
		}

		double processMicrosPerEvent() {
			return this.processNanos / 1e3 / this.events;
		}

		@Override
		public String toString() {
			return String.format(
					"%d instance(s), %,d orders, %,d events in %.1f s (%,.0f events/s); CPU per event: instances "
							+ "%.1f us, brokers %.1f us, benchmark clients %.1f us, JIT/GC/native %.1f us, "
							+ "process %.1f us (%.1f s CPU, %.2f cores); idle instances %.1f ms CPU/s; load average %s",
					this.instances, this.orders, this.events, this.seconds, this.events / this.seconds,
					streamMicrosPerEvent(), this.brokerNanos / 1e3 / this.events, this.clientNanos / 1e3 / this.events,
					this.otherNanos / 1e3 / this.events, processMicrosPerEvent(), this.processNanos / 1e9,
					this.processNanos / 1e9 / this.seconds, this.idleMillisPerSecond, this.load)
					+ "; instances' threads per event: " + byRole();
		}

		private String byRole() {
			StringBuilder roles = new StringBuilder();
			this.streamNanosByRole.forEach((role, nanos) -> roles.append(roles.isEmpty() ? "" : ", ")
				.append(String.format("%s %.1f us", role, nanos / 1e3 / this.events)));
			return roles.toString();
		}

	}

	static Run run(EmbeddedKafkaCluster cluster, KafkaProducer<String, Object> producer, int sequence, int instances,
			int threads, int orders, Duration timeout) throws Exception {
		String applicationId = "paytally-scaling-" + sequence + "-" + Long.toHexString(System.nanoTime());
		String prefix = "S" + sequence + "-";
		startAtTheEnd(cluster.bootstrapServers(), applicationId);
		Topology topology = PaymentTopology.build(TopologySettings.DEFAULTS);
		int expectedTasks = topology.describe().subtopologies().size() * cluster.topicSettings().partitions();
		List<PaymentStreams> running = new ArrayList<>();
		List<Path> directories = new ArrayList<>();
		try (WechatSide wechat = new WechatSide(cluster.bootstrapServers(), producer, prefix, orders)) {
			for (int i = 1; i <= instances; i++) {
				Path directory = Files.createTempDirectory("paytally-scaling");
				directories.add(directory);
				Properties props = StreamsConfigs.properties(applicationId, cluster.bootstrapServers(),
						directory.toString(), null, COMMIT_INTERVAL, threads,
						cluster.topicSettings().replicationFactor());
				props.put(StreamsConfig.CLIENT_ID_CONFIG, applicationId + "-i" + i);
				// experiments: -Dpaytally.bench.streams.<config>=<value> overrides one
				// setting, as in StreamBenchmark
				System.getProperties()
					.stringPropertyNames()
					.stream()
					.filter((n) -> n.startsWith(StreamBenchmark.OVERRIDE))
					.forEach((n) -> props.put(n.substring(StreamBenchmark.OVERRIDE.length()), System.getProperty(n)));
				PaymentStreams streams = new PaymentStreams(PaymentTopology.build(TopologySettings.DEFAULTS), props,
						null);
				streams.start();
				running.add(streams);
			}
			awaitSpread(running, expectedTasks);
			// what the instances spend with nothing to do, per second
			ThreadCpu idle = new ThreadCpu(applicationId);
			long idleStart = System.nanoTime();
			Thread.sleep(IDLE.toMillis());
			double idleSeconds = (System.nanoTime() - idleStart) / 1e9;
			long idleNanos = idle.spent().stream();
			// the day's backlog, produced while the instances are paused
			running.forEach((streams) -> streams.kafkaStreams().pause());
			wechat.start();
			feed(producer, prefix, orders, wechat.produced);
			producer.flush();
			String loadBefore = loadAverage();
			ThreadCpu cpu = new ThreadCpu(applicationId);
			long start = System.nanoTime();
			running.forEach((streams) -> streams.kafkaStreams().resume());
			try {
				wechat.awaitFinal(timeout);
			}
			catch (IllegalStateException ex) {
				System.out
					.println(explain(running, wechat.unfinishedKeys(EXPLAINED), cluster.topicSettings().partitions()));
				throw ex;
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			ThreadCpu.Spent spent = cpu.spent();
			return new Run(instances, orders, wechat.produced.get(), seconds, spent.stream(), spent.broker(),
					spent.clients(), spent.process(), spent.other(), idleNanos / 1e6 / idleSeconds,
					loadBefore + " -> " + loadAverage(), spent.streamByRole());
		}
		finally {
			running.forEach(PaymentStreams::stop);
			directories.forEach((directory) -> FileSystemUtils.deleteRecursively(directory.toFile()));
		}
	}

	/**
	 * Commits the new group's offsets at the inputs' ends, as an instance resuming would
	 * find them, so that the run reads only its own orders.
	 */
	static void startAtTheEnd(String bootstrapServers, String applicationId) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
				KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers),
						new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = partitions(consumer, Topic.ORDER_EVENTS, Topic.PAYMENT_NOTIFICATIONS,
					Topic.REFUND_NOTIFICATIONS);
			Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
			consumer.endOffsets(partitions).forEach((tp, end) -> offsets.put(tp, new OffsetAndMetadata(end)));
			admin.alterConsumerGroupOffsets(applicationId, offsets).all().get(30, TimeUnit.SECONDS);
		}
	}

	/**
	 * Waits until every instance runs and the tasks are spread over all of them.
	 */
	static void awaitSpread(List<PaymentStreams> instances, int expectedTasks) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		int stableSince = 0;
		while (stableSince < 20) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The tasks were not spread over " + instances.size()
						+ " instance(s) within 5 minutes: " + tasksPerInstance(instances));
			}
			List<Integer> tasks = tasksPerInstance(instances);
			boolean spread = instances.stream().allMatch((s) -> s.kafkaStreams().state() == KafkaStreams.State.RUNNING)
					&& tasks.stream().allMatch((n) -> n > 0)
					&& tasks.stream().mapToInt(Integer::intValue).sum() == expectedTasks;
			stableSince = spread ? stableSince + 1 : 0;
			Thread.sleep(100);
		}
		System.out.printf("  %d task(s) over %d instance(s): %s%n", expectedTasks, instances.size(),
				tasksPerInstance(instances));
	}

	static List<Integer> tasksPerInstance(List<PaymentStreams> instances) {
		return instances.stream()
			.map((s) -> s.kafkaStreams()
				.metadataForLocalThreads()
				.stream()
				.mapToInt((thread) -> thread.activeTasks().size())
				.sum())
			.toList();
	}

	/**
	 * What the instances know of unfinished orders, by interactive queries: for each, its
	 * partition, the instance whose {@code orders} store holds it and what it holds (its
	 * {@code dueAt} above all), and the order's entries in that instance's expiry index;
	 * for each instance, its state, its active tasks, and its expiry index's earliest
	 * entries and how many are due. An order PENDING in the store with no entry, or with
	 * an entry long due while the index is otherwise empty, tells where it was lost.
	 */
	static String explain(List<PaymentStreams> instances, List<String> keys, int partitions) {
		StringBuilder out = new StringBuilder("What the instances know of the unfinished orders:");
		Instant now = Instant.now();
		for (int i = 0; i < instances.size(); i++) {
			KafkaStreams streams = instances.get(i).kafkaStreams();
			out.append(String.format("%n  instance i%d: %s, active tasks %s", i + 1, streams.state(),
					streams.metadataForLocalThreads()
						.stream()
						.flatMap((thread) -> thread.activeTasks().stream())
						.map((task) -> task.taskId().toString())
						.sorted()
						.toList()));
			try {
				List<ExpiryIndexKey> entries = indexEntries(streams);
				long due = entries.stream().filter((e) -> !e.dueAt().isAfter(now)).count();
				out.append(String.format("; expiry index: %d entries, %d due at %s, earliest %s", entries.size(), due,
						now, entries.stream().limit(3).toList()));
			}
			catch (RuntimeException ex) {
				out.append("; expiry index not queryable: ").append(ex);
			}
		}
		for (String key : keys) {
			int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
			out.append(String.format("%n  %s (partition %d):", key, partition));
			boolean found = false;
			for (int i = 0; i < instances.size(); i++) {
				KafkaStreams streams = instances.get(i).kafkaStreams();
				try {
					OrderPayment order = streams
						.store(StoreQueryParameters.fromNameAndType(PaymentTopology.ORDER_STORE,
								QueryableStoreTypes.<String, OrderPayment>keyValueStore())
							.withPartition(partition))
						.get(key);
					List<ExpiryIndexKey> entries = indexEntries(streams).stream()
						.filter((e) -> e.orderKey().equals(key))
						.toList();
					found = true;
					out.append(String.format("%n    i%d stores %s%n    i%d expiry index entries of the order: %s",
							i + 1, order, i + 1, entries));
				}
				catch (InvalidStateStoreException ex) {
					// not this instance's partition
				}
			}
			if (!found) {
				out.append(" no instance hosts its partition");
			}
		}
		return out.toString();
	}

	/** An instance's expiry index, every partition it hosts, earliest first. */
	static List<ExpiryIndexKey> indexEntries(KafkaStreams streams) {
		List<ExpiryIndexKey> entries = new ArrayList<>();
		try (KeyValueIterator<Bytes, byte[]> it = streams
			.store(StoreQueryParameters.fromNameAndType(PaymentTopology.EXPIRY_INDEX_STORE,
					QueryableStoreTypes.<Bytes, byte[]>keyValueStore()))
			.all()) {
			it.forEachRemaining((entry) -> entries.add(ExpiryIndexKey.decode(entry.key)));
		}
		entries.sort(Comparator.comparing(ExpiryIndexKey::dueAt));
		return entries;
	}

	// ------------------------------------------------------------------ the day

	/** What happens to order {@code i}. */
	enum Fate {

		PAID(PaymentStatus.PAID), PAID_TWICE_NOTIFIED(PaymentStatus.PAID), REFUNDED(PaymentStatus.REFUNDED),
		PARTIALLY_REFUNDED(PaymentStatus.PARTIALLY_REFUNDED), NEVER_PAID(PaymentStatus.CLOSED),
		CALLBACK_LOST(PaymentStatus.PAID), CANCELLED(PaymentStatus.CLOSED);

		final PaymentStatus last;

		Fate(PaymentStatus last) {
			this.last = last;
		}

		static Fate of(int i) {
			int n = i % 100;
			if (n < 5) {
				return NEVER_PAID;
			}
			if (n < 8) {
				return CALLBACK_LOST;
			}
			if (n < 10) {
				return CANCELLED;
			}
			if (n < 13) {
				return REFUNDED;
			}
			if (n < 15) {
				return PARTIALLY_REFUNDED;
			}
			if (n < 20) {
				return PAID_TWICE_NOTIFIED;
			}
			return PAID;
		}

		boolean expires() {
			return this == NEVER_PAID || this == CALLBACK_LOST;
		}

	}

	static final long AMOUNT = 1250;

	/** The merchant's and WeChat's callbacks of the day, as fast as they go. */
	static void feed(KafkaProducer<String, Object> producer, String prefix, int orders, AtomicLong produced) {
		for (int i = 0; i < orders; i++) {
			String no = prefix + i;
			String key = MerchantKey.encode(MCHID, no);
			Fate fate = Fate.of(i);
			Instant now = Instant.now();
			Instant expireAt = fate.expires() ? now.plusSeconds(1) : now.plus(Duration.ofHours(2));
			send(producer, produced, Topic.ORDER_EVENTS, key,
					OrderEvent.created(MCHID, no, "SO-" + no, AMOUNT, "Scaling benchmark", now, expireAt));
			switch (fate) {
				case NEVER_PAID, CALLBACK_LOST -> {
				}
				case CANCELLED -> send(producer, produced, Topic.ORDER_EVENTS, key,
						OrderEvent.cancelled(MCHID, no, now, "customer left"));
				case PAID_TWICE_NOTIFIED -> {
					send(producer, produced, Topic.PAYMENT_NOTIFICATIONS, key,
							success(no, NotificationSource.CALLBACK_V3));
					send(producer, produced, Topic.PAYMENT_NOTIFICATIONS, key,
							success(no, NotificationSource.CALLBACK_V3));
				}
				default -> send(producer, produced, Topic.PAYMENT_NOTIFICATIONS, key,
						success(no, NotificationSource.CALLBACK_V3));
			}
		}
	}

	static void send(KafkaProducer<String, Object> producer, AtomicLong produced, Topic topic, String key,
			Object value) {
		producer.send(new ProducerRecord<>(topic.topicName(), key, value));
		produced.incrementAndGet();
	}

	static PaymentNotification success(String no, NotificationSource source) {
		Instant now = Instant.now();
		return new PaymentNotification("EV-" + no + "-" + source, source, MCHID, "wx0000000000demo01", no, "4200" + no,
				TradeState.SUCCESS, "JSAPI", "OTHERS", AMOUNT, AMOUNT, "CNY", now, null, now);
	}

	static PaymentNotification closed(String no, int attempt) {
		Instant now = Instant.now();
		return new PaymentNotification("Q-" + no + "-" + attempt, NotificationSource.ACTIVE_QUERY, MCHID,
				"wx0000000000demo01", no, null, TradeState.CLOSED, "JSAPI", null, AMOUNT, null, "CNY", null, null, now);
	}

	static RefundNotification refund(String no, long amount) {
		Instant now = Instant.now();
		return new RefundNotification("EV-R" + no, NotificationSource.CALLBACK_V3, MCHID, no, "4200" + no, "R" + no,
				"5030" + no, RefundStatus.SUCCESS, AMOUNT, amount, AMOUNT, amount, now, now);
	}

	/**
	 * WeChat and the active-query worker: answers each expiry check, refunds the orders
	 * to refund once they are seen paid, and counts the orders in their final state.
	 */
	static final class WechatSide implements AutoCloseable {

		final AtomicLong produced = new AtomicLong();

		private final KafkaProducer<String, Object> producer;

		private final KafkaConsumer<String, byte[]> consumer;

		private final String prefix;

		private final int orders;

		private final boolean[] done;

		private final boolean[] refunded;

		private final PaymentStatus[] last;

		private final AtomicLong finished = new AtomicLong();

		private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

		private final Thread thread;

		private volatile boolean running = true;

		WechatSide(String bootstrapServers, KafkaProducer<String, Object> producer, String prefix, int orders) {
			this.producer = producer;
			this.prefix = prefix;
			this.orders = orders;
			this.done = new boolean[orders];
			this.refunded = new boolean[orders];
			this.last = new PaymentStatus[orders];
			this.consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers), new StringDeserializer(),
					new ByteArrayDeserializer());
			List<TopicPartition> partitions = partitions(this.consumer, Topic.ORDER_STATE, Topic.EXPIRY_CHECKS);
			this.consumer.assign(partitions);
			this.consumer.endOffsets(partitions).forEach(this.consumer::seek);
			this.thread = new Thread(this::run, "scaling-bench-wechat");
			this.thread.setDaemon(true);
		}

		void start() {
			this.thread.start();
		}

		private void run() {
			try {
				while (this.running) {
					for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(50))) {
						accept(record);
					}
				}
			}
			catch (RuntimeException ex) {
				this.failure.set(ex);
			}
		}

		private void accept(ConsumerRecord<String, byte[]> record) {
			String no = MerchantKey.parse(record.key()).number();
			if (!no.startsWith(this.prefix) || record.value() == null) {
				return;
			}
			int i = Integer.parseInt(no.substring(this.prefix.length()));
			Fate fate = Fate.of(i);
			if (record.topic().equals(Topic.EXPIRY_CHECKS.topicName())) {
				ExpiryCheck check = Serdes.expiryCheck().deserialize(record.topic(), record.value());
				send(this.producer, this.produced, Topic.PAYMENT_NOTIFICATIONS, record.key(),
						(fate == Fate.CALLBACK_LOST) ? success(no, NotificationSource.ACTIVE_QUERY)
								: closed(no, check.attempt()));
				return;
			}
			OrderPaymentState state = Serdes.orderPaymentState().deserialize(record.topic(), record.value());
			this.last[i] = state.status();
			if (state.status() == PaymentStatus.PAID && !this.refunded[i]
					&& (fate == Fate.REFUNDED || fate == Fate.PARTIALLY_REFUNDED)) {
				this.refunded[i] = true;
				long amount = (fate == Fate.REFUNDED) ? AMOUNT : AMOUNT / 2;
				send(this.producer, this.produced, Topic.REFUND_NOTIFICATIONS, MerchantKey.encode(MCHID, "R" + no),
						refund(no, amount));
			}
			if (state.status() == fate.last && !this.done[i]) {
				this.done[i] = true;
				this.finished.incrementAndGet();
			}
		}

		void awaitFinal(Duration timeout) throws InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (this.finished.get() < this.orders) {
				if (this.failure.get() != null) {
					throw this.failure.get();
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException(this.finished.get() + " of " + this.orders
							+ " orders in their final state after " + timeout + "; not: " + unfinished(10));
				}
				Thread.sleep(10);
			}
		}

		/** The keys of some orders not in their final state. */
		List<String> unfinishedKeys(int most) {
			List<String> keys = new ArrayList<>();
			for (int i = 0; i < this.orders && keys.size() < most; i++) {
				if (!this.done[i]) {
					keys.add(MerchantKey.encode(MCHID, this.prefix + i));
				}
			}
			return keys;
		}

		/** Some orders not in their final state, with their fate and latest status. */
		String unfinished(int most) {
			List<String> orders = new ArrayList<>();
			for (int i = 0; i < this.orders && orders.size() < most; i++) {
				if (!this.done[i]) {
					orders.add(this.prefix + i + " " + Fate.of(i) + " " + this.last[i]);
				}
			}
			return orders.toString();
		}

		@Override
		public void close() throws InterruptedException {
			this.running = false;
			if (this.thread.isAlive()) {
				this.thread.join(10_000);
			}
			this.consumer.close(Duration.ofSeconds(5));
		}

	}

	// ------------------------------------------------------------------ CPU

	/**
	 * CPU time by part of the process since it was made: the Java threads whose name
	 * carries the application id (the instances), the brokers' threads, the rest of the
	 * Java threads (the benchmark's clients), and what the process spent outside its Java
	 * threads.
	 */
	static final class ThreadCpu {

		record Spent(long stream, long broker, long clients, long process, long other, Map<String, Long> streamByRole) {
		}

		/** What an instance's thread does, from its name. */
		static String instanceRole(String name) {
			if (name.contains("producer")) {
				return "producer network";
			}
			if (name.contains("StreamThread")) {
				return "stream thread";
			}
			if (name.contains("heartbeat")) {
				return "heartbeat";
			}
			if (name.contains("StateUpdater")) {
				return "state updater";
			}
			if (name.contains("admin")) {
				return "admin";
			}
			return "other";
		}

		private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

		private final String applicationId;

		private final Map<Long, Long> startByThread = new HashMap<>();

		private final long startProcess;

		ThreadCpu(String applicationId) {
			this.applicationId = applicationId;
			this.startProcess = processCpu();
			for (long id : this.threads.getAllThreadIds()) {
				this.startByThread.put(id, this.threads.getThreadCpuTime(id));
			}
		}

		Spent spent() {
			long process = processCpu() - this.startProcess;
			long stream = 0;
			long broker = 0;
			long clients = 0;
			Map<String, Long> byRole = new TreeMap<>();
			for (long id : this.threads.getAllThreadIds()) {
				long now = this.threads.getThreadCpuTime(id);
				ThreadInfo info = this.threads.getThreadInfo(id);
				if (now < 0 || info == null) {
					continue;
				}
				long spent = now - Math.max(0, this.startByThread.getOrDefault(id, 0L));
				String name = info.getThreadName();
				if (name.contains(this.applicationId)) {
					stream += spent;
					byRole.merge(instanceRole(name), spent, Long::sum);
				}
				else if (CpuMeter.role(name).equals("broker")) {
					broker += spent;
				}
				else {
					clients += spent;
				}
			}
			return new Spent(stream, broker, clients, process, Math.max(0, process - stream - broker - clients),
					byRole);
		}

		private static long processCpu() {
			return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
				.getProcessCpuTime();
		}

	}

	// ------------------------------------------------------------------ report

	static void report(List<Run> runs, int maxInstances) {
		double[] stream = new double[maxInstances + 1];
		double[] process = new double[maxInstances + 1];
		double[] rate = new double[maxInstances + 1];
		double[] idle = new double[maxInstances + 1];
		for (int n = 1; n <= maxInstances; n++) {
			int instances = n;
			List<Run> of = runs.stream().filter((r) -> r.instances() == instances).toList();
			stream[n] = median(of.stream().mapToDouble(Run::streamMicrosPerEvent).toArray());
			process[n] = median(of.stream().mapToDouble(Run::processMicrosPerEvent).toArray());
			rate[n] = median(of.stream().mapToDouble((r) -> r.events() / r.seconds()).toArray());
			idle[n] = median(of.stream().mapToDouble(Run::idleMillisPerSecond).toArray());
		}
		System.out.printf("%n%-10s | %-26s | %-26s | %-10s | %-26s | %s%n", "instances", "instances' CPU per event",
				"process CPU per event", "events/s", "events/s one core carries", "idle instances' CPU");
		for (int n = 1; n <= maxInstances; n++) {
			System.out.printf(
					"%-10d | %8.1f us (x%.2f vs 1)     | %8.1f us (x%.2f vs 1)     | %,10.0f | %,26.0f | %.1f ms/s%n",
					n, stream[n], stream[n] / stream[1], process[n], process[n] / process[1], rate[n], 1e6 / stream[n],
					idle[n]);
		}
		StringBuilder figures = new StringBuilder("Figures: scaling");
		Run first = runs.get(0);
		figures.append(String.format(" orders=%d events=%d", first.orders(), first.events()));
		for (int n = 1; n <= maxInstances; n++) {
			figures.append(String.format(
					" i%d_us_per_event=%.1f i%d_ratio=%.2f i%d_process_us_per_event=%.1f"
							+ " i%d_events_per_s=%.0f i%d_events_per_core_s=%.0f i%d_idle_ms_per_s=%.1f",
					n, stream[n], n, stream[n] / stream[1], n, process[n], n, rate[n], n, 1e6 / stream[n], n, idle[n]));
		}
		figures.append(" load=").append(loadAverage().replace(' ', '/'));
		System.out.println(figures);
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		java.util.Arrays.sort(sorted);
		int m = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
	}

	// ------------------------------------------------------------------ clients

	static KafkaProducer<String, Object> producer(String bootstrapServers) {
		Map<String, Object> props = new HashMap<>();
		props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		props.put(ProducerConfig.CLIENT_ID_CONFIG, "scaling-bench-producer");
		props.put(ProducerConfig.ACKS_CONFIG, "all");
		props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		return new KafkaProducer<>(props, new StringSerializer(), new JsonValueSerializer());
	}

	static Map<String, Object> consumerProperties(String bootstrapServers) {
		return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.CLIENT_ID_CONFIG,
				"scaling-bench-consumer-" + System.nanoTime(), ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
	}

	static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, Topic... topics) {
		List<TopicPartition> partitions = new ArrayList<>();
		for (Topic topic : topics) {
			consumer.partitionsFor(topic.topicName(), Duration.ofSeconds(30))
				.forEach((p) -> partitions.add(new TopicPartition(p.topic(), p.partition())));
		}
		return partitions;
	}

	/** The 1, 5 and 15 minute load averages of the machine. */
	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException ex) {
			return "n/a";
		}
	}

}
