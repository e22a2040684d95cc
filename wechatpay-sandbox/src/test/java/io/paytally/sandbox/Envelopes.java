package io.paytally.sandbox;

import java.util.Map;

import io.paytally.sandbox.crypto.AesGcm;
import io.paytally.sandbox.ledger.WireFormat;

/**
 * Opens a callback envelope in tests (without the SDK) to see which order it is about.
 */
final class Envelopes {

	private Envelopes() {
	}

	@SuppressWarnings("unchecked")
	static String plaintext(String envelope, String apiV3Key) {
		Map<String, Object> json = WireFormat.mapper().readValue(envelope, Map.class);
		Map<String, Object> resource = (Map<String, Object>) json.get("resource");
		return AesGcm.decrypt(apiV3Key, (String) resource.get("nonce"), (String) resource.get("associated_data"),
				(String) resource.get("ciphertext"));
	}

}
