package io.paytally.ingest.publish;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.paytally.ingest.verification.VerifiedNotification;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.UnknownNotification;
import io.paytally.schemas.serde.JsonSerde;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Writes a verified notification and returns only once the broker has acknowledged it
 * ({@code acks=all}), within the ack timeout.
 */
public class NotificationPublisher {

	private final Producer<String, byte[]> producer;

	private final long ackTimeoutNanos;

	private final JsonSerde<PaymentNotification> payments = Serdes.paymentNotification();

	private final JsonSerde<RefundNotification> refunds = Serdes.refundNotification();

	private final Timer paymentLatency;

	private final Timer refundLatency;

	private final JsonSerde<UnknownNotification> unknowns = Serdes.unknownNotification();

	private final Timer unknownLatency;

	public NotificationPublisher(Producer<String, byte[]> producer, Duration ackTimeout, MeterRegistry registry) {
		this.producer = producer;
		this.ackTimeoutNanos = ackTimeout.toNanos();
		this.paymentLatency = latency(registry, Topic.PAYMENT_NOTIFICATIONS);
		this.refundLatency = latency(registry, Topic.REFUND_NOTIFICATIONS);
		this.unknownLatency = latency(registry, Topic.UNKNOWN_NOTIFICATIONS);
	}

	private static Timer latency(MeterRegistry registry, Topic topic) {
		return Timer.builder("paytally.ingest.produce.latency")
			.description("From send to the broker's acknowledgement")
			.tag("topic", topic.topicName())
			.publishPercentileHistogram()
			.register(registry);
	}

	/**
	 * Writes the notification and waits for the acknowledgement.
	 * @throws BrokerUnavailable if it is not acknowledged within the ack timeout
	 */
	public void publish(VerifiedNotification notification) {
		long start = System.nanoTime();
		String topic = notification.topic().topicName();
		byte[] value;
		Timer latency;
		if (notification instanceof VerifiedNotification.Payment payment) {
			value = this.payments.serialize(topic, payment.notification());
			latency = this.paymentLatency;
		}
		else if (notification instanceof VerifiedNotification.Refund refund) {
			value = this.refunds.serialize(topic, refund.notification());
			latency = this.refundLatency;
		}
		else {
			value = this.unknowns.serialize(topic, ((VerifiedNotification.Unknown) notification).notification());
			latency = this.unknownLatency;
		}
		Future<RecordMetadata> ack;
		try {
			ack = this.producer.send(new ProducerRecord<>(topic, notification.key(), value));
		}
		catch (KafkaException | IllegalStateException ex) {
			throw new BrokerUnavailable("send failed: " + ex.getClass().getSimpleName());
		}
		long remaining = this.ackTimeoutNanos - (System.nanoTime() - start);
		try {
			ack.get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
			latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new BrokerUnavailable("no acknowledgement in time");
		}
		catch (ExecutionException ex) {
			throw new BrokerUnavailable("not acknowledged: " + ex.getCause().getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BrokerUnavailable("interrupted");
		}
	}

}
