package io.paytally.testkit;

import java.time.Duration;

import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import io.paytally.schemas.topics.TopicSettings;

/**
 * An {@code apache/kafka} container (KRaft, one node), of the clients' version unless
 * {@code PAYTALLY_TEST_KAFKA_IMAGE} names another image. Stopping pauses the container,
 * which keeps its mapped port, so that a restart comes back on the same address.
 */
final class ContainerKafkaBroker extends KafkaTestBroker {

	/** The environment variable naming the Kafka image. */
	static final String IMAGE_ENV = "PAYTALLY_TEST_KAFKA_IMAGE";

	private static final Logger logger = LoggerFactory.getLogger(ContainerKafkaBroker.class);

	private final KafkaContainer container;

	private volatile boolean running;

	private ContainerKafkaBroker(TopicSettings settings, KafkaContainer container) {
		super(settings);
		this.container = container;
		this.running = true;
	}

	@SuppressWarnings("resource")
	static ContainerKafkaBroker launch(TopicSettings settings) {
		String image = System.getenv().getOrDefault(IMAGE_ENV, "apache/kafka:" + AppInfoParser.getVersion());
		KafkaContainer container = new KafkaContainer(image).withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
			.withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
			.withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
			.withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
			.withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
			.withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
			.withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
			.withEnv("KAFKA_NUM_PARTITIONS", Integer.toString(settings.partitions()));
		container.start();
		ContainerKafkaBroker kafka = new ContainerKafkaBroker(settings, container);
		try {
			kafka.createCatalogTopics();
		}
		catch (RuntimeException ex) {
			kafka.close();
			throw ex;
		}
		logger.info("Kafka container {} at {} started", image, kafka.bootstrapServers());
		return kafka;
	}

	@Override
	public Kind kind() {
		return Kind.CONTAINER;
	}

	@Override
	public String bootstrapServers() {
		return this.container.getBootstrapServers();
	}

	@Override
	public synchronized void stop() {
		if (this.running) {
			DockerClientFactory.instance().client().pauseContainerCmd(this.container.getContainerId()).exec();
			this.running = false;
		}
	}

	@Override
	public synchronized void restart() {
		if (!this.running) {
			DockerClientFactory.instance().client().unpauseContainerCmd(this.container.getContainerId()).exec();
			this.running = true;
			awaitLeaders(Duration.ofSeconds(60));
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public synchronized void close() {
		this.running = false;
		this.container.stop();
	}

}
