package io.paytally.ingest.legacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.paytally.ingest.verification.SignatureInvalid;
import io.paytally.ingest.verification.SignatureTypeUnsupported;

/**
 * The API v2 signature: the non-empty fields but {@code sign}, sorted by name, as
 * {@code k=v&...&key=<API v2 key>}, hashed with MD5 or HMAC-SHA256 (keyed by the API v2
 * key), upper-case hex. Compared exactly, in constant time.
 */
final class V2Signature {

	static final String MD5 = "MD5";

	static final String HMAC_SHA256 = "HMAC-SHA256";

	private V2Signature() {
	}

	/**
	 * Checks the {@code sign} of a callback.
	 * @throws SignatureInvalid if it is missing or does not match
	 * @throws SignatureTypeUnsupported if {@code sign_type} is neither MD5 nor
	 * HMAC-SHA256
	 */
	static void check(Map<String, String> fields, String apiKey) {
		String sign = fields.get("sign");
		if (sign == null || sign.isEmpty()) {
			throw new SignatureInvalid();
		}
		String expected = sign(fields, apiKey);
		// exact, as WeChat's own SDK compares: signatures are upper-case hex
		if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				sign.getBytes(StandardCharsets.UTF_8))) {
			throw new SignatureInvalid();
		}
	}

	/** The signature of the fields with the key, by their {@code sign_type}. */
	static String sign(Map<String, String> fields, String apiKey) {
		String signType = fields.getOrDefault("sign_type", "");
		StringBuilder text = new StringBuilder(512);
		for (Map.Entry<String, String> field : new TreeMap<>(fields).entrySet()) {
			if (!field.getKey().equals("sign") && !field.getValue().isEmpty()) {
				text.append(field.getKey()).append('=').append(field.getValue()).append('&');
			}
		}
		text.append("key=").append(apiKey);
		byte[] message = text.toString().getBytes(StandardCharsets.UTF_8);
		try {
			byte[] digest;
			if (signType.isEmpty() || signType.equals(MD5)) {
				digest = MessageDigest.getInstance("MD5").digest(message);
			}
			else if (signType.equals(HMAC_SHA256)) {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(new SecretKeySpec(apiKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
				digest = mac.doFinal(message);
			}
			else {
				throw new SignatureTypeUnsupported();
			}
			return HexFormat.of().withUpperCase().formatHex(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("MD5 or HmacSHA256 missing from the JDK", ex);
		}
	}

}
