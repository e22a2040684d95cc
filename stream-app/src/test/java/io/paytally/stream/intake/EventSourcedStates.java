package io.paytally.stream.intake;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A stand-in for the stream's state store in tests that run the intake without the
 * topology: it reads {@code orders.events} from the broker and keeps the first creation
 * of each out_trade_no as PENDING, as the state machine does; tests move orders to other
 * states as notifications would.
 */
final class EventSourcedStates implements PaymentStateLookup, AutoCloseable {

	private final Map<String, OrderPaymentState> states = new ConcurrentHashMap<>();

	private final KafkaConsumer<String, OrderEvent> consumer;

	private final Thread reader;

	private volatile boolean running = true;

	EventSourcedStates(Map<String, Object> consumerProperties) {
		this.consumer = new KafkaConsumer<>(consumerProperties, new StringDeserializer(),
				Serdes.orderEvent().deserializer());
		List<TopicPartition> partitions = this.consumer
			.partitionsFor(Topic.ORDER_EVENTS.topicName(), Duration.ofSeconds(30))
			.stream()
			.map((p) -> new TopicPartition(p.topic(), p.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToBeginning(partitions);
		this.reader = new Thread(this::read, "event-sourced-states");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	@Override
	public Optional<OrderPaymentState> find(String mchid, String outTradeNo) {
		return Optional.ofNullable(this.states.get(outTradeNo)).filter((s) -> s.mchid().equals(mchid));
	}

	/** Moves an order to another state, as a notification or an active query would. */
	void mark(String outTradeNo, PaymentStatus status) {
		this.states.computeIfPresent(outTradeNo,
				(k, s) -> s.withStatus(status).withVersion(s.version() + 1, s.updatedAt()));
	}

	private void read() {
		try {
			while (this.running) {
				for (ConsumerRecord<String, OrderEvent> record : this.consumer.poll(Duration.ofMillis(50))) {
					OrderEvent e = record.value();
					if (e != null && e.type() == OrderEvent.Type.CREATED) {
						this.states.putIfAbsent(e.outTradeNo(), OrderPaymentState.pending(e, e.occurredAt()));
					}
				}
			}
		}
		catch (WakeupException ex) {
			// closing
		}
		finally {
			this.consumer.close();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.consumer.wakeup();
		this.reader.join(10_000);
	}

}
