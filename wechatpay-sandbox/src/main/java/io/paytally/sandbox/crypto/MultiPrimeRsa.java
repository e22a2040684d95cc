package io.paytally.sandbox.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * An RSA-2048 key whose modulus is the product of more than two primes (multi-prime RSA,
 * RFC 8017 section 3.2), and SHA256withRSA (RSASSA-PKCS1-v1_5) signing with it. Its
 * signatures and public key are ordinary RSA-2048 ones: whoever verifies cannot tell.
 * Each prime's exponentiation costs about the cube of its size, so eight 256-bit primes
 * sign about seven times faster than the JDK's two 1024-bit ones. The sandbox signs every
 * reply and callback with its platform key, so that is its throughput. Primes this small
 * would be a weakness in a real key (the elliptic-curve method finds factors of this size
 * with enough effort); a sandbox's key guards no money and lives as long as the sandbox.
 * The JDK cannot hold such a key, hence this class.
 */
public final class MultiPrimeRsa {

	/** The modulus size: WeChat Pay's keys are RSA-2048. */
	public static final int BITS = 2048;

	/** The most primes a key may have: eight of 256 bits. */
	public static final int MAX_PRIMES = 8;

	private static final BigInteger PUBLIC_EXPONENT = BigInteger.valueOf(65_537);

	/** ASN.1 DigestInfo of SHA-256 up to the digest (RFC 8017, section 9.2, note 1). */
	private static final byte[] SHA256_DIGEST_INFO = HexFormat.of().parseHex("3031300d060960864801650304020105000420");

	private final List<BigInteger> primes;

	private final BigInteger modulus;

	private final BigInteger privateExponent;

	/** Per prime: d mod (p - 1). */
	private final BigInteger[] exponents;

	/** Per prime after the first: the product of the primes before it. */
	private final BigInteger[] prefixes;

	/** Per prime after the first: the inverse of {@link #prefixes} modulo the prime. */
	private final BigInteger[] inverses;

	private MultiPrimeRsa(List<BigInteger> primes) {
		this.primes = List.copyOf(primes);
		BigInteger n = BigInteger.ONE;
		BigInteger lambda = BigInteger.ONE;
		for (BigInteger p : primes) {
			n = n.multiply(p);
			BigInteger pMinusOne = p.subtract(BigInteger.ONE);
			lambda = lambda.divide(lambda.gcd(pMinusOne)).multiply(pMinusOne);
		}
		if (n.bitLength() != BITS || primes.stream().distinct().count() != primes.size()) {
			throw new IllegalArgumentException("not " + primes.size() + " distinct primes of an RSA-" + BITS + " key");
		}
		this.modulus = n;
		this.privateExponent = PUBLIC_EXPONENT.modInverse(lambda);
		this.exponents = new BigInteger[primes.size()];
		this.prefixes = new BigInteger[primes.size()];
		this.inverses = new BigInteger[primes.size()];
		BigInteger prefix = BigInteger.ONE;
		for (int i = 0; i < primes.size(); i++) {
			BigInteger p = primes.get(i);
			this.exponents[i] = this.privateExponent.mod(p.subtract(BigInteger.ONE));
			this.prefixes[i] = prefix;
			this.inverses[i] = (i == 0) ? BigInteger.ONE : prefix.modInverse(p);
			prefix = prefix.multiply(p);
		}
	}

	/** A new key of {@code count} primes whose product is exactly {@value #BITS} bits. */
	public static MultiPrimeRsa generate(int count) {
		if (count < 2 || count > MAX_PRIMES) {
			throw new IllegalArgumentException("RSA-2048 with " + count + " primes");
		}
		SecureRandom random = new SecureRandom();
		while (true) {
			List<BigInteger> primes = new ArrayList<>();
			BigInteger product = BigInteger.ONE;
			while (primes.size() < count) {
				// sizes that add up to BITS: 512 x 4; 410, 410, 410, 409, 409; 256 x 8
				int bits = BITS / count + ((primes.size() < BITS % count) ? 1 : 0);
				BigInteger p = primeOfTopBits(bits, count, random);
				if (p.subtract(BigInteger.ONE).gcd(PUBLIC_EXPONENT).equals(BigInteger.ONE) && !primes.contains(p)) {
					primes.add(p);
					product = product.multiply(p);
				}
			}
			if (product.bitLength() == BITS) {
				return new MultiPrimeRsa(primes);
			}
		}
	}

