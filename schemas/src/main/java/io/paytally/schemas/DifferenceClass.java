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

	/** The refunds differ. */
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
	 * WeChat's abnormal-refund handling.
	 */
	REFUND_ABNORMAL,

	/** Two payment orders of one merchant order were paid. */
	DUPLICATE_PAYMENT,

	/**
	 * Paid shortly before midnight and not in this bill: checked against the next day's.
	 */
	HELD_OVER

}
