package io.paytally.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paytally.schemas.topics.Topic;
import io.paytally.schemas.topics.TopicCatalog;
import io.paytally.schemas.topics.TopicSettings;

/**
 * One or more KRaft brokers in this JVM (Kafka's own test kit,
 * {@code KafkaClusterTestKit}, one controller combined with the first broker), configured
 * as paytally needs a cluster of that size: no topic auto-creation, the catalog's topics
 * created at start with {@link TopicSettings#forBrokers(int)}, and the internal topics
 * (offsets, transactions) replicated the same way, so that exactly-once works on one
 * broker and survives the loss of one of three. The one in-JVM Kafka of paytally: the
 * tests' (through {@link KafkaTestBroker#startInJvm()} or directly) and the demo's.
 *
 * <p>
 * A broker can be {@link #stopBroker stopped} (its broker side shuts down, clients are
 * refused, its log directory and port stay) and {@link #restartBroker restarted} with its
 * data.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);

	private final KafkaClusterTestKit cluster;

	private final TopicSettings topics;

	private final Path directory;

	private final boolean[] stopped;

	private final String bootstrapServers;

	private EmbeddedKafkaCluster(KafkaClusterTestKit cluster, TopicSettings topics, Path directory, int brokers) {
		this.cluster = cluster;
		this.topics = topics;
		this.directory = directory;
		this.stopped = new boolean[brokers];
		this.bootstrapServers = cluster.bootstrapServers();
	}

	/**
	 * Starts {@code brokers} brokers with the catalog's topics made with
	 * {@link TopicSettings#forBrokers(int)}, their data in a temporary directory deleted
	 * on {@link #close()}.
	 */
	public static EmbeddedKafkaCluster start(int brokers) {
		return start(brokers, TopicSettings.forBrokers(brokers), null);
	}

	/**
	 * Starts {@code brokers} brokers with the catalog's topics made with {@code topics}.
	 * @param directory where the logs and metadata go (created; kept on close), or null
	 * for a temporary directory deleted on close
	 */
	public static EmbeddedKafkaCluster start(int brokers, TopicSettings topics, Path directory) {
		if (brokers < 1) {
			throw new IllegalArgumentException("brokers must be at least 1, was " + brokers);
		}
		if (topics.replicationFactor() > brokers) {
			throw new IllegalArgumentException(
					topics.replicationFactor() + " replicas do not fit on " + brokers + " brokers");
		}
		long started = System.nanoTime();
		KafkaClusterTestKit cluster = null;
		try {
			TestKitNodes.Builder nodes = new TestKitNodes.Builder().setCombined(true)
				.setNumBrokerNodes(brokers)
				.setNumControllerNodes(1);
			if (directory != null) {
				Files.createDirectories(directory);
				nodes.setBaseDirectory(directory.toAbsolutePath());
			}
			KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes.build())
				.setDeleteOnClose(directory == null);
			brokerConfig(brokers, topics).forEach(builder::setConfigProp);
			cluster = builder.build();
			formatQuietly(cluster);
			cluster.startup();
			cluster.waitForReadyBrokers();
			EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(cluster, topics, directory, brokers);
			kafka.createCatalogTopics();
			logger.info("In-JVM Kafka of {} broker(s) at {} started in {} ms", brokers, kafka.bootstrapServers,
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
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
			throw new IllegalStateException("Could not start the in-JVM Kafka (" + brokers + " brokers)", ex);
		}
	}

	/**
	 * The brokers' settings for a cluster of {@code brokers}: no auto-creation, the
	 * catalog's replication for new and internal topics (three replicas, two in sync for
	 * a write; as many as there are brokers when fewer), no unclean leader election,
	 * quick consumer groups. The same settings docker compose's cluster profile gives its
	 * brokers.
	 */
	public static Map<String, String> brokerConfig(int brokers, TopicSettings topics) {
		String replicas = Short.toString(topics.replicationFactor());
		String minIsr = Integer.toString(topics.minInsyncReplicas());
		Map<String, String> config = new LinkedHashMap<>();
		config.put("auto.create.topics.enable", "false");
		config.put("num.partitions", Integer.toString(topics.partitions()));
		config.put("default.replication.factor", replicas);
		config.put("min.insync.replicas", minIsr);
		config.put("unclean.leader.election.enable", "false");
		config.put("offsets.topic.replication.factor", replicas);
		config.put("offsets.topic.num.partitions", "5");
		config.put("transaction.state.log.replication.factor", replicas);
		config.put("transaction.state.log.min.isr", minIsr);
		config.put("transaction.state.log.num.partitions", "5");
		config.put("share.coordinator.state.topic.replication.factor", replicas);
		config.put("share.coordinator.state.topic.min.isr", minIsr);
		config.put("group.initial.rebalance.delay.ms", "0");
		config.put("delete.topic.enable", "true");
		// a transaction's first write to a partition whose previous transaction's markers
		// are still being written waits on the broker (up to a second) instead of
		// answering CONCURRENT_TRANSACTIONS for the producer to send again every 10 ms
		config.put("add.partitions.to.txn.retry.backoff.max.ms", "1000");
		return config;
	}

	/**
	 * Formats the storage; Kafka's formatter reports on standard output, which is the
	 * demo's.
	 */
	private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
		PrintStream out = System.out;
		System.setOut(new PrintStream(OutputStream.nullOutputStream()));
		try {
			cluster.format();
		}
		finally {
			System.setOut(out);
		}
	}

	private void createCatalogTopics() {
		try (Admin admin = Admin.create(adminProperties(this.bootstrapServers))) {
			List<String> created = new TopicCatalog(this.topics).createMissing(admin);
			logger.debug("Created topics {}", created);
		}
		awaitLeaders(this.bootstrapServers, Duration.ofSeconds(60));
	}

	/**
	 * Waits until every partition of every catalog topic has a leader, so that the first
	 * produce does not meet {@code NOT_LEADER_OR_FOLLOWER}.
	 */
	public static void awaitLeaders(String bootstrapServers, Duration timeout) {
		List<String> names = Arrays.stream(Topic.values()).map(Topic::topicName).toList();
		long deadline = System.nanoTime() + timeout.toNanos();
		Exception last = null;
		try (Admin admin = Admin.create(adminProperties(bootstrapServers))) {
			while (System.nanoTime() - deadline < 0) {
				try {
					boolean led = admin.describeTopics(names)
						.allTopicNames()
						.get(5, TimeUnit.SECONDS)
						.values()
						.stream()
						.flatMap((topic) -> topic.partitions().stream())
						.allMatch((partition) -> partition.leader() != null && !partition.leader().isEmpty());
					if (led) {
						return;
					}
				}
				catch (ExecutionException | TimeoutException | RuntimeException ex) {
					last = ex;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted", ex);
				}
				KafkaTestBroker.sleep(Duration.ofMillis(100));
			}
		}
		throw new IllegalStateException("The topics of the catalog have no leaders after " + timeout, last);
	}

	private static Map<String, Object> adminProperties(String bootstrapServers) {
		return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				30_000);
	}

	/** The {@code bootstrap.servers} of every broker ({@code host:port,...}). */
	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	/** How many brokers the cluster has, running or stopped. */
	public int brokerCount() {
		return this.stopped.length;
	}

	/** The settings the catalog's topics were created with. */
	public TopicSettings topicSettings() {
		return this.topics;
	}

	/** Where the logs and metadata are, null for a temporary directory. */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Shuts the broker side of broker {@code index} (0-based) down: its connections are
	 * refused, its partitions' leadership moves to the other replicas; the controller
	 * keeps running.
	 */
	public synchronized void stopBroker(int index) {
		if (this.stopped[index]) {
			return;
		}
		BrokerServer broker = broker(index);
		broker.shutdown();
		broker.awaitShutdown();
		this.stopped[index] = true;
		logger.info("In-JVM Kafka broker {} stopped", index);
	}

	/**
	 * Starts a {@link #stopBroker stopped} broker again on its port with its data, and
	 * waits until every catalog partition has a leader.
	 */
	public synchronized void restartBroker(int index) {
		if (!this.stopped[index]) {
			return;
		}
		broker(index).startup();
		this.stopped[index] = false;
		awaitLeaders(this.bootstrapServers, Duration.ofSeconds(60));
		logger.info("In-JVM Kafka broker {} restarted", index);
	}

	/** Whether broker {@code index} runs (was not {@link #stopBroker stopped}). */
	public synchronized boolean isRunning(int index) {
		return !this.stopped[index];
	}

	private BrokerServer broker(int index) {
		return this.cluster.brokers()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.skip(index)
			.findFirst()
			.orElseThrow()
			.getValue();
	}

	/** Stops every broker; the data stays only when a directory was given. */
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
