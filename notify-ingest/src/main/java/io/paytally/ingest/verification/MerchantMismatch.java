package io.paytally.ingest.verification;

/**
 * A verified callback whose decrypted {@code mchid} is not the merchant of the URL it was
 * posted to.
 */
public final class MerchantMismatch extends CallbackRefused {

	public MerchantMismatch() {
		super(400, "merchant_mismatch", "mchid does not match the notify URL");
	}

}
