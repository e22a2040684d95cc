package io.paytally.sandbox.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * RSA keys to and from PEM text (PKCS#8 private keys, SPKI public keys).
 */
public final class Pem {

	private Pem() {
	}

	public static KeyPair generateRsa2048() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String privateKeyPem(PrivateKey key) {
		return pem("PRIVATE KEY", key.getEncoded());
	}

	public static String publicKeyPem(PublicKey key) {
		return pem("PUBLIC KEY", key.getEncoded());
	}

	public static PrivateKey parsePrivateKey(String pem) {
		try {
			return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("not a PKCS#8 RSA private key", ex);
		}
	}

	public static PublicKey parsePublicKey(String pem) {
		try {
			return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("not an SPKI RSA public key", ex);
		}
	}

	/** The public half of an RSA private key given in CRT form. */
	public static PublicKey publicOf(PrivateKey key) {
		try {
			java.security.interfaces.RSAPrivateCrtKey crt = (java.security.interfaces.RSAPrivateCrtKey) key;
			return KeyFactory.getInstance("RSA")
				.generatePublic(new java.security.spec.RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
		}
		catch (GeneralSecurityException | ClassCastException ex) {
			throw new IllegalArgumentException("cannot derive the public key", ex);
		}
	}

	private static byte[] der(String pem) {
		String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		return Base64.getDecoder().decode(base64);
	}

	private static String pem(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

}
