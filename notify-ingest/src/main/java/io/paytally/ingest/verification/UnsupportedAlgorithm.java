package io.paytally.ingest.verification;

/**
 * A resource encrypted with another algorithm than {@code AEAD_AES_256_GCM}.
 */
public final class UnsupportedAlgorithm extends CallbackRefused {

	public UnsupportedAlgorithm() {
		super(400, "unsupported_algorithm", "unsupported resource algorithm");
	}

}
