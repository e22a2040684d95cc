package io.paytally.testkit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import kafka.server.BrokerServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import io.paytally.schemas.topics.TopicSettings;

/**
 * spring-kafka-test's KRaft broker (one combined broker and controller node) in this JVM.
 * Stopping shuts the broker side down while the controller and the log directory stay;
 * restarting starts it again on the same, pre-bound port.
 */
final class InJvmKafkaBroker extends KafkaTestBroker {

	private static final Logger logger = LoggerFactory.getLogger(InJvmKafkaBroker.class);

	private final EmbeddedKafkaKraftBroker broker;

	private final String bootstrapServers;

	private volatile boolean running;

	private InJvmKafkaBroker(TopicSettings settings, EmbeddedKafkaKraftBroker broker) {
		super(settings);
		this.broker = broker;
		this.bootstrapServers = broker.getBrokersAsString();
		this.running = true;
	}

	static InJvmKafkaBroker launch(TopicSettings settings) {
		long started = System.nanoTime();
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, settings.partitions());
		broker.brokerProperties(brokerConfig());
		// not spring.kafka.bootstrap-servers (the default): a system property would leak
		// into every Spring context of the JVM, and the last broker started would win
		broker.brokerListProperty("paytally.testkit.kafka.bootstrap-servers");
		broker.afterPropertiesSet();
		InJvmKafkaBroker kafka = new InJvmKafkaBroker(settings, broker);
		try {
			kafka.createCatalogTopics();
		}
		catch (RuntimeException ex) {
			kafka.close();
			throw ex;
		}
		logger.info("In-JVM Kafka broker at {} started in {} ms", kafka.bootstrapServers,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
		return kafka;
	}

	/** What makes one broker behave: exactly-once, no auto-creation, quick groups. */
	static Map<String, String> brokerConfig() {
		return Map.ofEntries(Map.entry("auto.create.topics.enable", "false"),
				Map.entry("offsets.topic.replication.factor", "1"), Map.entry("offsets.topic.num.partitions", "5"),
				Map.entry("transaction.state.log.replication.factor", "1"),
				Map.entry("transaction.state.log.min.isr", "1"), Map.entry("transaction.state.log.num.partitions", "5"),
				Map.entry("share.coordinator.state.topic.replication.factor", "1"),
				Map.entry("share.coordinator.state.topic.min.isr", "1"),
				Map.entry("group.initial.rebalance.delay.ms", "0"), Map.entry("min.insync.replicas", "1"),
				Map.entry("default.replication.factor", "1"));
	}

	@Override
	public Kind kind() {
		return Kind.IN_JVM;
	}

	@Override
	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		brokerServer().shutdown();
		brokerServer().awaitShutdown();
		this.running = false;
		logger.info("In-JVM Kafka broker at {} stopped", this.bootstrapServers);
	}

	@Override
	public synchronized void restart() {
		if (this.running) {
			return;
		}
		brokerServer().startup();
		this.running = true;
		awaitLeaders(Duration.ofSeconds(60));
		logger.info("In-JVM Kafka broker at {} restarted", this.bootstrapServers);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public synchronized void close() {
		this.running = false;
		this.broker.destroy();
	}

	private BrokerServer brokerServer() {
		return this.broker.getCluster().brokers().values().iterator().next();
	}

}
