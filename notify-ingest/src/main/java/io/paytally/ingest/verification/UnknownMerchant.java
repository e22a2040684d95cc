package io.paytally.ingest.verification;

/**
 * A callback for a merchant this service is not configured to serve.
 */
public final class UnknownMerchant extends CallbackRefused {

	public UnknownMerchant() {
		super(404, "unknown_merchant", "merchant not served here");
	}

}
