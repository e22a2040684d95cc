package io.paytally.local.scenario;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The merchant's order system where the scenario needs it beyond the payment intake API:
 * a merchant's cancel, written to {@code orders.events} as the order system would
 * (acknowledged by every in-sync replica).
 */
final class MerchantOrderSystem implements AutoCloseable {

	private final KafkaProducer<String, OrderEvent> producer;

	MerchantOrderSystem(String bootstrapServers) {
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
						ProducerConfig.CLIENT_ID_CONFIG, "paytally-demo-order-system"),
				new StringSerializer(), Serdes.orderEvent().serializer());
	}

	/** The merchant cancels a payment order; returns once the broker acknowledged it. */
	void cancel(String mchid, String outTradeNo, Instant at) {
		OrderEvent cancel = OrderEvent.cancelled(mchid, outTradeNo, at, "the customer cancelled the order");
		try {
			this.producer.send(new ProducerRecord<>(Topic.ORDER_EVENTS.topicName(), cancel.key(), cancel))
				.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while cancelling " + outTradeNo, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The cancel of " + outTradeNo + " was not acknowledged", ex);
		}
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
