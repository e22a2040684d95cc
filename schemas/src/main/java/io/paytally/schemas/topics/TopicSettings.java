package io.paytally.schemas.topics;

import java.util.Map;

/**
 * How many partitions and replicas the topics get. Every service uses the same settings,
 * so that co-partitioned topics stay co-partitioned.
 *
 * @param partitions the partition count of every topic unless overridden
 * @param replicationFactor replicas per partition
 * @param minInsyncReplicas replicas that must acknowledge an {@code acks=all} write
 * @param partitionOverrides partition counts per topic name that differ from the default
 */
public record TopicSettings(int partitions, short replicationFactor, int minInsyncReplicas,
		Map<String, Integer> partitionOverrides) {

	/** Six partitions, one replica: a single broker on a laptop or in a test. */
	public static final TopicSettings SINGLE_BROKER = new TopicSettings(6, (short) 1, 1, Map.of());

	/**
	 * Six partitions, three replicas, two of them in sync for a write: the production
	 * settings of a cluster of three or more brokers, which keeps accepting writes and
	 * loses nothing while one broker is down.
	 */
	public static final TopicSettings CLUSTER = forBrokers(3);

	public TopicSettings {
		if (partitions < 1) {
			throw new IllegalArgumentException("partitions must be at least 1");
		}
		if (replicationFactor < 1) {
			throw new IllegalArgumentException("replicationFactor must be at least 1");
		}
		if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
			throw new IllegalArgumentException("minInsyncReplicas must be between 1 and the replication factor");
		}
		partitionOverrides = (partitionOverrides != null) ? Map.copyOf(partitionOverrides) : Map.of();
	}

	/**
	 * The settings for a cluster of {@code brokers}: three replicas (as many as there are
	 * brokers when fewer), two of them in sync for a write (one on a single broker).
	 */
	public static TopicSettings forBrokers(int brokers) {
		if (brokers < 1) {
			throw new IllegalArgumentException("brokers must be at least 1");
		}
		short replicas = (short) Math.min(3, brokers);
		return new TopicSettings(6, replicas, Math.min(2, replicas), Map.of());
	}

	/** The partition count of a topic. */
	public int partitionsOf(Topic topic) {
		return this.partitionOverrides.getOrDefault(topic.topicName(), this.partitions);
	}

}
