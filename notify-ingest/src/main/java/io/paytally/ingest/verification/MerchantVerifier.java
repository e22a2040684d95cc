package io.paytally.ingest.verification;

import java.util.Map;

import com.google.gson.JsonObject;
import com.wechat.pay.java.core.cipher.AeadCipher;
import com.wechat.pay.java.core.cipher.Verifier;
import com.wechat.pay.java.core.notification.NotificationConfig;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;

/**
 * One merchant's SDK {@link NotificationParser}, built once from its configuration. The
 * SDK's verifier and cipher are wrapped so that their outcome surfaces as a named fact
 * ({@link SignatureInvalid}, {@link UnknownSerial}, {@link DecryptionFailed}) rather than
 * as an SDK exception whose message holds the whole signed message.
 */
public final class MerchantVerifier {

	private final String mchid;

	private final String signType;

	private final String publicKeyId;

	private final NotificationParser parser;

	MerchantVerifier(String mchid, NotificationConfig config, String publicKeyId) {
		this.mchid = mchid;
		this.signType = config.getSignType();
		this.publicKeyId = publicKeyId;
		Verifier verifier = new GuardedVerifier(config.createVerifier(), publicKeyId == null);
		AeadCipher cipher = new GuardedCipher(config.createAeadCipher());
		this.parser = new NotificationParser(Map.of(this.signType, verifier), Map.of(config.getCipherType(), cipher));
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
	 * Whether a {@code Wechatpay-Serial} can be this merchant's: in public-key mode it
	 * must be the key's id; in certificate mode the SDK decides.
	 */
	public boolean knowsSerial(String serial) {
		return this.publicKeyId == null || this.publicKeyId.equals(serial);
	}

	/**
	 * Verifies the signature and decrypts the resource with the SDK.
	 * @return the decrypted resource as a JSON object
	 */
	JsonObject verifyAndDecrypt(String timestamp, String nonce, String signature, String serial, String body) {
		RequestParam param = new RequestParam.Builder().serialNumber(serial)
			.nonce(nonce)
			.signature(signature)
			.timestamp(timestamp)
			.signType(this.signType)
			.body(body)
			.build();
		return this.parser.parse(param, JsonObject.class);
	}

	private static final class GuardedVerifier implements Verifier {

		private final Verifier delegate;

		private final boolean certificateMode;

		GuardedVerifier(Verifier delegate, boolean certificateMode) {
			this.delegate = delegate;
			this.certificateMode = certificateMode;
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
				if (this.certificateMode && !serialNumber.equalsIgnoreCase(currentSerial())) {
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
