package io.paytally.local.keys;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class KeyFilesTest {

	@Test
	void writesMatchingKeyPairsAndTheIdsGiven(@TempDir Path dir) throws Exception {
		KeyFiles keys = new KeyFiles(dir.resolve("keys"));
		assertThat(keys.exists()).isFalse();
		keys.generate("1900000009", "wx0000000000demo09", "ABCDEF0123", "PUB_KEY_ID_0100000000000000000000000009");
		assertThat(keys.exists()).isTrue();
		MerchantCredentials credentials = keys.credentials();
		assertThat(credentials.mchid()).isEqualTo("1900000009");
		assertThat(credentials.appid()).isEqualTo("wx0000000000demo09");
		assertThat(credentials.merchantSerialNumber()).isEqualTo("ABCDEF0123");
		assertThat(credentials.platformPublicKeyId()).isEqualTo("PUB_KEY_ID_0100000000000000000000000009");
		assertThat(credentials.apiV3Key()).hasSize(32).matches("[A-Za-z0-9]+");
		assertThat(credentials.apiV2Key()).hasSize(32).isNotEqualTo(credentials.apiV3Key());
		assertSignsAndVerifies(credentials.privateKeyPem(), keys.read(KeyFiles.MERCHANT_PUBLIC_KEY));
		assertSignsAndVerifies(keys.read(KeyFiles.PLATFORM_PRIVATE_KEY), credentials.platformPublicKeyPem());
		assertThat(Files.getPosixFilePermissions(dir.resolve("keys").resolve(KeyFiles.MERCHANT_PRIVATE_KEY)))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
	}

	private static void assertSignsAndVerifies(String privatePem, String publicPem) throws Exception {
		KeyFactory rsa = KeyFactory.getInstance("RSA");
		PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(der(privatePem)));
		PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(der(publicPem)));
		byte[] message = "paytally".getBytes(StandardCharsets.UTF_8);
		Signature signer = Signature.getInstance("SHA256withRSA");
		signer.initSign(privateKey);
		signer.update(message);
		byte[] signature = signer.sign();
		Signature verifier = Signature.getInstance("SHA256withRSA");
		verifier.initVerify(publicKey);
		verifier.update(message);
		assertThat(verifier.verify(signature)).isTrue();
	}

	private static byte[] der(String pem) {
		return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
	}

}
