package io.paytally.dashboard.request;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paytally.schemas.StatementRun;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;

/**
 * Writes a request to run a merchant's statement of a day on {@code recon.statement-runs}
 * ({@code REQUESTED}, keyed {@code mchid@date}) and waits for the broker's
 * acknowledgement. batch-jobs takes it from there; its status comes back on the same
 * topic into the dashboard's views. The dashboard still calls no service.
 */
public class StatementRequests implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(StatementRequests.class);

	private final KafkaProducer<String, byte[]> producer;

	private final Duration sendTimeout;

	private final Clock clock;

	/**
	 * A producer on the given client settings (brokers, security: Spring Boot's
	 * {@code spring.kafka.producer.*}) with the acknowledgement and timeouts of a
	 * request.
	 */
	StatementRequests(Map<String, Object> client, Duration sendTimeout, Clock clock) {
		Map<String, Object> config = new HashMap<>(client);
		config.putAll(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
				ProducerConfig.CLIENT_ID_CONFIG, "dashboard-statement-requests",
				ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) sendTimeout.toMillis(),
				ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(sendTimeout.toMillis(), 30_000),
				ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeout.toMillis()));
		this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
		this.sendTimeout = sendTimeout;
		this.clock = clock;
	}

	/**
	 * Asks for a merchant's statement of a day.
	 * @param mchid the merchant
	 * @param billDate the day
	 * @param requestedBy who asks
	 * @return the request as written
	 * @throws RequestNotWrittenException when the broker did not acknowledge it in time
	 */
	public StatementRun request(String mchid, LocalDate billDate, String requestedBy) {
		StatementRun request = StatementRun.requested(mchid, billDate, UUID.randomUUID().toString(), requestedBy,
				this.clock.instant());
		String topic = Topic.STATEMENT_RUNS.topicName();
		try {
			this.producer
				.send(new ProducerRecord<>(topic, request.key(), Serdes.statementRun().serialize(topic, request)))
				.get(this.sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RequestNotWrittenException("Interrupted while writing the request", ex);
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			logger.warn("The statement request of {} for {} by {} was not written: {}", mchid, billDate, requestedBy,
					ex.toString());
			throw new RequestNotWrittenException("Kafka did not acknowledge the request in " + this.sendTimeout, ex);
		}
		logger.info("Statement of {} for {} requested by {} ({})", mchid, billDate, requestedBy, request.requestId());
		return request;
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
	}

}
