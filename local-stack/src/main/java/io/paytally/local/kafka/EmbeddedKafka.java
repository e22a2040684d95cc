package io.paytally.local.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import io.paytally.schemas.topics.TopicSettings;

/**
 * A one-node KRaft Kafka (broker and controller in one) inside this JVM, its logs and
 * metadata under a directory of its own (the demo's {@code ./data/kafka}), configured the
 * way paytally needs a single broker: no topic auto-creation, the transaction and offsets
 * topics with one replica so that exactly-once works. The catalog's topics are created at
 * start.
 */
public final class EmbeddedKafka implements AutoCloseable {

	private final KafkaClusterTestKit cluster;

	private final String bootstrapServers;

	private EmbeddedKafka(KafkaClusterTestKit cluster) {
		this.cluster = cluster;
		this.bootstrapServers = cluster.bootstrapServers();
	}

	/**
	 * Starts a broker whose data lives in {@code directory} (created; must be empty) and
	 * creates the catalog's topics.
	 */
	public static EmbeddedKafka start(Path directory, TopicSettings topics) {
		KafkaClusterTestKit cluster = null;
		try {
			Files.createDirectories(directory);
			TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true)
				.setNumBrokerNodes(1)
				.setNumControllerNodes(1)
				.setBaseDirectory(directory.toAbsolutePath())
				.build();
			KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(false);
			brokerConfig(topics).forEach(builder::setConfigProp);
			cluster = builder.build();
			formatQuietly(cluster);
			cluster.startup();
			cluster.waitForReadyBrokers();
			EmbeddedKafka kafka = new EmbeddedKafka(cluster);
			KafkaTopics.createCatalog(kafka.bootstrapServers, topics);
			return kafka;
		}
		catch (IOException ex) {
			close(cluster);
			throw new UncheckedIOException("Cannot create " + directory, ex);
		}
		catch (InterruptedException ex) {
			close(cluster);
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting Kafka", ex);
		}
		catch (Exception ex) {
			close(cluster);
			throw new IllegalStateException("Could not start the embedded Kafka broker in " + directory, ex);
		}
	}

	/**
	 * Formats the storage; Kafka's formatter reports on standard output, which is the
	 * demo's.
	 */
	private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
		java.io.PrintStream out = System.out;
		System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
		try {
			cluster.format();
		}
		finally {
			System.setOut(out);
		}
	}

	/** What makes one broker behave: exactly-once, no auto-creation, quick groups. */
	static Map<String, String> brokerConfig(TopicSettings topics) {
		return Map.ofEntries(Map.entry("auto.create.topics.enable", "false"),
				Map.entry("num.partitions", Integer.toString(topics.partitions())),
				Map.entry("offsets.topic.replication.factor", "1"), Map.entry("offsets.topic.num.partitions", "5"),
				Map.entry("transaction.state.log.replication.factor", "1"),
				Map.entry("transaction.state.log.min.isr", "1"), Map.entry("transaction.state.log.num.partitions", "5"),
				Map.entry("share.coordinator.state.topic.replication.factor", "1"),
				Map.entry("share.coordinator.state.topic.min.isr", "1"),
				Map.entry("group.initial.rebalance.delay.ms", "0"), Map.entry("min.insync.replicas", "1"),
				Map.entry("default.replication.factor", "1"), Map.entry("delete.topic.enable", "true"));
	}

	/** {@code host:port} of the broker. */
	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	@Override
	public void close() {
		close(this.cluster);
	}

	private static void close(KafkaClusterTestKit cluster) {
		if (cluster == null) {
			return;
		}
		try {
			cluster.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			// shutting down: nothing more to do
		}
	}

}
