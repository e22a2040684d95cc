package io.paytally.batch.support;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.serde.JsonSerde;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes {@code orders.state} as the stream would (keyed {@code mchid@out_trade_no}), and
 * reads whole topics back.
 */
public final class KafkaTopics {

	private final String bootstrap;

	public KafkaTopics(String bootstrap) {
		this.bootstrap = bootstrap;
	}

	public void writeStates(List<OrderPaymentState> states) {
		JsonSerde<OrderPaymentState> serde = Serdes.orderPaymentState();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap, ProducerConfig.LINGER_MS_CONFIG, 5,
						ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
				new StringSerializer(), new ByteArraySerializer())) {
			String topic = Topic.ORDER_STATE.topicName();
			for (OrderPaymentState state : states) {
				producer.send(new ProducerRecord<>(topic, state.key(), serde.serialize(topic, state)));
			}
			producer.flush();
		}
	}

	/** A tombstone on {@code orders.state} with the given key. */
	public void writeStateTombstone(String key) {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap), new StringSerializer(),
				new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(Topic.ORDER_STATE.topicName(), key, null));
			producer.flush();
		}
	}

	/** Every record now on a topic, values deserialized. */
	public <T> List<T> readAll(Topic topic, JsonSerde<T> serde) {
		return readKeyed(topic, serde).stream().map(Map.Entry::getValue).toList();
	}

	/** Every record now on a topic, with its key, values deserialized. */
	public <T> List<Map.Entry<String, T>> readKeyed(Topic topic, JsonSerde<T> serde) {
		List<Map.Entry<String, T>> values = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap, ConsumerConfig.GROUP_ID_CONFIG,
						"test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic.topicName())
				.stream()
				.map((p) -> new TopicPartition(p.topic(), p.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (partitions.stream().anyMatch((p) -> consumer.position(p) < ends.get(p))) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Could not read " + topic.topicName() + " to its end");
				}
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					values.add(new AbstractMap.SimpleImmutableEntry<>(record.key(),
							serde.deserialize(topic.topicName(), record.value())));
				}
			}
		}
		return values;
	}

}
