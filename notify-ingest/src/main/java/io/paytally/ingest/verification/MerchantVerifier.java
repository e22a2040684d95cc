package io.paytally.ingest.verification;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.wechat.pay.java.core.cipher.AeadCipher;
import com.wechat.pay.java.core.cipher.Verifier;
import com.wechat.pay.java.core.notification.NotificationConfig;
import com.wechat.pay.java.core.notification.NotificationParser;
import io.paytally.wechat.SerialVerifier;
import tools.jackson.databind.JsonNode;

/**
 * One merchant's SDK verifier and AEAD cipher, built once from its
 * {@link NotificationConfig} ({@code createVerifier()}, {@code createAeadCipher()}: the
 * very components the SDK's {@link NotificationParser} is made of). They are driven here
 * in the parser's order (signature over the signed message first, then the resource
 * decrypted) without the parser's Gson passes, its {@code String.format} and its
 * exception messages that hold the whole signed message. Their outcome surfaces as a
 * named fact ({@link SignatureInvalid}, {@link UnknownSerial}, {@link DecryptionFailed},
 * {@link UnsupportedAlgorithm}, {@link MalformedCallback}).
 */
public final class MerchantVerifier {

	private final String mchid;

	private final String signType;

	private final String cipherType;

	private final SerialVerifier serials;

	private final Verifier verifier;

	private final List<AeadCipher> ciphers;

	/**
	 * @param serials the SDK verifiers by {@code Wechatpay-Serial} (current and previous
	 * public key, certificates)
	 * @param ciphers the SDK's AEAD ciphers of the current APIv3 key and, during a
	 * rotation, the previous one
	 */
	MerchantVerifier(String mchid, NotificationConfig config, SerialVerifier serials, List<AeadCipher> ciphers) {
		this.mchid = mchid;
		this.signType = config.getSignType();
		this.cipherType = config.getCipherType();
		this.serials = serials;
		this.verifier = new GuardedVerifier(serials);
		this.ciphers = ciphers.stream().map(GuardedCipher::new).map(AeadCipher.class::cast).toList();
	}

	MerchantVerifier(String mchid, NotificationConfig config, String publicKeyId) {
		this(mchid, config,
				(publicKeyId != null) ? new SerialVerifier(Map.of(publicKeyId, config.createVerifier()), null)
						: new SerialVerifier(Map.of(), config.createVerifier()),
				List.of(config.createAeadCipher()));
	}

	/** The merchant id. */
	public String mchid() {
		return this.mchid;
	}

	/** The signature type this merchant's callbacks carry. */
	public String signType() {
		return this.signType;
	}

	/**
	 * Whether a {@code Wechatpay-Serial} can be this merchant's: the id of a public key
	 * configured (current or previous); in certificate mode any other serial goes to the
	 * SDK's certificates.
	 */
	public boolean knowsSerial(String serial) {
		return this.serials.knows(serial);
	}

	/**
	 * Verifies the signature of a callback with the SDK's verifier: over
	 * {@code timestamp\nnonce\nbody\n}, as WeChat Pay signs it.
	 * @throws SignatureInvalid if it does not verify
	 * @throws UnknownSerial if, in certificate mode, the serial is not a known
	 * certificate's
	 */
	void verify(String timestamp, String nonce, String signature, String serial, byte[] body) {
		this.verifier.verify(serial, signedMessage(timestamp, nonce, body), signature);
	}

	/**
	 * {@code timestamp\nnonce\nbody\n} as one string, decoded once from UTF-8 (the body
	 * is not decoded on its own and copied again).
	 */
	static String signedMessage(String timestamp, String nonce, byte[] body) {
		byte[] head = (timestamp + '\n' + nonce + '\n').getBytes(StandardCharsets.UTF_8);
		byte[] message = new byte[head.length + body.length + 1];
		System.arraycopy(head, 0, message, 0, head.length);
		System.arraycopy(body, 0, message, head.length, body.length);
		message[message.length - 1] = '\n';
		return new String(message, StandardCharsets.UTF_8);
	}

