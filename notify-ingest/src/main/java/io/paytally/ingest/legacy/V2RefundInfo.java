package io.paytally.ingest.legacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import io.paytally.ingest.verification.DecryptionFailed;
import io.paytally.ingest.verification.MalformedCallback;

/**
 * The {@code req_info} of an API v2 refund callback: Base64 of AES-256-ECB (PKCS#7
 * padding) under the lowercase hex MD5 of the merchant's API v2 key, holding a flat
 * {@code <root>...</root>} XML document. Hand-written: the official SDK
 * ({@code wechatpay-java}) has no API v2 at all. A v2 refund callback carries no
 * {@code sign}; that it decrypts to a well-formed document under the merchant's key is
 * its authentication, as in WeChat's own v2 SDKs.
 */
final class V2RefundInfo {

	private V2RefundInfo() {
	}

	/** The decrypted fields of a {@code req_info}. */
	static Map<String, String> decrypt(String reqInfo, String apiV2Key) {
		byte[] encrypted;
		try {
			encrypted = Base64.getMimeDecoder().decode(reqInfo);
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedCallback("req_info");
		}
		if (encrypted.length == 0 || encrypted.length % 16 != 0) {
			throw new MalformedCallback("req_info");
		}
		byte[] plaintext;
		try {
			Cipher cipher = Cipher.getInstance("AES/ECB/PKCS5Padding");
			cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key(apiV2Key), "AES"));
			plaintext = cipher.doFinal(encrypted);
		}
		catch (GeneralSecurityException ex) {
			throw new DecryptionFailed();
		}
		try {
			return V2Xml.parse(plaintext, "root");
		}
		catch (MalformedCallback ex) {
			// the padding happened to check out under a wrong key
			throw new DecryptionFailed();
		}
	}

	/** The AES key: the MD5 of the API v2 key as 32 lowercase hex characters. */
	static byte[] key(String apiV2Key) {
		try {
			byte[] md5 = MessageDigest.getInstance("MD5").digest(apiV2Key.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(md5).getBytes(StandardCharsets.US_ASCII);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("MD5 missing from the JDK", ex);
		}
	}

}
