package io.paytally.sandbox.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;

/**
 * SHA256withRSA over WeChat's line-per-field messages, and the nonces that go with them.
 */
public final class Signatures {

	private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.toCharArray();

	/** The largest multiple of 62 that a byte can hold: 248. */
	private static final int UNBIASED_LIMIT = 256 - 256 % 62;

	/**
	 * One DRBG per thread: the platform's default generator shares one lock (and reads of
	 * /dev/urandom) among all threads, which every signed reply and callback queued on.
	 */
	private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(Signatures::drbg);

	private Signatures() {
	}

	/** The text signed in replies and callbacks: {@code ts\nnonce\nbody\n}. */
	public static byte[] replyMessage(String timestamp, String nonce, byte[] body) {
		byte[] head = (timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8);
		byte[] message = new byte[head.length + body.length + 1];
		System.arraycopy(head, 0, message, 0, head.length);
		System.arraycopy(body, 0, message, head.length, body.length);
		message[message.length - 1] = '\n';
		return message;
	}

	/** The text a merchant signs: {@code METHOD\nURL\nts\nnonce\nbody\n}. */
	public static byte[] requestMessage(String method, String url, String timestamp, String nonce, byte[] body) {
		return replyMessage(method + "\n" + url + "\n" + timestamp, nonce, body);
	}

	public static String sign(PrivateKey key, byte[] message) {
		try {
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initSign(key);
			signature.update(message);
			return Base64.getEncoder().encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static boolean verify(PublicKey key, byte[] message, String base64Signature) {
		try {
			byte[] raw = Base64.getDecoder().decode(base64Signature);
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initVerify(key);
			signature.update(message);
			return signature.verify(raw);
		}
		catch (IllegalArgumentException | GeneralSecurityException ex) {
			return false;
		}
	}

	/**
	 * {@code length} random letters and digits, the random bytes drawn in one call. Bytes
	 * past the largest multiple of 62 are redrawn, so that every character is equally
	 * likely.
	 */
	public static String nonce(int length) {
		char[] chars = new char[length];
		byte[] raw = new byte[length + length / 8 + 4];
		int filled = 0;
		while (filled < length) {
			RANDOM.get().nextBytes(raw);
			for (int i = 0; i < raw.length && filled < length; i++) {
				int value = raw[i] & 0xFF;
				if (value < UNBIASED_LIMIT) {
					chars[filled++] = ALPHANUMERIC[value % ALPHANUMERIC.length];
				}
			}
		}
		return new String(chars);
	}

	private static SecureRandom drbg() {
		try {
			return SecureRandom.getInstance("DRBG");
		}
		catch (GeneralSecurityException ex) {
			return new SecureRandom();
		}
	}

	public static String hex(int bytes) {
		byte[] raw = new byte[bytes];
		RANDOM.get().nextBytes(raw);
		return HexFormat.of().withUpperCase().formatHex(raw);
	}

}
