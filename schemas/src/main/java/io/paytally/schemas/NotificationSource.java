package io.paytally.schemas;

/**
 * Where a payment or refund notification came from. All sources take the same road into
 * the state machine.
 */
public enum NotificationSource {

	/** A WeChat Pay API v3 callback (JSON, signed, AES-256-GCM encrypted). */
	CALLBACK_V3,

	/** A legacy WeChat Pay API v2 callback (XML, MD5 or HMAC-SHA256 signed). */
	CALLBACK_V2,

	/** The answer to an active query made when an order expired unpaid. */
	ACTIVE_QUERY,

	/** A repair sent back by the daily statement from a line of WeChat's trade bill. */
	BILL

}
