package io.paytally.schemas;

/**
 * paytally's payment state of one payment order.
 */
public enum PaymentStatus {

	/** Created, not paid, not expired. */
	PENDING,

	/**
	 * Expired or cancelled unpaid: WeChat is being asked (and the order closed there).
	 */
	CHECKING,

	/** Paid with the order's amount. */
	PAID,

	/** Closed unpaid (at WeChat too). */
	CLOSED,

	/** Paid, then part of the amount refunded. */
	PARTIALLY_REFUNDED,

	/** Paid, then the whole amount refunded. */
	REFUNDED,

	/** WeChat took a different amount than the order's: not paid, needs review. */
	AMOUNT_MISMATCH

}
