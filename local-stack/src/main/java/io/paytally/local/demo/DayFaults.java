package io.paytally.local.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paytally.local.stack.ClusterShape;
import io.paytally.local.stack.LocalStack;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import io.paytally.testkit.EmbeddedKafkaCluster;

/**
 * The faults of {@code paytally demo --faults}, played on a clustered stack while the
 * day's orders are created and paid (its busiest minute): the last broker is stopped and
 * restarted, the last stream-app instance is killed without a clean shutdown and replaced
 * by a new one that restores from the changelogs, the last notify-ingest instance is
 * killed (the balancer and WeChat's retries reach the others) and replaced. A fault the
 * stack's shape cannot take (one broker, one instance) is left out and said so.
 */
public final class DayFaults implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DayFaults.class);

	private final LocalStack stack;

	private final Timing timing;

	private final List<String> log = new CopyOnWriteArrayList<>();

	private final AtomicBoolean started = new AtomicBoolean();

	private Thread thread;

	private volatile long startedAt;

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
	 */
	public record Timing(Duration brokerStop, Duration brokerDowntime, Duration streamKill, Duration ingestKill,
			Duration instanceDowntime) {

		/** The demo's: all within the first half minute, when the orders are paid. */
		public static final Timing BUSIEST_MINUTE = new Timing(Duration.ofSeconds(3), Duration.ofSeconds(15),
				Duration.ofSeconds(6), Duration.ofSeconds(9), Duration.ofSeconds(10));

	}

	private record Step(Duration at, String what, Runnable action) {

	}

}
