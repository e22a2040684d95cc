package io.paytally.batch.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.paytally.schemas.serde.JsonSerde;
import io.paytally.schemas.topics.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends records and waits until the broker has acknowledged all of them.
 */
public final class Publisher implements AutoCloseable {

	private final KafkaProducer<String, byte[]> producer;

	private final Duration timeout;

	public Publisher(KafkaProducer<String, byte[]> producer, Duration timeout) {
		this.producer = producer;
		this.timeout = timeout;
	}

	/** A batch of sends acknowledged together. */
	public <T> Batch<T> batch(Topic topic, JsonSerde<T> serde) {
		return new Batch<>(topic, serde);
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
	}

	/** Records of one topic sent together. */
	public final class Batch<T> {

		private final Topic topic;

		private final JsonSerde<T> serde;

		private final List<Future<RecordMetadata>> sends = new ArrayList<>();

		Batch(Topic topic, JsonSerde<T> serde) {
			this.topic = topic;
			this.serde = serde;
		}

		public Batch<T> send(String key, T value) {
			this.sends.add(Publisher.this.producer.send(new ProducerRecord<>(this.topic.topicName(), key,
					this.serde.serialize(this.topic.topicName(), value))));
			return this;
		}

		/** Waits for every acknowledgement; throws if one failed. */
		public int await() {
			Publisher.this.producer.flush();
			long deadline = System.nanoTime() + Publisher.this.timeout.toNanos();
			try {
				for (Future<RecordMetadata> send : this.sends) {
					send.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while sending to " + this.topic.topicName(), ex);
			}
			catch (ExecutionException | TimeoutException ex) {
				throw new IllegalStateException("Could not send to " + this.topic.topicName(), ex);
			}
			return this.sends.size();
		}

	}

}
