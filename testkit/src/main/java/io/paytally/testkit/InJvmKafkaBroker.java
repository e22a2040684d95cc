package io.paytally.testkit;

import io.paytally.schemas.topics.TopicSettings;

/**
 * One broker of {@link EmbeddedKafkaCluster} (broker and controller in one node) in this
 * JVM. Stopping shuts the broker side down while the controller and the log directory
 * stay; restarting starts it again on the same port.
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
		this.cluster.stopBroker(0);
	}

	@Override
	public void restart() {
		this.cluster.restartBroker(0);
	}

	@Override
	public boolean isRunning() {
		return this.cluster.isRunning(0);
	}

	@Override
	public void close() {
		this.cluster.close();
	}

}
