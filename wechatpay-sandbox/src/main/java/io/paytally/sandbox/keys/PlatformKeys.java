package io.paytally.sandbox.keys;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.paytally.sandbox.crypto.MultiPrimeRsa;
import io.paytally.sandbox.crypto.Pem;
import io.paytally.sandbox.crypto.Signatures;

/**
 * WeChat's side: the platform key that signs replies and callbacks, known to merchants by
 * its public-key id. A generated key is an eight-prime RSA-2048 key
 * ({@link MultiPrimeRsa}), which signs about seven times faster than a two-prime one; a
 * key loaded from PEM signs through the JDK.
 *
 * @param privateKey the private key as the JDK holds it (for certificates)
 * @param publicKey the public key merchants verify with
 * @param publicKeyId WeChat's {@code PUB_KEY_ID_...}
 * @param multiPrime the generated key, or {@code null} for a key loaded from PEM
 */
public record PlatformKeys(PrivateKey privateKey, PublicKey publicKey, String publicKeyId, MultiPrimeRsa multiPrime) {

	/** Primes of a generated key: eight of 256 bits. */
	public static final int GENERATED_PRIMES = 8;

	public static PlatformKeys generate() {
		return of(MultiPrimeRsa.generate(GENERATED_PRIMES), null);
	}

	/** The key of these primes (hexadecimal, as {@link #primesHex()} gave them). */
	public static PlatformKeys fromPrimes(List<String> primesHex, String publicKeyId) {
		return of(MultiPrimeRsa.of(primesHex.stream().map((hex) -> new BigInteger(hex, 16)).toList()), publicKeyId);
	}

	public static PlatformKeys load(String privateKeyPem, String publicKeyId) {
		PrivateKey key = Pem.parsePrivateKey(privateKeyPem);
		return new PlatformKeys(key, Pem.publicOf(key), idOrNew(publicKeyId), null);
	}

	private static PlatformKeys of(MultiPrimeRsa key, String publicKeyId) {
		return new PlatformKeys(key.privateKey(), key.publicKey(), idOrNew(publicKeyId), key);
	}

	/** SHA256withRSA of {@code message}, Base64 as in {@code Wechatpay-Signature}. */
	public String sign(byte[] message) {
		if (this.multiPrime != null) {
			return Base64.getEncoder().encodeToString(this.multiPrime.sign(message));
		}
		return Signatures.sign(this.privateKey, message);
	}

	/** The primes of a generated key in hexadecimal, for the snapshot; null otherwise. */
	public List<String> primesHex() {
		return (this.multiPrime != null) ? this.multiPrime.primes().stream().map((p) -> p.toString(16)).toList() : null;
	}

	/** The private key as PEM, or null for a generated key (the JDK cannot encode it). */
	public String privateKeyPem() {
		return (this.multiPrime != null) ? null : Pem.privateKeyPem(this.privateKey);
	}

	public String publicKeyPem() {
		return Pem.publicKeyPem(this.publicKey);
	}

	private static String idOrNew(String publicKeyId) {
		return (publicKeyId != null && !publicKeyId.isBlank()) ? publicKeyId : "PUB_KEY_ID_01" + digits(28);
	}

	private static String digits(int count) {
		StringBuilder out = new StringBuilder();
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < count; i++) {
			out.append(random.nextInt(10));
		}
		return out.toString();
	}

}
