package io.paytally.schemas;

/**
 * How one order of the daily statement compares with WeChat's trade bill.
 */
public enum DifferenceClass {

	/** Both sides agree. */
	MATCHED,

	/** WeChat has a success that we do not show as paid. */
	MISSING_LOCALLY,

	/**
	 * We show a payment that the bill does not have (after the next day's bill was
	 * checked).
	 */
	MISSING_AT_WECHAT,

	/** Both sides have the payment with different amounts. */
	AMOUNT_MISMATCH,

	/** Both sides know the order but disagree on its state. */
	STATUS_MISMATCH,

	/**
	 * The refunds differ: amounts, a refund one side has and the other lacks, or a bill
	 * refund row that is not SUCCESS (PROCESSING, ABNORMAL, closed or another state)
	 * while paytally holds that refund SUCCESS (for PROCESSING, only when paytally's
	 * success time is within the bill's day: one after it is still REFUND_PROCESSING).
	 */
	REFUND_MISMATCH,

	/**
	 * A refund WeChat still had PROCESSING when the bill was cut: its money has left the
	 * merchant's account, the payer does not have it yet; it settles on a later day.
	 */
	REFUND_PROCESSING,

	/**
	 * A refund the bill shows succeeded that paytally never heard of (its callback was
	 * lost): repaired by asking WeChat for the refund and sending the answer down the
	 * refund notification road.
	 */
	REFUND_MISSING_LOCALLY,

	/**
	 * A refund WeChat could not return to the payer (ABNORMAL): the merchant must apply
	 * WeChat's abnormal-refund handling. When paytally holds that refund SUCCESS the row
	 * is REFUND_MISMATCH instead.
	 */
	REFUND_ABNORMAL,

	/**
	 * A refund WeChat closed on the statement's day, from paytally's own record (its
	 * refund notification said CLOSED) or from a bill refund row whose 退款状态 says closed
	 * ({@code REFUNDCLOSE} or {@code CLOSED}): the money stayed with the merchant, who
	 * must refund another way or tell the payer. When paytally holds that refund SUCCESS
	 * the row is REFUND_MISMATCH instead.
	 */
	REFUND_CLOSED,

	/** Two payment orders of one merchant order were paid. */
	DUPLICATE_PAYMENT,

	/**
	 * Paid shortly before midnight and not in this bill: checked against the next day's.
	 */
	HELD_OVER

}
