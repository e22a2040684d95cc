package io.paytally.local.stack;

import io.paytally.schemas.topics.TopicSettings;

/**
 * How many of each the embedded stack runs: Kafka brokers, notify-ingest instances
 * (behind a round-robin balancer when more than one) and stream-app instances (sharing
 * the partitions in one Kafka Streams application).
 *
 * @param brokers Kafka brokers of the in-JVM cluster (or of the given one)
 * @param ingestInstances notify-ingest instances
 * @param streamInstances stream-app instances
 */
public record ClusterShape(int brokers, int ingestInstances, int streamInstances) {

	/** One of each: the default demo. */
	public static final ClusterShape SINGLE = new ClusterShape(1, 1, 1);

	public ClusterShape {
		if (brokers < 1 || ingestInstances < 1 || streamInstances < 1) {
			throw new IllegalArgumentException("at least one broker and one instance of each service, was " + brokers
					+ " brokers, " + ingestInstances + " ingest, " + streamInstances + " stream");
		}
	}

	/** The catalog's settings for this many brokers. */
	public TopicSettings topicSettings() {
		return TopicSettings.forBrokers(this.brokers);
	}

	/** Whether anything runs more than once. */
	public boolean isCluster() {
		return !equals(SINGLE);
	}

}
