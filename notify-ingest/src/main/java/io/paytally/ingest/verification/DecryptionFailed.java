package io.paytally.ingest.verification;

/**
 * A signed resource that does not decrypt with the merchant's APIv3 key (tampered
 * ciphertext, wrong key or nonce).
 */
public final class DecryptionFailed extends CallbackRefused {

	public DecryptionFailed() {
		super(400, "decryption_failed", "resource cannot be decrypted");
	}

}
