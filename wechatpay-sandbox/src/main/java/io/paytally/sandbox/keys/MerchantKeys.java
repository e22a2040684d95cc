package io.paytally.sandbox.keys;

import java.security.KeyPair;
import java.security.PublicKey;

import io.paytally.sandbox.crypto.Pem;
import io.paytally.sandbox.crypto.Signatures;

/**
 * What the sandbox knows of one merchant: its public key and certificate serial (to
 * verify its requests) and its APIv3 key (to encrypt callbacks). The private key is known
 * only when the sandbox generated it.
 */
public record MerchantKeys(String mchid, String appid, String serialNumber, String privateKeyPem, PublicKey publicKey,
		String apiV3Key, String apiV2Key) {

	public static MerchantKeys generate(String mchid, String appid) {
		KeyPair pair = Pem.generateRsa2048();
		return new MerchantKeys(mchid, appid, Signatures.hex(20), Pem.privateKeyPem(pair.getPrivate()),
				pair.getPublic(), Signatures.nonce(32), Signatures.nonce(32));
	}

	/** A merchant whose keys were configured; blanks are generated. */
	public static MerchantKeys configured(String mchid, String appid, String serialNumber, String privateKeyPem,
			String publicKeyPem, String apiV3Key, String apiV2Key) {
		MerchantKeys generated = generate(mchid, appid);
		PublicKey publicKey = (publicKeyPem != null) ? Pem.parsePublicKey(publicKeyPem)
				: (privateKeyPem != null) ? Pem.publicOf(Pem.parsePrivateKey(privateKeyPem)) : generated.publicKey();
		String privatePem = (publicKeyPem != null || privateKeyPem != null) ? privateKeyPem : generated.privateKeyPem();
		return new MerchantKeys(mchid, appid, blank(serialNumber) ? generated.serialNumber() : serialNumber, privatePem,
				publicKey, blank(apiV3Key) ? generated.apiV3Key() : apiV3Key,
				blank(apiV2Key) ? generated.apiV2Key() : apiV2Key);
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
