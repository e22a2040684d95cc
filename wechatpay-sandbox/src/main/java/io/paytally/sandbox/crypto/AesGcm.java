package io.paytally.sandbox.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_256_GCM as WeChat uses it: the APIv3 key's 32 ASCII bytes, a 12-character
 * nonce, the tag appended to the ciphertext, all Base64.
 */
public final class AesGcm {

	private AesGcm() {
	}

	public static String encrypt(String apiV3Key, String nonce, String associatedData, String plaintext) {
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, apiV3Key, nonce, associatedData);
			return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String decrypt(String apiV3Key, String nonce, String associatedData, String ciphertext) {
		try {
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, apiV3Key, nonce, associatedData);
			return new String(cipher.doFinal(Base64.getDecoder().decode(ciphertext)), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("cannot decrypt the resource", ex);
		}
	}

	private static Cipher cipher(int mode, String key, String nonce, String associatedData)
			throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "AES"),
				new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
		if (associatedData != null) {
			cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
		}
		return cipher;
	}

}
