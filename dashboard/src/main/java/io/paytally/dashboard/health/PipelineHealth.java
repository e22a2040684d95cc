package io.paytally.dashboard.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paytally.schemas.topics.Topic;

/**
 * Asks the brokers (Kafka {@link Admin}, never a service) how the pipeline flows: for
 * every catalog topic its end offsets and the time of its newest record
 * ({@link OffsetSpec#maxTimestamp()}), and for every consumer group that has committed
 * offsets on a catalog topic its lag (end offset minus committed offset, per topic). The
 * answer is kept for {@code cacheFor}, so that many open pages cost one round of calls.
 */
public class PipelineHealth implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(PipelineHealth.class);

	private final Admin admin;

	private final Duration timeout;

	private final Duration cacheFor;

	private final Clock clock;

	private Snapshot last;

	/**
	 * An admin client on the given client settings (brokers, security: Spring Boot's
	 * {@code spring.kafka.admin.*}) with the health panel's timeouts.
	 */
	PipelineHealth(Map<String, Object> client, Duration timeout, Duration cacheFor, Clock clock) {
		Map<String, Object> config = new HashMap<>(client);
		config.putAll(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, "dashboard-health",
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()));
		this.admin = Admin.create(config);
		this.timeout = timeout;
		this.cacheFor = cacheFor;
		this.clock = clock;
	}

	/** The pipeline now (at most {@code cacheFor} old). */
	public synchronized Snapshot snapshot() {
		Instant now = this.clock.instant();
		if (this.last != null && this.last.at().plus(this.cacheFor).isAfter(now)) {
			return this.last;
		}
		try {
			this.last = read(now);
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			logger.warn("Kafka did not tell the pipeline's health: {}", ex.toString());
			this.last = new Snapshot(now, List.of(), List.of(), "Kafka did not answer: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Snapshot(now, List.of(), List.of(), "interrupted");
		}
		return this.last;
	}

	private Snapshot read(Instant now) throws InterruptedException, ExecutionException, TimeoutException {
		List<String> names = Arrays.stream(Topic.values()).map(Topic::topicName).toList();
		Set<String> existing = this.admin.listTopics().names().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		List<String> present = names.stream().filter(existing::contains).toList();
		Map<String, TopicDescription> descriptions = this.admin.describeTopics(present)
			.allTopicNames()
			.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		Map<TopicPartition, OffsetSpec> newest = new HashMap<>();
		descriptions.values().forEach((description) -> description.partitions().forEach((p) -> {
			TopicPartition partition = new TopicPartition(description.name(), p.partition());
			latest.put(partition, OffsetSpec.latest());
			newest.put(partition, OffsetSpec.maxTimestamp());
		}));
		Map<TopicPartition, ListOffsetsResultInfo> ends = this.admin.listOffsets(latest)
			.all()
			.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		Map<TopicPartition, ListOffsetsResultInfo> newestRecords = this.admin.listOffsets(newest)
			.all()
			.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);

		List<TopicFlow> topics = new ArrayList<>();
		for (String name : names) {
			TopicDescription description = descriptions.get(name);
			if (description == null) {
				topics.add(new TopicFlow(name, 0, 0, null));
				continue;
			}
			long endOffsets = 0;
			long newestMillis = -1;
			for (var p : description.partitions()) {
				TopicPartition partition = new TopicPartition(name, p.partition());
				endOffsets += ends.get(partition).offset();
				ListOffsetsResultInfo info = newestRecords.get(partition);
				if (info != null && info.offset() >= 0) {
					newestMillis = Math.max(newestMillis, info.timestamp());
				}
			}
			topics.add(new TopicFlow(name, description.partitions().size(), endOffsets,
					(newestMillis >= 0) ? Instant.ofEpochMilli(newestMillis) : null));
		}

		List<GroupLag> groups = new ArrayList<>();
		for (GroupListing group : this.admin.listGroups().all().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			if (group.type().filter((t) -> t == GroupType.SHARE || t == GroupType.STREAMS).isPresent()) {
				continue;
			}
			Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(group.groupId())
				.partitionsToOffsetAndMetadata()
				.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			Map<String, TopicLag> byTopic = new TreeMap<>();
			committed.forEach((partition, offset) -> {
				ListOffsetsResultInfo end = ends.get(partition);
				if (offset == null || end == null) {
					return; // not a catalog topic (a changelog, say)
				}
				long lag = Math.max(0, end.offset() - offset.offset());
				byTopic.merge(partition.topic(), new TopicLag(partition.topic(), offset.offset(), end.offset(), lag),
						TopicLag::plus);
			});
			if (!byTopic.isEmpty()) {
				long total = byTopic.values().stream().mapToLong(TopicLag::lag).sum();
				groups.add(new GroupLag(group.groupId(), group.groupState().map(Enum::name).orElse("UNKNOWN"),
						List.copyOf(byTopic.values()), total));
			}
		}
		groups.sort(Comparator.comparing(GroupLag::groupId));
		return new Snapshot(now, topics, groups, null);
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(5));
	}

	/**
	 * The pipeline at one moment.
	 *
	 * @param at when it was asked
	 * @param topics every catalog topic
	 * @param groups the consumer groups reading catalog topics
	 * @param error why there is nothing, when Kafka did not answer
	 */
	public record Snapshot(Instant at, List<TopicFlow> topics, List<GroupLag> groups, String error) {

	}

	/**
	 * One topic's flow.
	 *
	 * @param topic the topic
	 * @param partitions its partitions (0: not created)
	 * @param endOffsets the sum of its partitions' end offsets: records ever written
	 * @param lastRecordAt the timestamp of its newest record, null when it has none
	 */
	public record TopicFlow(String topic, int partitions, long endOffsets, Instant lastRecordAt) {

	}

	/**
	 * A consumer group's lag.
	 *
	 * @param groupId the group (a service's consumer group or Kafka Streams application
	 * id)
	 * @param state the group's state (STABLE, EMPTY, ...)
	 * @param topics its lag per catalog topic
	 * @param totalLag the sum
	 */
	public record GroupLag(String groupId, String state, List<TopicLag> topics, long totalLag) {

	}

	/**
	 * A group's lag on one topic, summed over its partitions.
	 *
	 * @param topic the topic
	 * @param committed the committed offsets, summed
	 * @param end the end offsets of the partitions it committed, summed
	 * @param lag end minus committed
	 */
	public record TopicLag(String topic, long committed, long end, long lag) {

		TopicLag plus(TopicLag other) {
			return new TopicLag(this.topic, this.committed + other.committed, this.end + other.end,
					this.lag + other.lag);
		}

	}

}
