package io.paytally.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paytally.schemas.serde.JsonSerde;
import io.paytally.schemas.topics.Topic;
import io.paytally.schemas.topics.TopicCatalog;
import io.paytally.schemas.topics.TopicSettings;

/**
 * A real Kafka broker for tests, with every topic of the catalog created, auto-creation
 * off and exactly-once working on its single node. Started by {@link #start()}, which
 * picks a Testcontainers broker where a Docker engine exists and the in-JVM KRaft broker
 * otherwise ({@code PAYTALLY_TEST_KAFKA=in-jvm|container|auto} overrides the choice).
 * Close it when the test class is done.
 *
 * <p>
 * Reading helpers use {@code isolation.level=read_committed}: a test sees what a
 * downstream consumer would see, never an aborted or open transaction.
 */
public abstract class KafkaTestBroker implements AutoCloseable {

	/** The environment variable that picks the broker: in-jvm, container or auto. */
	public static final String KAFKA_ENV = "PAYTALLY_TEST_KAFKA";

	private static final Logger logger = LoggerFactory.getLogger(KafkaTestBroker.class);

	private static final Duration POLL = Duration.ofMillis(100);

	private final TopicSettings topicSettings;

	KafkaTestBroker(TopicSettings topicSettings) {
		this.topicSettings = topicSettings;
	}

	/**
	 * Starts a broker with the catalog's topics ({@link TopicSettings#SINGLE_BROKER}): a
	 * container if Docker is available, otherwise the in-JVM broker.
	 */
	public static KafkaTestBroker start() {
		return start(TopicSettings.SINGLE_BROKER);
	}

	/** Starts a broker with the catalog's topics created with the given settings. */
	public static KafkaTestBroker start(TopicSettings settings) {
		String choice = System.getenv().getOrDefault(KAFKA_ENV, "auto").trim().toLowerCase();
		return switch (choice) {
			case "in-jvm", "embedded" -> startInJvm(settings);
			case "container" -> startContainer(settings);
			case "auto", "" -> Docker.isAvailable() ? startContainer(settings) : startInJvm(settings);
			default -> throw new IllegalArgumentException(KAFKA_ENV + " must be in-jvm, container or auto: " + choice);
		};
	}

	/** Starts the in-JVM KRaft broker (spring-kafka-test), whatever Docker says. */
	public static KafkaTestBroker startInJvm() {
		return startInJvm(TopicSettings.SINGLE_BROKER);
	}

	/**
	 * Starts the in-JVM KRaft broker with the catalog's topics made with the settings.
	 */
	public static KafkaTestBroker startInJvm(TopicSettings settings) {
		return InJvmKafkaBroker.launch(settings);
	}

	/**
	 * The helpers of this class (topics read and written, clients' settings) over a
	 * running in-JVM cluster of any size: {@link #stop()} and {@link #restart()} act on
	 * every broker, {@link #close()} closes the cluster.
	 */
	public static KafkaTestBroker of(EmbeddedKafkaCluster cluster) {
		return InJvmKafkaBroker.over(cluster);
	}

	/** Starts an {@code apache/kafka} container; needs a Docker engine. */
	public static KafkaTestBroker startContainer() {
		return startContainer(TopicSettings.SINGLE_BROKER);
	}

	/** Starts an {@code apache/kafka} container with the catalog's topics. */
	public static KafkaTestBroker startContainer(TopicSettings settings) {
		return ContainerKafkaBroker.launch(settings);
	}

	/** Which kind of broker runs. */
	public abstract Kind kind();

	/** The {@code bootstrap.servers} of the broker ({@code host:port}). */
	public abstract String bootstrapServers();

	/**
	 * Takes the broker away without losing its data: clients cannot reach it until
	 * {@link #restart()}. The in-JVM broker shuts down its broker side (connections are
	 * refused); the container is paused (connections hang).
	 */
	public abstract void stop();

	/**
	 * Brings a {@link #stop() stopped} broker back on the same address, with its data,
	 * and waits until it answers.
	 */
	public abstract void restart();

	/** Whether the broker is up (not {@link #stop() stopped}, not closed). */
	public abstract boolean isRunning();

	/** Stops the broker for good and deletes its data. */
	@Override
	public abstract void close();

	/** The settings the catalog's topics were created with. */
	public TopicSettings topicSettings() {
		return this.topicSettings;
	}