	/**
	 * Decrypts a notification's {@code resource} with the SDK's AEAD cipher.
	 * @param resource the envelope's {@code resource} member, or {@code null}
	 * @return the decrypted resource as a JSON object
	 */
	JsonNode decrypt(JsonNode resource) {
		if (resource == null || resource.isNull() || resource.isMissingNode()) {
			throw new MalformedCallback("resource");
		}
		if (!resource.isObject()) {
			throw new MalformedCallback("JSON");
		}
		String algorithm = scalar(resource, "algorithm");
		String ciphertext = scalar(resource, "ciphertext");
		String nonce = scalar(resource, "nonce");
		String associatedData = scalar(resource, "associated_data");
		if (algorithm == null || ciphertext == null || nonce == null) {
			throw new MalformedCallback("resource");
		}
		if (!this.cipherType.equals(algorithm)) {
			throw new UnsupportedAlgorithm();
		}
		if (associatedData == null) {
			throw new MalformedCallback("resource");
		}
		byte[] encrypted;
		try {
			encrypted = Base64.getDecoder().decode(ciphertext);
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedCallback("resource");
		}
		String plaintext = decrypt(associatedData.getBytes(StandardCharsets.UTF_8),
				nonce.getBytes(StandardCharsets.UTF_8), encrypted);
		if (plaintext == null || plaintext.isBlank() || "null".equals(plaintext.strip())) {
			throw new MalformedCallback("resource");
		}
		return JsonTrees.object(plaintext);
	}

	/**
	 * Decrypts with the current APIv3 key and, if its tag does not verify, with the
	 * previous one (during a rotation WeChat encrypts with whichever key it holds when it
	 * sends, and retries keep the old encryption).
	 */
	private String decrypt(byte[] associatedData, byte[] nonce, byte[] encrypted) {
		DecryptionFailed failed = null;
		for (AeadCipher cipher : this.ciphers) {
			try {
				return cipher.decrypt(associatedData, nonce, encrypted);
			}
			catch (DecryptionFailed ex) {
				failed = ex;
			}
			catch (CallbackRefused ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				// e.g. a nonce the cipher refuses
				throw new MalformedCallback("resource");
			}
		}
		throw failed;
	}

	/**
	 * A member as the SDK's Gson reads it into a {@code String}: strings as they are,
	 * numbers and booleans as written, null or absent as {@code null}; an object or array
	 * is malformed JSON.
	 */
	private static String scalar(JsonNode object, String name) {
		JsonNode value = object.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isValueNode()) {
			throw new MalformedCallback("JSON");
		}
		return value.isString() ? value.stringValue() : value.asString();
	}

	private static final class GuardedVerifier implements Verifier {

		private final SerialVerifier delegate;

		GuardedVerifier(SerialVerifier delegate) {
			this.delegate = delegate;
		}

		@Override
		public boolean verify(String serialNumber, String message, String signature) {
			boolean verified;
			try {
				verified = this.delegate.verify(serialNumber, message, signature);
			}
			catch (RuntimeException ex) {
				// not Base64, wrong length for the key: the SDK's message holds the
				// message
				throw new SignatureInvalid();
			}
			if (!verified) {
				if (this.delegate.certificateMode() && !this.delegate.keyIds().contains(serialNumber)
						&& !serialNumber.equalsIgnoreCase(currentSerial())) {
					throw new UnknownSerial();
				}
				throw new SignatureInvalid();
			}
			return true;
		}

		private String currentSerial() {
			try {
				return this.delegate.getSerialNumber();
			}
			catch (RuntimeException ex) {
				return "";
			}
		}

		@Override
		public String getSerialNumber() {
			return this.delegate.getSerialNumber();
		}

	}

	private static final class GuardedCipher implements AeadCipher {

		private final AeadCipher delegate;

		GuardedCipher(AeadCipher delegate) {
			this.delegate = delegate;
		}

		@Override
		public String encrypt(byte[] associatedData, byte[] nonce, byte[] plaintext) {
			return this.delegate.encrypt(associatedData, nonce, plaintext);
		}

		@Override
		public String decrypt(byte[] associatedData, byte[] nonce, byte[] ciphertext) {
			try {
				return this.delegate.decrypt(associatedData, nonce, ciphertext);
			}
			catch (RuntimeException ex) {
				throw new DecryptionFailed();
			}
		}

	}

}
