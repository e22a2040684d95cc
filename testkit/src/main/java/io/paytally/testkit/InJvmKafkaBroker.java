package io.paytally.testkit;

import io.paytally.schemas.topics.TopicSettings;

/**
 * An {@link EmbeddedKafkaCluster} in this JVM, one broker (broker and controller in one
 * node) unless made {@link KafkaTestBroker#of over a larger cluster}. Stopping shuts the
 * broker side of every broker down while the controller and the log directories stay;
 * restarting starts them again on the same ports, the last stopped first (it holds the
 * last in-sync replicas).
 */
final class InJvmKafkaBroker extends KafkaTestBroker {

	private final EmbeddedKafkaCluster cluster;

	private InJvmKafkaBroker(TopicSettings settings, EmbeddedKafkaCluster cluster) {
		super(settings);
		this.cluster = cluster;
	}

	static InJvmKafkaBroker launch(TopicSettings settings) {
		return new InJvmKafkaBroker(settings, EmbeddedKafkaCluster.start(1, settings, null));
	}

	static InJvmKafkaBroker over(EmbeddedKafkaCluster cluster) {
		return new InJvmKafkaBroker(cluster.topicSettings(), cluster);
	}

	@Override
	public Kind kind() {
		return Kind.IN_JVM;
	}

	@Override
	public String bootstrapServers() {
		return this.cluster.bootstrapServers();
	}

	@Override
	public void stop() {
		for (int index = 0; index < this.cluster.brokerCount(); index++) {
			this.cluster.stopBroker(index);
		}
	}

	@Override
	public void restart() {
		for (int index = this.cluster.brokerCount() - 1; index >= 0; index--) {
			this.cluster.restartBroker(index);
		}
	}

	@Override
	public boolean isRunning() {
		for (int index = 0; index < this.cluster.brokerCount(); index++) {
			if (this.cluster.isRunning(index)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void close() {
		this.cluster.close();
	}

}