	/** Creates the catalog's topics; called once the broker is up. */
	void createCatalogTopics() {
		List<String> created = withAdmin((admin) -> new TopicCatalog(this.topicSettings).createMissing(admin));
		logger.debug("Created topics {}", created);
		awaitLeaders(Duration.ofSeconds(60));
	}

	/**
	 * Waits until every partition of every catalog topic has a leader, so that the first
	 * produce of a test does not meet {@code NOT_LEADER_OR_FOLLOWER}.
	 */
	void awaitLeaders(Duration timeout) {
		EmbeddedKafkaCluster.awaitLeaders(bootstrapServers(), timeout);
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * Creates extra topics (for a test's own purposes; the catalog's exist already).
	 */
	public void createTopics(NewTopic... topics) {
		withAdmin((admin) -> get(admin.createTopics(List.of(topics)).all()));
	}

	/** Runs a function with an admin client of the broker, closed afterwards. */
	public <T> T withAdmin(Function<Admin, T> function) {
		try (Admin admin = Admin.create(adminProperties())) {
			return function.apply(admin);
		}
	}

	/** Properties of an admin client. */
	public Map<String, Object> adminProperties() {
		Map<String, Object> props = new HashMap<>();
		props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
		return props;
	}

	/**
	 * Properties of a producer that waits for all replicas ({@code acks=all},
	 * idempotent). No serializers: pass them to the producer's constructor.
	 */
	public Map<String, Object> producerProperties() {
		Map<String, Object> props = new HashMap<>();
		props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		props.put(ProducerConfig.ACKS_CONFIG, "all");
		props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		return props;
	}

	/**
	 * Properties of a consumer reading committed records only, from the earliest offset,
	 * without auto-commit.
	 * @param groupId the group, or {@code null} for a consumer that only assigns
	 */
	public Map<String, Object> consumerProperties(String groupId) {
		Map<String, Object> props = new HashMap<>();
		props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		if (groupId != null) {
			props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
		}
		return props;
	}

	/**
	 * Properties of a Kafka Streams application on this broker: {@code exactly_once_v2},
	 * a fresh state directory, a short commit interval and no record cache, so that
	 * outputs appear quickly.
	 */
	public Map<String, Object> streamsProperties(String applicationId) {
		Map<String, Object> props = new HashMap<>();
		props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
		props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
		props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
		props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
		props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) this.topicSettings.replicationFactor());
		props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
		try {
			props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("paytally-streams-").toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return props;
	}

	/** A new producer with string keys; the caller closes it. */
	public <V> KafkaProducer<String, V> newProducer(Serializer<V> valueSerializer) {
		return new KafkaProducer<>(producerProperties(), new StringSerializer(), valueSerializer);
	}

	/**
	 * A new transactional producer with string keys, {@code initTransactions()} already
	 * called; the caller closes it.
	 */
	public <V> KafkaProducer<String, V> newTransactionalProducer(String transactionalId,
			Serializer<V> valueSerializer) {
		Map<String, Object> props = producerProperties();
		props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
		KafkaProducer<String, V> producer = new KafkaProducer<>(props, new StringSerializer(), valueSerializer);
		producer.initTransactions();
		return producer;
	}

	/**
	 * Writes one record to a catalog topic with the topic's serde and waits for the
	 * broker's acknowledgement.
	 * @param value a record of the topic's value type ({@link Topic#valueType()});
	 * {@code null} writes a tombstone
	 */
	public RecordMetadata send(Topic topic, String key, Object value) {
		return send(topic.topicName(), key, value, serializerOf(topic));
	}

	/** Writes records to a catalog topic, in order, each acknowledged. */
	public void sendAll(Topic topic, List<? extends KeyValue<String, ?>> records) {
		try (KafkaProducer<String, Object> producer = newProducer(serializerOf(topic))) {
			for (KeyValue<String, ?> record : records) {
				get(producer.send(new ProducerRecord<>(topic.topicName(), record.key, record.value)));
			}
		}
	}

	/** Writes one record and waits for the broker's acknowledgement. */
	public <V> RecordMetadata send(String topic, String key, V value, Serializer<V> valueSerializer) {
		try (KafkaProducer<String, V> producer = newProducer(valueSerializer)) {
			return get(producer.send(new ProducerRecord<>(topic, key, value)));
		}
	}

	/**
	 * Reads every committed record of a catalog topic with the topic's serde, from the
	 * beginning, until at least {@code expectedCount} records were read and the end of
	 * every partition reached, or the timeout passed (then what was read is returned, so
	 * that the test's assertion shows the difference).
	 * @param <V> the topic's value type
	 */
	@SuppressWarnings("unchecked")
	public <V> List<KeyValue<String, V>> readAll(Topic topic, int expectedCount, Duration timeout) {
		return readAll(topic, (Deserializer<V>) deserializerOf(topic), expectedCount, timeout);
	}

