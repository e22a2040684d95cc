package io.paytally.batch.internal;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The job's Kafka clients, from Spring Boot's {@code spring.kafka.*} settings: keys are
 * strings, values bytes (the records' JSON serdes do the rest).
 */
public final class KafkaClients {

	private final Map<String, Object> consumerProperties;

	private final Map<String, Object> producerProperties;

	public KafkaClients(Map<String, Object> consumerProperties, Map<String, Object> producerProperties) {
		this.consumerProperties = consumerProperties;
		this.producerProperties = producerProperties;
	}

	/**
	 * A consumer without a group, for manual assignment; reads committed records only.
	 * @param maxPollRecords the records per poll
	 */
	public KafkaConsumer<String, byte[]> consumer(int maxPollRecords) {
		Map<String, Object> config = new HashMap<>(this.consumerProperties);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
		config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
		config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
		config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "batch-jobs-orders-state");
		return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
	}

	/** An idempotent producer that waits for all in-sync replicas. */
	public KafkaProducer<String, byte[]> producer() {
		Map<String, Object> config = new HashMap<>(this.producerProperties);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "batch-jobs");
		return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

}
