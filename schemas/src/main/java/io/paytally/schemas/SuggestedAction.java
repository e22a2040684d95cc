package io.paytally.schemas;

/**
 * What operations should do about an anomaly.
 */
public enum SuggestedAction {

	/** Give the money back to the payer. */
	REFUND,

	/** Either fulfil the order after all or refund it. */
	FULFIL_OR_REFUND,

	/** A person must look at it. */
	REVIEW,

	/** Nothing: already repaired, reported for the record. */
	NONE

}