	/**
	 * Reads every committed record of a catalog topic, from the beginning, until at least
	 * {@code expectedCount} records were read and the end of every partition reached, or
	 * the timeout passed (then what was read is returned).
	 */
	public <V> List<KeyValue<String, V>> readAll(Topic topic, Deserializer<V> valueDeserializer, int expectedCount,
			Duration timeout) {
		return readAll(topic.topicName(), valueDeserializer, expectedCount, timeout);
	}

	/** As {@link #readAll(Topic, Deserializer, int, Duration)} for any topic name. */
	public <V> List<KeyValue<String, V>> readAll(String topic, Deserializer<V> valueDeserializer, int expectedCount,
			Duration timeout) {
		return readRecords(topic, valueDeserializer, expectedCount, timeout).stream()
			.map((record) -> KeyValue.pair(record.key(), record.value()))
			.toList();
	}

	/** Reads every record committed so far in a catalog topic. */
	@SuppressWarnings("unchecked")
	public <V> List<KeyValue<String, V>> readAll(Topic topic) {
		return readAll(topic, (Deserializer<V>) deserializerOf(topic), 0, Duration.ofSeconds(30));
	}

	/**
	 * Reads every committed record of a topic with its metadata (partition, offset,
	 * headers, timestamp), like {@link #readAll(String, Deserializer, int, Duration)}.
	 * Records are in partition order, partitions by number.
	 */
	public <V> List<ConsumerRecord<String, V>> readRecords(String topic, Deserializer<V> valueDeserializer,
			int expectedCount, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<ConsumerRecord<String, V>> read = new ArrayList<>();
		try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(consumerProperties(null), new StringDeserializer(),
				valueDeserializer)) {
			List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
			if (infos == null || infos.isEmpty()) {
				throw new IllegalArgumentException("No topic " + topic + " on the broker");
			}
			List<TopicPartition> partitions = infos.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			while (true) {
				consumer.poll(POLL).forEach(read::add);
				if (read.size() >= expectedCount && caughtUp(consumer, partitions)) {
					break;
				}
				if (System.nanoTime() - deadline > 0) {
					logger.warn("Read {} of {} expected records from {} within {}", read.size(), expectedCount, topic,
							timeout);
					break;
				}
			}
		}
		List<ConsumerRecord<String, V>> ordered = new ArrayList<>(read);
		ordered.sort((a, b) -> (a.partition() != b.partition()) ? Integer.compare(a.partition(), b.partition())
				: Long.compare(a.offset(), b.offset()));
		return ordered;
	}

	/** The latest value per key, as a consumer of a compacted topic would keep it. */
	public static <V> Map<String, V> latestByKey(List<KeyValue<String, V>> records) {
		Map<String, V> latest = new LinkedHashMap<>();
		for (KeyValue<String, V> record : records) {
			if (record.value == null) {
				latest.remove(record.key);
			}
			else {
				latest.put(record.key, record.value);
			}
		}
		return latest;
	}

	/** A unique name, for transactional ids, groups and application ids. */
	public static String uniqueName(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static boolean caughtUp(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions) {
		Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
		for (TopicPartition partition : partitions) {
			if (consumer.position(partition) < ends.get(partition)) {
				return false;
			}
		}
		return true;
	}

	@SuppressWarnings("unchecked")
	static Serializer<Object> serializerOf(Topic topic) {
		if (topic.valueType() == byte[].class) {
			return (Serializer<Object>) (Serializer<?>) new ByteArraySerializer();
		}
		return (Serializer<Object>) (Serializer<?>) JsonSerde.of(topic.valueType());
	}

	static Deserializer<?> deserializerOf(Topic topic) {
		if (topic.valueType() == byte[].class) {
			return new ByteArrayDeserializer();
		}
		return JsonSerde.of(topic.valueType());
	}

	static <T> T get(Future<T> future) {
		try {
			return future.get(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause().getMessage(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("No answer from the broker within 60 s", ex);
		}
	}

	/** The kinds of broker. */
	public enum Kind {

		/** spring-kafka-test's KRaft broker inside the test's JVM. */
		IN_JVM,

		/** An {@code apache/kafka} container (Testcontainers). */
		CONTAINER

	}

}
