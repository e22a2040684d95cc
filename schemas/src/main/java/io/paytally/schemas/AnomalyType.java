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

	/** Two payment orders of one merchant order were both paid. */
	DUPLICATE_PAYMENT,

	/** Refunds exceed what was paid. */
	OVER_REFUND,

	/** An expired order's active query never got an answer. */
	QUERY_UNANSWERED,

	/** An active query or close failed for good (dead-lettered). */
	QUERY_FAILED,

	/** The daily statement: WeChat has a success that we do not show as paid. */
	MISSING_LOCALLY,

	/** The daily statement: we show a payment that WeChat's bill does not have. */
	MISSING_AT_WECHAT,

	/** The daily statement: the bill and we disagree on the state of an order. */
	STATUS_MISMATCH,

	/** The daily statement: the bill and we disagree on refunds. */
	REFUND_MISMATCH

}
