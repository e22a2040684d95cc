package io.paytally.ingest.verification;

/**
 * A signature that does not verify against the merchant's platform key.
 */
public final class SignatureInvalid extends CallbackRefused {

	public SignatureInvalid() {
		super(401, "signature_invalid", "signature invalid");
	}

}
