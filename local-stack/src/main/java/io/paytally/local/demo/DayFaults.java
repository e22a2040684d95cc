package io.paytally.local.demo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import io.paytally.local.scenario.ScenarioSettings;
import io.paytally.local.service.RunningService;
import io.paytally.local.stack.ClusterShape;
import io.paytally.local.stack.LocalStack;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import io.paytally.stream.activequery.ActiveQueryWorker;
import io.paytally.testkit.EmbeddedKafkaCluster;

/**
 * The faults of {@code paytally demo --faults}, played on a clustered stack while the
 * day's orders are created and paid (its busiest minute): the last broker is stopped and
 * restarted, the last stream-app instance is killed without a clean shutdown and replaced
 * by a new one that restores from the changelogs, the last notify-ingest instance is
 * killed (the balancer and WeChat's retries reach the others) and replaced. Then, once
 * the day's expiry checks flow (the orders expire {@code payable} after creation, so this
 * is watched, not timed), the active-query worker of the stream-app instance that holds
 * checks in flight is restarted (see {@link #restartActiveQueryWorker()}). A fault the
 * stack's shape cannot take (one broker, one instance) is left out and said so. After the
 * day, before the day's statements, the statement of the largest merchant is run as a
 * command in a JVM of its own and killed mid-load ({@link #killStatementMidLoad}); the
 * statements then restart it, and {@link #checkStatementRestart()} says whether that gave
 * the statement of an uninterrupted run.
 */
