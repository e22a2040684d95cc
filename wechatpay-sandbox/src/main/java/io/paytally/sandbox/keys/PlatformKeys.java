package io.paytally.sandbox.keys;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

import io.paytally.sandbox.crypto.Pem;

/**
 * WeChat's side: the platform key that signs replies and callbacks, known to merchants by
 * its public-key id.
 */
public record PlatformKeys(PrivateKey privateKey, PublicKey publicKey, String publicKeyId) {

	public static PlatformKeys generate() {
		KeyPair pair = Pem.generateRsa2048();
		return new PlatformKeys(pair.getPrivate(), pair.getPublic(), "PUB_KEY_ID_01" + digits(28));
	}

	public static PlatformKeys load(String privateKeyPem, String publicKeyId) {
		PrivateKey key = Pem.parsePrivateKey(privateKeyPem);
		return new PlatformKeys(key, Pem.publicOf(key),
				(publicKeyId != null && !publicKeyId.isBlank()) ? publicKeyId : "PUB_KEY_ID_01" + digits(28));
	}

	public String publicKeyPem() {
		return Pem.publicKeyPem(this.publicKey);
	}

	private static String digits(int count) {
		StringBuilder out = new StringBuilder();
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		for (int i = 0; i < count; i++) {
			out.append(random.nextInt(10));
		}
		return out.toString();
	}

}
