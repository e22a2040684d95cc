package io.paytally.wechat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verifier that checks WeChat Pay's API replies for stream-app and batch-jobs while
 * WeChat Pay's public key is rotated: the old and the new key each verify under their own
 * id, until the old one is removed from the settings.
 */
class SerialVerifierTest {

	private static final String OLD_ID = "PUB_KEY_ID_0119000000012026112300000000000001";

	private static final String NEW_ID = "PUB_KEY_ID_0119000000012026120200000000000002";

	private static final KeyPair OLD = rsa();

	private static final KeyPair NEW = rsa();

	private static final KeyPair MERCHANT = rsa();

	private static final String MESSAGE = "1795406400\nfdasfjihihihlkja484w\n{\"prepay_id\":\"wx2026\"}\n";

	@Test
	void verifiesRepliesSignedWithTheOldOrTheNewKeyDuringTheOverlap() {
		SerialVerifier verifier = clients(NEW, NEW_ID, new MerchantProperties.PreviousKeys(null, null,
				pem("PUBLIC KEY", OLD.getPublic().getEncoded()), null, OLD_ID))
			.verifier();

		assertThat(verifier.verify(OLD_ID, MESSAGE, sign(OLD.getPrivate()))).isTrue();
		assertThat(verifier.verify(NEW_ID, MESSAGE, sign(NEW.getPrivate()))).isTrue();
		assertThat(verifier.verify(NEW_ID, MESSAGE, sign(OLD.getPrivate()))).isFalse();
		assertThat(verifier.getSerialNumber()).isEqualTo(NEW_ID);
		assertThat(verifier.keyIds()).containsExactly(NEW_ID, OLD_ID);
	}

	@Test
	void refusesRepliesSignedWithTheOldKeyOnceItIsRetired() {
		SerialVerifier verifier = clients(NEW, NEW_ID, null).verifier();

		assertThat(verifier.knows(OLD_ID)).isFalse();
		assertThat(verifier.verify(OLD_ID, MESSAGE, sign(OLD.getPrivate()))).isFalse();
		assertThat(verifier.verify(NEW_ID, MESSAGE, sign(NEW.getPrivate()))).isTrue();
	}

	private static WechatPayClients clients(KeyPair platform, String keyId, MerchantProperties.PreviousKeys previous) {
		MerchantProperties merchant = new MerchantProperties("1900000001", "wx0000000000demo01",
				"3775B6A45ACD588826D15E583A95F5DD7C5E5A12", pem("PRIVATE KEY", MERCHANT.getPrivate().getEncoded()),
				null, "Merchant0wnApiV3Key0123456789abc", null, null, null, MerchantProperties.Verification.PUBLIC_KEY,
				pem("PUBLIC KEY", platform.getPublic().getEncoded()), null, keyId, null)
			.withPrevious(previous);
		WechatPayProperties properties = new WechatPayProperties(URI.create("http://127.0.0.1:8090"),
				Duration.ofSeconds(1), Duration.ofSeconds(1), List.of(merchant));
		return new WechatPayClients(properties, merchant);
	}

	private static String sign(PrivateKey key) {
		try {
			Signature signer = Signature.getInstance("SHA256withRSA");
			signer.initSign(key);
			signer.update(MESSAGE.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(signer.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyPair rsa() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

}
