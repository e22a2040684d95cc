package io.paytally.sandbox;

/**
 * What the sandbox does wrong, on request, to a callback.
 */
public enum ChaosAction {

	/** The callback is never sent (and never retried): the merchant must ask. */
	DROP,
	/** The callback is sent twice, each copy with its own retries. */
	DUPLICATE,
	/** The first attempt waits {@code delay_ms} (real milliseconds) before it is sent. */
	DELAY,
	/**
	 * The callback is held back until the next callback in scope has been sent (at most
	 * 10 s).
	 */
	REORDER,
	/** A copy with a broken signature is sent first. */
	FORGE_SIGNATURE,
	/** A copy correctly signed but with a timestamp an hour old is sent first. */
	STALE_TIMESTAMP,
	/** A copy signed with a key that is not the platform key is sent first. */
	WRONG_KEY

}
