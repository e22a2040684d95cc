package io.paytally.wechat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.wechat.pay.java.core.cipher.AeadAesCipher;
import com.wechat.pay.java.core.cipher.AeadCipher;
import com.wechat.pay.java.core.exception.DecryptionException;

/**
 * The SDK's AEAD_AES_256_GCM cipher under a merchant's current APIv3 key and, while the
 * merchant rotates it, the previous one: what one key cannot decrypt is tried with the
 * other. Encrypts with the current key only.
 */
final class ApiV3Keys implements AeadCipher {

	private final List<AeadCipher> ciphers;

	ApiV3Keys(String current, String previous) {
		List<AeadCipher> all = new ArrayList<>();
		all.add(new AeadAesCipher(current.getBytes(StandardCharsets.UTF_8)));
		if (previous != null && !previous.equals(current)) {
			all.add(new AeadAesCipher(previous.getBytes(StandardCharsets.UTF_8)));
		}
		this.ciphers = List.copyOf(all);
	}

	/** How many keys are tried: 2 during a rotation of the APIv3 key, else 1. */
	int keyCount() {
		return this.ciphers.size();
	}

	@Override
	public String encrypt(byte[] associatedData, byte[] nonce, byte[] plaintext) {
		return this.ciphers.get(0).encrypt(associatedData, nonce, plaintext);
	}

	/**
	 * @throws DecryptionException from the current key when no key decrypts, the previous
	 * key's failure attached as suppressed
	 */
	@Override
	public String decrypt(byte[] associatedData, byte[] nonce, byte[] ciphertext) {
		DecryptionException first = null;
		for (AeadCipher cipher : this.ciphers) {
			try {
				return cipher.decrypt(associatedData, nonce, ciphertext);
			}
			catch (DecryptionException ex) {
				if (first == null) {
					first = ex;
				}
				else {
					first.addSuppressed(ex);
				}
			}
		}
		throw first;
	}

}
