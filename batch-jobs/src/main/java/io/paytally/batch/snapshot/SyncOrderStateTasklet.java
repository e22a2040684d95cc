package io.paytally.batch.snapshot;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.paytally.batch.DailyStatementProperties;
import io.paytally.batch.internal.Dialect;
import io.paytally.batch.internal.KafkaClients;
import io.paytally.batch.internal.Progress;
import io.paytally.schemas.MerchantKey;
import io.paytally.schemas.topics.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Step 3: brings {@code order_state} up to date with {@code orders.state}. All partitions
 * are assigned by hand; their end offsets are taken when the step starts and read up to.
 * Every execution of the tasklet is one transaction that writes a batch of records and
 * the partitions' next offsets together, so a crash loses nothing and repeats nothing.
 * One run at a time per instance.
 */
public final class SyncOrderStateTasklet implements Tasklet, StepExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(SyncOrderStateTasklet.class);

	private static final String TOPIC = Topic.ORDER_STATE.topicName();

	private final KafkaClients kafka;

	private final JdbcTemplate jdbc;

	private final DailyStatementProperties.Kafka settings;

	private final int batchSize;

	private final OrderStateDecoder decoder = new OrderStateDecoder();

	private KafkaConsumer<String, byte[]> consumer;

	private Map<TopicPartition, Long> endOffsets;

	private OrderStateTable table;

	private Progress progress;

	private long lastProgressAt;

	public SyncOrderStateTasklet(KafkaClients kafka, JdbcTemplate jdbc, DailyStatementProperties properties) {
		this.kafka = kafka;
		this.jdbc = jdbc;
		this.settings = properties.kafka();
		this.batchSize = properties.kafka().maxPollRecords();
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		if (this.table == null) {
			this.table = new OrderStateTable(this.jdbc, Dialect.of(this.jdbc.getDataSource()));
		}
		this.consumer = this.kafka.consumer(Math.min(this.batchSize, 10_000));
		List<PartitionInfo> infos = this.consumer.partitionsFor(TOPIC, Duration.ofSeconds(30));
		if (infos == null || infos.isEmpty()) {
			throw new IllegalStateException("Topic " + TOPIC + " does not exist");
		}
		List<TopicPartition> partitions = infos.stream().map((p) -> new TopicPartition(TOPIC, p.partition())).toList();
		this.consumer.assign(partitions);
		this.endOffsets = new HashMap<>(this.consumer.endOffsets(partitions, Duration.ofSeconds(30)));
		Map<Integer, Long> stored = storedOffsets();
		for (TopicPartition partition : partitions) {
			Long next = stored.get(partition.partition());
			if (next != null) {
				this.consumer.seek(partition, next);
			}
			else {
				this.consumer.seekToBeginning(List.of(partition));
			}
		}
		this.progress = new Progress(logger, "Sync of " + TOPIC);
		this.lastProgressAt = System.nanoTime();
		logger.info("Sync of {}: reading up to end offsets {} from {}", TOPIC, this.endOffsets, stored);
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (this.consumer != null) {
			this.consumer.close(Duration.ofSeconds(5));
			this.consumer = null;
		}
		if (this.progress != null) {
			this.progress.done();
		}
		return null;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		if (caughtUp()) {
			return RepeatStatus.FINISHED;
		}
		Map<MerchantKey, OrderStateRow> states = new LinkedHashMap<>();
		Map<Integer, Long> nextOffsets = new HashMap<>();
		int records = 0;
		int retired = 0;
		while (records < this.batchSize && !caughtUp()) {
			ConsumerRecords<String, byte[]> polled = this.consumer.poll(this.settings.pollTimeout());
			for (ConsumerRecord<String, byte[]> record : polled) {
				records++;
				nextOffsets.merge(record.partition(), record.offset() + 1, Math::max);
				if (record.value() == null) {
					// stream-app retired the order after its retention: it leaves the
					// topic, the snapshot keeps it as last seen (finance's record of its
					// day)
					retired++;
				}
				else {
					// the value names its merchant and order, whatever the key says
					OrderStateRow state = this.decoder.decode(record.value());
					// a refund closed in an earlier record of this batch keeps that
					// record's time
					states.put(state.key(), state.stampClosedRefunds(states.get(state.key())));
				}
			}
			if (polled.isEmpty()) {
				break;
			}
		}
		// a partition may end in transaction markers: its position counts, not its
		// records
		for (TopicPartition partition : this.endOffsets.keySet()) {
			nextOffsets.merge(partition.partition(), this.consumer.position(partition), Math::max);
		}
		this.table.write(states.values());
		if (retired > 0) {
			logger.debug("Sync of {}: {} retired orders kept in the snapshot", TOPIC, retired);
		}
		saveOffsets(nextOffsets);
		for (int i = 0; i < records; i++) {
			contribution.incrementReadCount();
		}
		contribution.incrementWriteCount(states.size());
		if (records > 0) {
			this.lastProgressAt = System.nanoTime();
			this.progress.add(records);
		}
		else if (System.nanoTime() - this.lastProgressAt > this.settings.syncTimeout().toNanos()) {
			throw new IllegalStateException("Sync of " + TOPIC + " made no progress for " + this.settings.syncTimeout()
					+ " before reaching " + this.endOffsets);
		}
		return caughtUp() ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
	}

	private boolean caughtUp() {
		for (Map.Entry<TopicPartition, Long> end : this.endOffsets.entrySet()) {
			if (this.consumer.position(end.getKey()) < end.getValue()) {
				return false;
			}
		}
		return true;
	}

	private Map<Integer, Long> storedOffsets() {
		Map<Integer, Long> offsets = new HashMap<>();
		this.jdbc.query("SELECT partition_no, next_offset FROM order_state_offset WHERE topic = ?", (rs) -> {
			offsets.put(rs.getInt(1), rs.getLong(2));
		}, TOPIC);
		return offsets;
	}

	private void saveOffsets(Map<Integer, Long> nextOffsets) {
		for (Map.Entry<Integer, Long> offset : nextOffsets.entrySet()) {
			int updated = this.jdbc.update(
					"UPDATE order_state_offset SET next_offset = ? WHERE topic = ? AND partition_no = ?",
					offset.getValue(), TOPIC, offset.getKey());
			if (updated == 0) {
				this.jdbc.update("INSERT INTO order_state_offset (topic, partition_no, next_offset) VALUES (?, ?, ?)",
						TOPIC, offset.getKey(), offset.getValue());
			}
		}
	}

}
