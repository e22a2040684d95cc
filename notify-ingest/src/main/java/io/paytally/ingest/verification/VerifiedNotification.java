package io.paytally.ingest.verification;

import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.UnknownNotification;
import io.paytally.schemas.topics.Topic;

/**
 * A callback found genuine and valid, ready to be written: the record, its topic and key.
 */
public sealed interface VerifiedNotification {

	/** The topic the record goes to. */
	Topic topic();

	/**
	 * The record key: the merchant and the order or refund number, {@code mchid@number}
	 * ({@link io.paytally.schemas.MerchantKey}).
	 */
	String key();

	/** The record value. */
	Object value();

	/** {@code payment}, {@code refund} or {@code unknown_event}. */
	String kind();

	/**
	 * A payment notification, keyed by merchant and out_trade_no.
	 *
	 * @param notification the record
	 */
	record Payment(PaymentNotification notification) implements VerifiedNotification {

		@Override
		public Topic topic() {
			return Topic.PAYMENT_NOTIFICATIONS;
		}

		@Override
		public String key() {
			return this.notification.key();
		}

		@Override
		public Object value() {
			return this.notification;
		}

		@Override
		public String kind() {
			return "payment";
		}

	}

	/**
	 * A refund notification, keyed by merchant and out_refund_no.
	 *
	 * @param notification the record
	 */
	record Refund(RefundNotification notification) implements VerifiedNotification {

		@Override
		public Topic topic() {
			return Topic.REFUND_NOTIFICATIONS;
		}

		@Override
		public String key() {
			return this.notification.key();
		}

		@Override
		public Object value() {
			return this.notification;
		}

		@Override
		public String kind() {
			return "refund";
		}

	}

	/**
	 * A genuine callback of an event type paytally does not handle, keyed by merchant and
	 * notification id.
	 *
	 * @param notification the record
	 */
	record Unknown(UnknownNotification notification) implements VerifiedNotification {

		@Override
		public Topic topic() {
			return Topic.UNKNOWN_NOTIFICATIONS;
		}

		@Override
		public String key() {
			return this.notification.key();
		}

		@Override
		public Object value() {
			return this.notification;
		}

		@Override
		public String kind() {
			return "unknown_event";
		}

	}

}
