package io.paytally.stream.activequery;

import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;

import io.paytally.schemas.AnomalyType;
import io.paytally.schemas.ExpiryCheck;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.SuggestedAction;
import io.paytally.schemas.topics.Topic;

/**
 * Consumes {@code orders.expiry-checks} (its own consumer group), answers each through
 * {@link ActiveQuery} and publishes the answer on {@code wxpay.payment-notifications}
 * with source ACTIVE_QUERY: the same road as a callback. Failures are retried on retry
 * topics with back-off (see {@code ActiveQueryConfiguration}); a check that still fails
 * is dead-lettered and reported as a QUERY_FAILED anomaly.
 */
public class ActiveQueryWorker {

	/** The listener's id. */
	public static final String LISTENER_ID = "paytally-active-query";

	private static final Logger log = LoggerFactory.getLogger(ActiveQueryWorker.class);

	private final ActiveQuery query;

	private final KafkaOperations<String, Object> kafka;

	private final Clock clock;

	ActiveQueryWorker(ActiveQuery query, KafkaOperations<String, Object> kafka, Clock clock) {
		this.query = query;
		this.kafka = kafka;
		this.clock = clock;
	}

	@KafkaListener(id = LISTENER_ID, topics = "orders.expiry-checks", containerFactory = "activeQueryContainerFactory",
			groupId = "${paytally.stream.active-query.group-id:paytally-active-query}",
			concurrency = "${paytally.stream.active-query.concurrency:1}",
			autoStartup = "${paytally.stream.active-query.enabled:true}")
	public void onCheck(ExpiryCheck check) {
		PaymentNotification answer = this.query.answer(check);
		send(Topic.PAYMENT_NOTIFICATIONS, answer.key(), answer);
		log.info("Order {}: WeChat says {} (check {})", check.outTradeNo(), answer.tradeState(), check.attempt());
	}

	/** A check that failed for good: reported as an anomaly. */
	public void onDeadLetter(@Payload(required = false) ExpiryCheck check,
			@Header(name = KafkaHeaders.EXCEPTION_MESSAGE, required = false) String reason) {
		if (check == null) {
			log.error("An unreadable expiry check was dead-lettered: {}", reason);
			return;
		}
		log.error("Order {}: active query failed for good: {}", check.outTradeNo(), reason);
		PaymentAnomaly anomaly = new PaymentAnomaly(
				PaymentAnomaly.idOf(AnomalyType.QUERY_FAILED, check.mchid(), check.outTradeNo()) + ":"
						+ check.attempt(),
				AnomalyType.QUERY_FAILED, check.mchid(), check.outTradeNo(), null, null, null, null,
				SuggestedAction.REVIEW,
				"Active query (" + check.reason() + ", check " + check.attempt() + ") failed: " + reason,
				"active-query", this.clock.instant());
		send(Topic.ANOMALIES, anomaly.key(), anomaly);
	}

	private void send(Topic topic, String key, Object value) {
		try {
			this.kafka.send(topic.topicName(), key, value).get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while publishing to " + topic.topicName(), ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not publish to " + topic.topicName() + " for order " + key, ex);
		}
	}

}
