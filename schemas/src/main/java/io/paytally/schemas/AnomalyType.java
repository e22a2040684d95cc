package io.paytally.schemas;

/**
 * The kinds of trouble paytally reports on {@code orders.anomalies}.
 */
public enum AnomalyType {

	/** A notification for an order that never arrived on {@code orders.events}. */
	UNKNOWN_ORDER,

	/** WeChat took a different amount than the order's. */
	AMOUNT_MISMATCH,

	/** A payment succeeded after the order was closed. */
	PAID_AFTER_CLOSE,

	/**
	 * The merchant cancelled an order that the payer paid (before or while the cancel was
	 * carried out): fulfil it after all or refund it.
	 */
	CANCELLED_BUT_PAID,

	/** Two payment orders of one merchant order were both paid. */
	DUPLICATE_PAYMENT,

	/** Refunds exceed what was paid. */
	OVER_REFUND,

	/**
	 * An expired order's checks at WeChat went unanswered for long (reported once; a
	 * follow-up with action NONE says when WeChat answered).
	 */
	QUERY_UNANSWERED,

	/** WeChat refused an active query (our request or credentials are wrong). */
	QUERY_FAILED,

	/** The daily statement: WeChat has a success that we do not show as paid. */
	MISSING_LOCALLY,

	/** The daily statement: we show a payment that WeChat's bill does not have. */
	MISSING_AT_WECHAT,

	/** The daily statement: the bill and we disagree on the state of an order. */
	STATUS_MISMATCH,

	/** The daily statement: the bill and we disagree on refunds. */
	REFUND_MISMATCH,

	/**
	 * The daily statement: WeChat's bill has a successful refund paytally never heard of
	 * (it asks WeChat for the refund and sends the answer down the refund notification
	 * road).
	 */
	REFUND_MISSING_LOCALLY,

	/**
	 * WeChat could not return a refund to the payer (REFUND.ABNORMAL: the card or account
	 * cannot take it); the merchant must apply WeChat's abnormal-refund handling.
	 */
	REFUND_ABNORMAL,

	/** WeChat closed a refund (REFUND.CLOSED): the payer did not get the money back. */
	REFUND_CLOSED,

	/**
	 * A successful refund of an order paytally did not show as paid: WeChat took the
	 * money (the order is checked at WeChat and corrected).
	 */
	REFUNDED_UNPAID

}
