package io.paytally.batch.request;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.paytally.batch.internal.KafkaClients;
import io.paytally.schemas.StatementRun;
import io.paytally.schemas.StatementRunStatus;
import io.paytally.schemas.serde.JsonSerde;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
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

	private final KafkaClients kafka;

	private final StatementRequestRuns runs;

	private final Duration pollTimeout;

	private final JsonSerde<StatementRun> serde = Serdes.statementRun();

	private final Set<String> taken = new HashSet<>();

	private volatile KafkaConsumer<String, byte[]> consumer;

	private volatile Thread thread;

	StatementRequestConsumer(KafkaClients kafka, StatementRequestRuns runs, Duration pollTimeout) {
		this.kafka = kafka;
		this.runs = runs;
		this.pollTimeout = pollTimeout;
	}

	@Override
	public void start() {
		this.consumer = this.kafka.consumer(500);
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
			while (!Thread.currentThread().isInterrupted()) {
				for (ConsumerRecord<String, byte[]> record : kafkaConsumer.poll(this.pollTimeout)) {
					StatementRun run = read(record);
					if (run != null && run.status() == StatementRunStatus.REQUESTED) {
						take(run);
					}
				}
			}
		}
		catch (WakeupException | org.apache.kafka.common.errors.InterruptException ex) {
			// stopping
		}
		catch (RuntimeException ex) {
			logger.error("Statement requests are no longer read from {}", topic, ex);
		}
		finally {
			// stopping interrupts this thread, and the consumer's close would throw on
			// the
			// flag instead of leaving its group: close first, then keep the flag
			boolean interrupted = Thread.interrupted();
			kafkaConsumer.close(Duration.ofSeconds(5));
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
		while (this.thread != null) {
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
				Thread.sleep(60_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return List.of();
			}
		}
		return List.of();
	}

	private void take(StatementRun run) {
		if (this.taken.add(run.requestId() + "@" + run.key())) {
			this.runs.submit(run);
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

	@Override
	public void stop() {
		KafkaConsumer<String, byte[]> running = this.consumer;
		Thread consuming = this.thread;
		this.thread = null;
		if (running != null && consuming != null) {
			running.wakeup();
			consuming.interrupt();
			try {
				consuming.join(10_000);
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
