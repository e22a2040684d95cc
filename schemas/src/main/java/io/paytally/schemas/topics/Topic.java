package io.paytally.schemas.topics;

import java.time.Duration;

import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.ExpiryCheck;
import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.PaymentStats;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.StatementRun;
import io.paytally.schemas.UnknownNotification;

/**
 * Every topic paytally uses, declared once: its name, key, value type, cleanup policy and
 * retention. Partition counts and replication come from {@link TopicSettings}.
 */
public enum Topic {

	PAYMENT_NOTIFICATIONS("wxpay.payment-notifications", "mchid@out_trade_no", PaymentNotification.class,
			Cleanup.COMPACT, null),

	REFUND_NOTIFICATIONS("wxpay.refund-notifications", "mchid@out_refund_no", RefundNotification.class, Cleanup.COMPACT,
			null),

	/**
	 * Genuine callbacks of event types paytally does not handle, kept for operations.
	 */
	UNKNOWN_NOTIFICATIONS("wxpay.unknown-notifications", "mchid@notification_id", UnknownNotification.class,
			Cleanup.DELETE, Duration.ofDays(90)),

	ORDER_EVENTS("orders.events", "mchid@out_trade_no", OrderEvent.class, Cleanup.DELETE, Duration.ofDays(30)),

	ORDER_STATE("orders.state", "mchid@out_trade_no", OrderPaymentState.class, Cleanup.COMPACT, null),

	ANOMALIES("orders.anomalies", "mchid@out_trade_no", PaymentAnomaly.class, Cleanup.DELETE, Duration.ofDays(90)),

	EXPIRY_CHECKS("orders.expiry-checks", "mchid@out_trade_no", ExpiryCheck.class, Cleanup.DELETE, Duration.ofDays(7)),

	STATS("orders.stats", "mchid@window_start", PaymentStats.class, Cleanup.COMPACT, null),

	STATEMENTS("recon.statements", "mchid@bill_date", DailyStatement.class, Cleanup.COMPACT, null),

	/**
	 * Requests to run a merchant's statement and their status, one compacted record per
	 * merchant and day: the latest request and where it stands.
	 */
	STATEMENT_RUNS("recon.statement-runs", "mchid@bill_date", StatementRun.class, Cleanup.COMPACT, null),

	/**
	 * Records that could not be processed, with the reason in headers; value is the
	 * original bytes.
	 */
	DEAD_LETTERS("paytally.dead-letters", "original key", byte[].class, Cleanup.DELETE, Duration.ofDays(30));

	private final String topicName;

	private final String key;

	private final Class<?> valueType;

	private final Cleanup cleanup;

	private final Duration retention;

	Topic(String topicName, String key, Class<?> valueType, Cleanup cleanup, Duration retention) {
		this.topicName = topicName;
		this.key = key;
		this.valueType = valueType;
		this.cleanup = cleanup;
		this.retention = retention;
	}

	/** The topic's name on the broker. */
	public String topicName() {
		return this.topicName;
	}

	/** What the record key is. Keys are UTF-8 strings. */
	public String key() {
		return this.key;
	}

	/** The type of the record value (JSON). */
	public Class<?> valueType() {
		return this.valueType;
	}

	/** How old records go away. */
	public Cleanup cleanup() {
		return this.cleanup;
	}

	/**
	 * How long records are kept on a {@link Cleanup#DELETE} topic; {@code null} forever.
	 */
	public Duration retention() {
		return this.retention;
	}

	/** A topic's cleanup policy. */
	public enum Cleanup {

		/** The latest record per key is kept forever. */
		COMPACT("compact"),

		/** Records are deleted after the retention. */
		DELETE("delete");

		private final String policy;

		Cleanup(String policy) {
			this.policy = policy;
		}

		/** The value of the {@code cleanup.policy} topic config. */
		public String policy() {
			return this.policy;
		}

	}

}