	/**
	 * A prime of {@code bits} bits no smaller than 2^(bits - 1/count): the product of
	 * {@code count} such primes whose sizes add up to {@value #BITS} has all its bits, so
	 * that generation does not draw whole keys again until one has (as the JDK's
	 * two-prime generator does with its lower bound of the square root of two).
	 */
	private static BigInteger primeOfTopBits(int bits, int count, SecureRandom random) {
		long scale = (long) Math.ceil(Math.pow(2, (count - 1.0) / count) * (1L << 32));
		BigInteger low = BigInteger.ONE.shiftLeft(bits - 1).multiply(BigInteger.valueOf(scale)).shiftRight(32);
		BigInteger span = BigInteger.ONE.shiftLeft(bits).subtract(low);
		while (true) {
			BigInteger p = low.add(new BigInteger(bits, random).mod(span)).nextProbablePrime();
			if (p.bitLength() == bits) {
				return p;
			}
		}
	}

	/** The key made of these primes (as {@link #primes()} gave them). */
	public static MultiPrimeRsa of(List<BigInteger> primes) {
		for (BigInteger p : primes) {
			if (!p.isProbablePrime(64)) {
				throw new IllegalArgumentException("not a prime");
			}
		}
		return new MultiPrimeRsa(primes);
	}

	/** The primes, the whole secret. */
	public List<BigInteger> primes() {
		return this.primes;
	}

	public RSAPublicKey publicKey() {
		try {
			return (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new RSAPublicKeySpec(this.modulus, PUBLIC_EXPONENT));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The same key as the JDK can hold it (modulus and private exponent, no CRT): slow,
	 * for the rare signature made through JDK APIs, such as a certificate.
	 */
	public RSAPrivateKey privateKey() {
		try {
			return (RSAPrivateKey) KeyFactory.getInstance("RSA")
				.generatePrivate(new RSAPrivateKeySpec(this.modulus, this.privateExponent));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The RSASSA-PKCS1-v1_5 SHA-256 signature of {@code message}, 256 bytes: one
	 * exponentiation per prime, recombined with Garner's algorithm, which needs no
	 * reduction modulo the whole modulus.
	 */
	public byte[] sign(byte[] message) {
		BigInteger m = new BigInteger(1, encode(sha256(message)));
		BigInteger s = null;
		for (int i = 0; i < this.exponents.length; i++) {
			BigInteger p = this.primes.get(i);
			BigInteger si = m.mod(p).modPow(this.exponents[i], p);
			if (s == null) {
				s = si;
			}
			else {
				BigInteger t = si.subtract(s.mod(p)).multiply(this.inverses[i]).mod(p);
				s = s.add(this.prefixes[i].multiply(t));
			}
		}
		return fixedLength(s);
	}

	/** EMSA-PKCS1-v1_5: 00 01 FF..FF 00 DigestInfo digest, as long as the modulus. */
	private static byte[] encode(byte[] digest) {
		byte[] encoded = new byte[BITS / 8];
		int tail = SHA256_DIGEST_INFO.length + digest.length;
		encoded[1] = 0x01;
		for (int i = 2; i < encoded.length - tail - 1; i++) {
			encoded[i] = (byte) 0xFF;
		}
		System.arraycopy(SHA256_DIGEST_INFO, 0, encoded, encoded.length - tail, SHA256_DIGEST_INFO.length);
		System.arraycopy(digest, 0, encoded, encoded.length - digest.length, digest.length);
		return encoded;
	}

	private static byte[] fixedLength(BigInteger value) {
		byte[] raw = value.toByteArray();
		byte[] out = new byte[BITS / 8];
		int copy = Math.min(raw.length, out.length);
		System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
		return out;
	}

	private static byte[] sha256(byte[] message) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(message);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
