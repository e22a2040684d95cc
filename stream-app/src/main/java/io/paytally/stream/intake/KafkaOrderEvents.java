package io.paytally.stream.intake;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes order events to {@code orders.events}, keyed by their record key
 * ({@code mchid@out_trade_no}), with an idempotent {@code acks=all} producer, and waits
 * for the broker's acknowledgement.
 */
final class KafkaOrderEvents implements OrderEvents, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(KafkaOrderEvents.class);

	private final Producer<String, OrderEvent> producer;

	private final Duration timeout;

	KafkaOrderEvents(Producer<String, OrderEvent> producer, Duration timeout) {
		this.producer = producer;
		this.timeout = timeout;
	}

	/**
	 * A producer with the given client settings (bootstrap servers, security), made
	 * idempotent with {@code acks=all}; never transactional.
	 */
	static KafkaOrderEvents create(Map<String, Object> clientSettings, Duration timeout) {
		Map<String, Object> settings = new HashMap<>(clientSettings);
		settings.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		settings.put(ProducerConfig.ACKS_CONFIG, "all");
		settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "paytally-intake");
		settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 1000));
		settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 1000));
		settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(timeout.toMillis(), 1000));
		settings.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
		settings.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
		return new KafkaOrderEvents(new KafkaProducer<>(settings, new StringSerializer(), Serdes.orderEvent()),
				timeout);
	}

	@Override
	public void publish(OrderEvent event) {
		ProducerRecord<String, OrderEvent> record = new ProducerRecord<>(Topic.ORDER_EVENTS.topicName(), event.key(),
				event);
		try {
			this.producer.send(record).get(this.timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
			log.debug("Published {} of {} to {}", event.type(), event.outTradeNo(), Topic.ORDER_EVENTS.topicName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new OrderEventNotAcknowledged(event.outTradeNo(), ex);
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			log.warn("orders.events did not acknowledge {} of {}", event.type(), event.outTradeNo(), ex);
			throw new OrderEventNotAcknowledged(event.outTradeNo(), ex);
		}
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
	}

}
