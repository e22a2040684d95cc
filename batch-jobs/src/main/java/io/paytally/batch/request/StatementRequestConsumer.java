package io.paytally.batch.request;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.paytally.batch.internal.KafkaClients;
import io.paytally.schemas.StatementRun;
import io.paytally.schemas.StatementRunStatus;
import io.paytally.schemas.serde.JsonSerde;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Reads {@code recon.statement-runs} on a thread of its own and hands every new request
 * to {@link StatementRequestRuns}. The topic is compacted (one record per merchant and
 * day), so at start it is read from the beginning, without a consumer group: a request
 * whose latest status has not ended (requested, queued, running or retrying when
 * batch-jobs stopped) is taken again, so no request is forgotten across a restart. After
 * that, only {@code REQUESTED} records are taken; the statuses batch-jobs writes itself
 * come back and are ignored.
 */
final class StatementRequestConsumer implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(StatementRequestConsumer.class);

	/** How long a stop waits for a request being taken before it interrupts. */
	static final Duration GRACE = Duration.ofSeconds(5);

	private final KafkaClients kafka;

	private final StatementRequestRuns runs;

	private final Duration pollTimeout;

	private final JsonSerde<StatementRun> serde = Serdes.statementRun();

	private final Set<String> taken = new HashSet<>();

	private volatile KafkaConsumer<String, byte[]> consumer;

	private volatile Thread thread;

	private volatile CountDownLatch stopping = new CountDownLatch(1);

	StatementRequestConsumer(KafkaClients kafka, StatementRequestRuns runs, Duration pollTimeout) {
		this.kafka = kafka;
		this.runs = runs;
		this.pollTimeout = pollTimeout;
	}

	@Override
	public void start() {
		this.consumer = this.kafka.consumer(500);
		this.stopping = new CountDownLatch(1);
		Thread started = new Thread(this::consume, "statement-requests");
		started.setDaemon(true);
		this.thread = started;
		started.start();
	}

	private void consume() {
		KafkaConsumer<String, byte[]> kafkaConsumer = this.consumer;
		String topic = Topic.STATEMENT_RUNS.topicName();
		try {
			List<TopicPartition> partitions = partitions(kafkaConsumer, topic);
			if (partitions.isEmpty()) {
				return;
			}
			kafkaConsumer.assign(partitions);
			kafkaConsumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = kafkaConsumer.endOffsets(partitions);
			Map<String, StatementRun> latest = new LinkedHashMap<>();
			while (partitions.stream().anyMatch((p) -> kafkaConsumer.position(p) < ends.get(p))) {
				for (ConsumerRecord<String, byte[]> record : kafkaConsumer.poll(this.pollTimeout)) {
					StatementRun run = read(record);
					if (run != null) {
						latest.put(record.key(), run);
					}
					else if (record.value() == null) {
						latest.remove(record.key());
					}
				}
			}
			for (StatementRun run : latest.values()) {
				if (!run.ended()) {
					logger.info("Statement of {} for {} ({}) was {} when batch-jobs stopped: taking it again",
							run.mchid(), run.billDate(), run.requestId(), run.status());
					take(run);
				}
			}
			logger.info("Taking statement requests from {}", topic);
			while (this.thread == Thread.currentThread()) {
				for (ConsumerRecord<String, byte[]> record : kafkaConsumer.poll(this.pollTimeout)) {
					StatementRun run = read(record);
					if (run != null && run.status() == StatementRunStatus.REQUESTED) {
						take(run);
					}
				}
			}
		}
		catch (WakeupException ex) {
			// stop() woke the consumer up: every request read so far was taken
			logger.debug("Statement requests stopped while waiting for {}", topic);
		}
		catch (RuntimeException ex) {
			if (this.thread == Thread.currentThread()) {
				logger.error("Statement requests are no longer read from {}", topic, ex);
			}
			else {
				// stopping, a request could not be queued (interrupted after the grace
				// period): its REQUESTED record is still the latest of its day, taken
				// again
				// at the next start
				logger.warn("Statement requests stopped while a request was being taken ({}): it is taken again "
						+ "at the next start", ex.toString());
			}
		}
		finally {
			close(kafkaConsumer);
		}
	}

	/**
	 * Closes the consumer (no group, no offsets: nothing to commit). An interrupt flag
	 * left by {@link #stop()} would make the close throw: it is cleared first and set
	 * again after.
	 */
	private static void close(KafkaConsumer<String, byte[]> kafkaConsumer) {
		boolean interrupted = Thread.interrupted();
		try {
			kafkaConsumer.close(Duration.ofSeconds(5));
		}
		catch (InterruptException ex) {
			interrupted = true;
			logger.warn("Statement requests' consumer interrupted while closing: {}", ex.toString());
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * The topic's partitions, asked again every minute while the topic does not exist
	 * (created by the catalog's topics step, perhaps after this service started); none
	 * when stopping.
	 */
	private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> kafkaConsumer, String topic) {
		boolean warned = false;
		while (this.thread == Thread.currentThread()) {
			try {
				List<TopicPartition> partitions = kafkaConsumer.partitionsFor(topic, Duration.ofSeconds(30))
					.stream()
					.map((p) -> new TopicPartition(topic, p.partition()))
					.toList();
				if (!partitions.isEmpty()) {
					return partitions;
				}
			}
			catch (org.apache.kafka.common.errors.TimeoutException ex) {
				// asked again below
			}
			if (!warned) {
				logger.warn("No topic {} yet (./paytally topics creates it): statement requests wait for it", topic);
				warned = true;
			}
			try {
				if (this.stopping.await(60, TimeUnit.SECONDS)) {
					return List.of();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return List.of();
			}
		}
		return List.of();
	}

	private void take(StatementRun run) {
		String request = run.requestId() + "@" + run.key();
		if (this.taken.add(request)) {
			try {
				this.runs.submit(run);
			}
			catch (RuntimeException ex) {
				// not queued: taken again when read again
				this.taken.remove(request);
				throw ex;
			}
		}
	}

	private StatementRun read(ConsumerRecord<String, byte[]> record) {
		if (record.value() == null) {
			return null;
		}
		try {
			return this.serde.deserialize(record.topic(), record.value());
		}
		catch (RuntimeException ex) {
			logger.warn("Unreadable statement request at {}-{}@{} skipped: {}", record.topic(), record.partition(),
					record.offset(), ex.getMessage());
			return null;
		}
	}

	/**
	 * Stops reading: the consumer is woken up from its poll (no interrupt, which the
	 * consumer would throw from wherever it is, its close included), a request being
	 * taken is taken to the end, and the consumer is closed. Only a thread still busy
	 * after {@link #GRACE} (a request whose QUEUED status the broker does not
	 * acknowledge) is interrupted.
	 */
	@Override
	public void stop() {
		KafkaConsumer<String, byte[]> running = this.consumer;
		Thread consuming = this.thread;
		this.thread = null;
		if (running != null && consuming != null) {
			this.stopping.countDown();
			running.wakeup();
			try {
				consuming.join(GRACE.toMillis());
				if (consuming.isAlive()) {
					logger.warn("Statement requests still busy {} after stopping: interrupting", GRACE);
					consuming.interrupt();
					consuming.join(GRACE.toMillis());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.consumer = null;
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

}