public final class DayFaults implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DayFaults.class);

	/** How often the active-query worker's checks in flight are counted. */
	private static final Duration WATCH_INTERVAL = Duration.ofMillis(200);

	private final LocalStack stack;

	private final Timing timing;

	private final List<String> log = new CopyOnWriteArrayList<>();

	private final AtomicBoolean started = new AtomicBoolean();

	private Thread thread;

	private volatile long startedAt;

	private volatile StatementKill.Killed killedStatement;

	private volatile StatementKill.Restart statementRestart;

	public DayFaults(LocalStack stack, Timing timing) {
		this.stack = stack;
		this.timing = timing;
	}

	/** Starts the faults' script (once; later calls do nothing). */
	public void start() {
		if (!this.started.compareAndSet(false, true)) {
			return;
		}
		this.startedAt = System.nanoTime();
		this.thread = new Thread(this::play, "paytally-faults");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void play() {
		ClusterShape shape = this.stack.options().cluster();
		EmbeddedKafkaCluster kafka = this.stack.embeddedKafka();
		List<Step> steps = new ArrayList<>();
		if (kafka != null && kafka.brokerCount() >= 3) {
			int broker = kafka.brokerCount() - 1;
			steps.add(new Step(this.timing.brokerStop(), "stopped broker " + broker, () -> kafka.stopBroker(broker)));
			steps.add(new Step(this.timing.brokerStop().plus(this.timing.brokerDowntime()),
					"restarted broker " + broker, () -> kafka.restartBroker(broker)));
		}
		else {
			note("no broker stopped: it takes an in-JVM cluster of at least 3 brokers (--brokers 3)");
		}
		if (shape.streamInstances() >= 2) {
			int instance = shape.streamInstances() - 1;
			steps.add(new Step(this.timing.streamKill(), "killed stream-app instance " + instance,
					() -> this.stack.killStream(instance)));
			steps.add(new Step(this.timing.streamKill().plus(this.timing.instanceDowntime()),
					"started a new stream-app instance " + instance, () -> this.stack.replaceStream(instance)));
		}
		else {
			note("no stream-app instance killed: it takes at least 2 (--stream-instances 2)");
		}
		if (shape.ingestInstances() >= 2) {
			int instance = shape.ingestInstances() - 1;
			steps.add(new Step(this.timing.ingestKill(), "killed notify-ingest instance " + instance,
					() -> this.stack.killIngest(instance)));
			steps.add(new Step(this.timing.ingestKill().plus(this.timing.instanceDowntime()),
					"started a new notify-ingest instance " + instance, () -> this.stack.replaceIngest(instance)));
		}
		else {
			note("no notify-ingest instance killed: it takes at least 2 (--ingest-instances 2)");
		}
		steps.sort((a, b) -> a.at().compareTo(b.at()));
		for (Step step : steps) {
			long due = this.startedAt + step.at().toNanos();
			long wait = due - System.nanoTime();
			if (wait > 0) {
				try {
					Thread.sleep(Duration.ofNanos(wait).toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			try {
				step.action().run();
				note(step.what());
			}
			catch (RuntimeException ex) {
				logger.warn("Fault step failed: {}", step.what(), ex);
				note("FAILED: " + step.what() + ": " + ex.getMessage());
			}
		}
		try {
			note(restartActiveQueryWorker());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			logger.warn("Fault step failed: restart of the active-query worker", ex);
			note("FAILED: restarted the active-query worker: " + ex.getMessage());
		}
	}

	/**
	 * Restarts the active-query worker while expiry checks are in flight: watches, every
	 * {@link #WATCH_INTERVAL}, the checks each stream-app instance's worker has been
	 * given and not committed ({@code orders.expiry-checks} and its retry topics, read
	 * from the worker's committed offsets to the end); once checks have been answered and
	 * an instance holds some, stops all of that instance's worker containers abnormally
	 * and starts them again.
	 * <p>
	 * A stop and not a kill of the instance: killing the whole instance is a fault of its
	 * own, and what this one tests is the worker's redelivery. The containers stop
	 * immediately (stream-app sets {@code stopImmediate}): the check being asked at
	 * WeChat is finished, the rest of the poll is left uncommitted, and the consumers
	 * leave the group, so the other instances' workers (or the restarted one) are given
	 * the same checks again, some of them already asked. Nothing may be closed twice at
	 * WeChat (a check asked again finds the order CLOSED) and nothing forgotten (every
	 * expired order still ends closed): the day's verdict and ground truth say so. When
	 * no check is seen in flight within {@code activeQueryWait}, the worker of the first
	 * instance is restarted anyway and the note says 0 checks.
	 * @return the note of what was done
	 */
	private String restartActiveQueryWorker() throws InterruptedException {
		long deadline = this.startedAt + this.timing.activeQueryWait().toNanos();
		Map<String, Object> props = new HashMap<>();
		props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.kafka());
		props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.kafka()));
				KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
						new ByteArrayDeserializer())) {
			boolean answered = false;
			while (true) {
				List<RunningService> streams = this.stack.streams();
				int busiest = 0;
				long most = 0;
				for (int i = 0; i < streams.size(); i++) {
					InFlight checks;
					try {
						checks = inFlight(admin, reader, workerContainers(streams.get(i)));
					}
					catch (KafkaException | IllegalStateException ex) {
						// an instance being replaced, a broker restarting: looked at
						// again
						logger.info("The checks of stream-app instance {} could not be counted, looking again: {}", i,
								ex.toString());
						continue;
					}
					answered |= checks.answered();
					if (checks.uncommitted() > most) {
						most = checks.uncommitted();
						busiest = i;
					}
				}
				if ((answered && most > 0) || System.nanoTime() - deadline > 0) {
					List<MessageListenerContainer> containers = workerContainers(streams.get(busiest));
					for (MessageListenerContainer container : containers) {
						if (!container.isRunning()) {
							continue;
						}
						CountDownLatch stopped = new CountDownLatch(1);
						container.stopAbnormally(stopped::countDown);
						if (!stopped.await(30, TimeUnit.SECONDS)) {
							throw new IllegalStateException(
									"the active-query worker " + container.getListenerId() + " did not stop in 30 s");
						}
					}
					containers.forEach(MessageListenerContainer::start);
					return "restarted the active-query worker of stream-app instance " + busiest + " with " + most
							+ ((most == 1) ? " check" : " checks") + " in flight";
				}
				Thread.sleep(WATCH_INTERVAL.toMillis());
			}
		}
	}

	/** The listener containers of an instance's active-query worker, retries included. */
	private static List<MessageListenerContainer> workerContainers(RunningService stream) {
		return stream.bean(KafkaListenerEndpointRegistry.class)
			.getListenerContainers()
			.stream()
			.filter((container) -> container.getListenerId() != null
					&& container.getListenerId().startsWith(ActiveQueryWorker.LISTENER_ID))
			.toList();
	}

	/**
	 * The checks the containers' consumers were given and did not commit, counted record
	 * by record (the offsets alone would count the transactions' markers too).
	 */
	private static InFlight inFlight(Admin admin, KafkaConsumer<byte[], byte[]> reader,
			List<MessageListenerContainer> containers) {
		Map<String, List<TopicPartition>> assignments = new HashMap<>();
		for (MessageListenerContainer container : containers) {
			Collection<TopicPartition> assigned = container.getAssignedPartitions();
			if (container.isRunning() && assigned != null && !assigned.isEmpty()) {
				assignments.computeIfAbsent(container.getGroupId(), (group) -> new ArrayList<>()).addAll(assigned);
			}
		}
		if (assignments.isEmpty()) {
			return new InFlight(false, 0);
		}
		Map<String, ListConsumerGroupOffsetsSpec> groups = new HashMap<>();
		assignments.forEach(
				(group, assigned) -> groups.put(group, new ListConsumerGroupOffsetsSpec().topicPartitions(assigned)));
		Map<TopicPartition, Long> committed = new HashMap<>();
		assignments.values().forEach((assigned) -> assigned.forEach((partition) -> committed.put(partition, 0L)));
		try {
			ListConsumerGroupOffsetsResult result = admin.listConsumerGroupOffsets(groups);
			for (String group : groups.keySet()) {
				result.partitionsToOffsetAndMetadata(group).get(10, TimeUnit.SECONDS).forEach((partition, offset) -> {
					if (offset != null) {
						committed.put(partition, offset.offset());
					}
				});
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading the active-query worker's offsets", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			// a broker restarting or a slow machine: counted again at the next look
			logger.info("The active-query worker's offsets could not be read, looking again: {}", ex.toString());
			return new InFlight(false, 0);
		}
		List<TopicPartition> partitions = new ArrayList<>(committed.keySet());
		boolean answered = committed.values().stream().anyMatch((offset) -> offset > 0);
		reader.assign(partitions);
		Map<TopicPartition, Long> ends = reader.endOffsets(partitions, Duration.ofSeconds(10));
		committed.forEach(reader::seek);
		long uncommitted = 0;
		long readUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (partitions.stream().anyMatch((p) -> reader.position(p) < ends.get(p))
				&& System.nanoTime() - readUntil < 0) {
			for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(100))) {
				if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
					uncommitted++;
				}
			}
		}
		return new InFlight(answered, uncommitted);
	}

	/**
	 * Runs the day's statement of the merchant with the most orders as
	 * {@code paytally statement} in a JVM of its own and kills it with SIGKILL once its
	 * load has committed some bill lines and not all (see {@link StatementKill}); noted,
	 * or noted FAILED when the kill came too late or the command never reached its load.
	 * @param day the bill date
	 * @param merchants the day's merchants
	 */
	public void killStatementMidLoad(LocalDate day, List<ScenarioSettings> merchants) {
		String mchid = merchants.stream()
			.max(Comparator.comparingInt(ScenarioSettings::orders))
			.orElseThrow(() -> new IllegalArgumentException("no merchant"))
			.mchid();
		try {
			StatementKill.Killed killed = StatementKill.killMidLoad(this.stack, day, mchid);
			this.killedStatement = killed;
			note(killed.line());
		}
		catch (RuntimeException ex) {
			logger.warn("Fault step failed: the statement of {} killed mid-load", mchid, ex);
			note("FAILED: killed the statement of " + mchid + " mid-load: " + ex.getMessage());
		}
	}

	/**
	 * After the day's statements: whether they restarted the statement killed by
	 * {@link #killStatementMidLoad} to the statement of an uninterrupted run (the dead
	 * run marked failed, the same job instance completed, one record on
	 * {@code recon.statements}); noted.
	 * @return true when it did; false when it did not or no statement was killed
	 */
	public boolean checkStatementRestart() {
		StatementKill.Killed killed = this.killedStatement;
		if (killed == null) {
			return false;
		}
		try {
			StatementKill.Restart restart = StatementKill.restartOf(this.stack, killed, Duration.ofSeconds(60));
			this.statementRestart = restart;
			note(restart.line());
			return restart.agrees();
		}
		catch (RuntimeException ex) {
			logger.warn("Fault step failed: the restart of the statement of {}", killed.mchid(), ex);
			note("FAILED: restarted the killed statement of " + killed.mchid() + ": " + ex.getMessage());
			return false;
		}
	}

	/** The restart of the killed statement, once checked; null before or without one. */
	StatementKill.Restart statementRestart() {
		return this.statementRestart;
	}

	private void note(String what) {
		long at = (this.startedAt == 0) ? 0 : Duration.ofNanos(System.nanoTime() - this.startedAt).toSeconds();
		String line = String.format("%3d s  %s", at, what);
		this.log.add(line);
		logger.info("Fault script: {}", what);
	}

	/** Waits until every step ran. */
	public void await(Duration timeout) {
		Thread running = this.thread;
		if (running == null) {
			return;
		}
		try {
			running.join(timeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** What was done, when (seconds after the start), in order. */
	public List<String> log() {
		return List.copyOf(this.log);
	}

	@Override
	public void close() {
		Thread running = this.thread;
		if (running != null) {
			running.interrupt();
		}
	}

	/**
	 * Reads {@code orders.state} (committed records) from the beginning and names every
	 * order whose versions are not 1, 2, 3, ... in order: a transition lost (a gap) or
	 * emitted twice (a repeat). Keeps one number per order.
	 * @return the orders' problems; empty when every order's history is whole
	 */
	public static List<String> stateVersionProblems(String bootstrapServers, Duration timeout) {
		Map<String, Object> props = new HashMap<>();
		props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		Map<String, Long> last = new HashMap<>();
		List<String> problems = new ArrayList<>();
		try (KafkaConsumer<String, OrderPaymentState> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
				Serdes.orderPaymentState().deserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(Topic.ORDER_STATE.topicName(), timeout)
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
			long deadline = System.nanoTime() + timeout.toNanos();
			while (partitions.stream().anyMatch((p) -> consumer.position(p) < ends.get(p))) {
				if (System.nanoTime() - deadline > 0) {
					problems.add("orders.state not read to its end within " + timeout);
					break;
				}
				for (ConsumerRecord<String, OrderPaymentState> record : consumer.poll(Duration.ofMillis(200))) {
					if (record.value() == null) {
						continue;
					}
					long version = record.value().version();
					long expected = last.getOrDefault(record.key(), 0L) + 1;
					if (version != expected && problems.size() < 50) {
						problems
							.add(record.key() + ": version " + version + " after " + last.getOrDefault(record.key(), 0L)
									+ ((version <= expected - 1) ? " (a repeat)" : " (a gap)"));
					}
					last.put(record.key(), Math.max(version, last.getOrDefault(record.key(), 0L)));
				}
			}
		}
		return problems;
	}

	/**
	 * When the faults come, after the start of the day.
	 *
	 * @param brokerStop when the broker stops
	 * @param brokerDowntime how long it stays down
	 * @param streamKill when the stream-app instance is killed
	 * @param ingestKill when the notify-ingest instance is killed
	 * @param instanceDowntime how long before a killed instance is replaced
	 * @param activeQueryWait how long after the start the active-query worker's restart
	 * waits at most for checks in flight
	 */
	public record Timing(Duration brokerStop, Duration brokerDowntime, Duration streamKill, Duration ingestKill,
			Duration instanceDowntime, Duration activeQueryWait) {

		/** The demo's: all within the first half minute, when the orders are paid. */
		public static final Timing BUSIEST_MINUTE = new Timing(Duration.ofSeconds(3), Duration.ofSeconds(15),
				Duration.ofSeconds(6), Duration.ofSeconds(9), Duration.ofSeconds(10));

		/**
		 * The timing of the first faults, the worker's restart waiting up to 5 minutes.
		 */
		public Timing(Duration brokerStop, Duration brokerDowntime, Duration streamKill, Duration ingestKill,
				Duration instanceDowntime) {
			this(brokerStop, brokerDowntime, streamKill, ingestKill, instanceDowntime, Duration.ofMinutes(5));
		}

	}

	private record InFlight(boolean answered, long uncommitted) {

	}

	private record Step(Duration at, String what, Runnable action) {

	}

}
