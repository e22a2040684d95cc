package io.paytally.stream.activequery;

import java.time.Clock;
import java.util.Optional;
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
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.SuggestedAction;
import io.paytally.schemas.topics.Topic;

/**
 * Consumes {@code orders.expiry-checks} (its own consumer group), answers each through
 * {@link ActiveQuery} and publishes the answer on {@code wxpay.payment-notifications}
 * with source ACTIVE_QUERY: the same road as a callback. Failures are retried on retry
 * topics with back-off (see {@code ActiveQueryConfiguration}); a check that still fails
 * is dead-lettered, and reported as a QUERY_FAILED anomaly when WeChat refused it.
 */
public class ActiveQueryWorker {

	/** The listener's id. */
	public static final String LISTENER_ID = "paytally-active-query";

	private static final Logger log = LoggerFactory.getLogger(ActiveQueryWorker.class);

	private final ActiveQuery query;

	private final KafkaOperations<String, Object> kafka;

	private final Clock clock;

	private final OrderStates states;

	ActiveQueryWorker(ActiveQuery query, KafkaOperations<String, Object> kafka, Clock clock, OrderStates states) {
		this.query = query;
		this.kafka = kafka;
		this.clock = clock;
		this.states = states;
	}

	@KafkaListener(id = LISTENER_ID, topics = "orders.expiry-checks", containerFactory = "activeQueryContainerFactory",
			groupId = "${paytally.stream.active-query.group-id:paytally-active-query}",
			concurrency = "${paytally.stream.active-query.concurrency:1}",
			autoStartup = "${paytally.stream.active-query.enabled:true}")
	public void onCheck(ExpiryCheck check) {
		String stale = staleness(check);
		if (stale != null) {
			log.debug("Order {}: check {} not asked at WeChat, {}", check.key(), check.attempt(), stale);
			return;
		}
		PaymentNotification answer = this.query.answer(check);
		send(Topic.PAYMENT_NOTIFICATIONS, answer.key(), answer);
		log.info("Order {}: WeChat says {} (check {})", check.outTradeNo(), answer.tradeState(), check.attempt());
	}

	/**
	 * A check whose retries are used up. The state machine asks again later, less often
	 * each time, and reports QUERY_UNANSWERED once the order has waited long; so an
	 * outage (WeChat unavailable, rate-limited, timing out) is only logged here. A
	 * refusal ({@link WechatRefused}: our request or credentials are wrong, e.g. a 401
	 * after a key rotation gone wrong) needs a person: it is reported as QUERY_FAILED,
	 * once per order.
	 */
	public void onDeadLetter(@Payload(required = false) ExpiryCheck check,
			@Header(name = KafkaHeaders.EXCEPTION_MESSAGE, required = false) String reason,
			@Header(name = KafkaHeaders.EXCEPTION_FQCN, required = false) String exception,
			@Header(name = KafkaHeaders.EXCEPTION_CAUSE_FQCN, required = false) String cause) {
		if (check == null) {
			log.error("An unreadable expiry check was dead-lettered: {}", reason);
			return;
		}
		boolean refused = WechatRefused.class.getName().equals(exception)
				|| WechatRefused.class.getName().equals(cause);
		if (!refused) {
			log.warn("Order {}: active query (check {}) got no answer, it will be asked again: {}", check.key(),
					check.attempt(), reason);
			return;
		}
		log.error("Order {}: WeChat refused the active query (check {}): {}", check.key(), check.attempt(), reason);
		PaymentAnomaly anomaly = new PaymentAnomaly(
				PaymentAnomaly.idOf(AnomalyType.QUERY_FAILED, check.mchid(), check.outTradeNo()),
				AnomalyType.QUERY_FAILED, check.mchid(), check.outTradeNo(), null, null, null, null,
				SuggestedAction.REVIEW,
				"WeChat refused the active query (" + check.reason() + ", check " + check.attempt() + "): " + reason
						+ "; check the merchant's credentials, the order is asked again",
				"active-query", this.clock.instant());
		send(Topic.ANOMALIES, anomaly.key(), anomaly);
	}

	/**
	 * Why a check need not be asked any more, or null: the order was settled in the
	 * meantime (paid, or closed unless the check asks about a refund), or a newer check
	 * of it was asked (at most one check per order goes to WeChat, however long the
	 * retries of an older one took).
	 */
	private String staleness(ExpiryCheck check) {
		Optional<OrderPaymentState> current;
		try {
			current = this.states.find(check.mchid(), check.outTradeNo());
		}
		catch (RuntimeException ex) {
			log.debug("Order {}: current state not readable, asking WeChat: {}", check.key(), ex.toString());
			return null;
		}
		if (current.isEmpty()) {
			return null;
		}
		OrderPaymentState state = current.get();
		if (state.expiryChecks() > check.attempt()) {
			return "check " + state.expiryChecks() + " supersedes it";
		}
		return switch (state.status()) {
			case PAID, PARTIALLY_REFUNDED, REFUNDED, AMOUNT_MISMATCH -> "it is " + state.status() + " already";
			case CLOSED -> (check.reason() == ExpiryCheck.Reason.REFUNDED) ? null : "it is CLOSED already";
			default -> null;
		};
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
