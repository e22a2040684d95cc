package io.paytally.sandbox.crypto;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;

import com.wechat.pay.java.core.cipher.AeadAesCipher;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignaturesTest {

	static final KeyPair KEYS = Pem.generateRsa2048();

	@Test
	void requestMessageHasOneLinePerFieldEachEndingInLf() {
		byte[] message = Signatures.requestMessage("GET", "/v3/pay/transactions/out-trade-no/A1?mchid=1900000001",
				"1700000000", "NONCE", new byte[0]);
		assertThat(new String(message, StandardCharsets.UTF_8))
			.isEqualTo("GET\n/v3/pay/transactions/out-trade-no/A1?mchid=1900000001\n1700000000\nNONCE\n\n");
	}

	@Test
	void replyMessageSignsTimestampNonceAndBody() {
		byte[] message = Signatures.replyMessage("1700000000", "NONCE", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
		assertThat(new String(message, StandardCharsets.UTF_8)).isEqualTo("1700000000\nNONCE\n{\"a\":1}\n");
	}

	@Test
	void verifiesItsOwnSignatureAndRejectsATamperedMessage() {
		byte[] message = Signatures.replyMessage("1700000000", "NONCE", "body".getBytes(StandardCharsets.UTF_8));
		String signature = Signatures.sign(KEYS.getPrivate(), message);
		assertThat(Signatures.verify(KEYS.getPublic(), message, signature)).isTrue();
		assertThat(Signatures.verify(KEYS.getPublic(),
				Signatures.replyMessage("1700000001", "NONCE", "body".getBytes(StandardCharsets.UTF_8)), signature))
			.isFalse();
		assertThat(Signatures.verify(KEYS.getPublic(), message, "not base64!")).isFalse();
	}

	@Test
	void keysSurviveAPemRoundTrip() {
		assertThat(Pem.parsePrivateKey(Pem.privateKeyPem(KEYS.getPrivate()))).isEqualTo(KEYS.getPrivate());
		assertThat(Pem.parsePublicKey(Pem.publicKeyPem(KEYS.getPublic()))).isEqualTo(KEYS.getPublic());
		assertThat(Pem.publicOf(KEYS.getPrivate())).isEqualTo(KEYS.getPublic());
	}

	@Test
	void resourceEncryptedAsTheSdkDecryptsIt() {
		String key = "0123456789abcdefghijklmnopqrstuv";
		String ciphertext = AesGcm.encrypt(key, "k3Jd8sQ1zX0p", "transaction", "{\"out_trade_no\":\"A1\"}");
		assertThat(Base64.getDecoder().decode(ciphertext)).hasSize("{\"out_trade_no\":\"A1\"}".length() + 16);
		String plaintext = new AeadAesCipher(key.getBytes(StandardCharsets.UTF_8)).decrypt(
				"transaction".getBytes(StandardCharsets.UTF_8), "k3Jd8sQ1zX0p".getBytes(StandardCharsets.UTF_8),
				Base64.getDecoder().decode(ciphertext));
		assertThat(plaintext).isEqualTo("{\"out_trade_no\":\"A1\"}");
		assertThat(AesGcm.decrypt(key, "k3Jd8sQ1zX0p", "transaction", ciphertext)).isEqualTo(plaintext);
	}

	@Test
	void noncesAreLettersAndDigitsOfTheAskedLengthAndAllDifferent() {
		java.util.Set<String> seen = new java.util.HashSet<>();
		java.util.Map<Character, Integer> counts = new java.util.HashMap<>();
		for (int i = 0; i < 2000; i++) {
			String nonce = Signatures.nonce(32);
			assertThat(nonce).hasSize(32).matches("[A-Za-z0-9]{32}");
			assertThat(seen.add(nonce)).isTrue();
			nonce.chars().forEach((c) -> counts.merge((char) c, 1, Integer::sum));
		}
		assertThat(counts).hasSize(62);
		assertThat(Signatures.nonce(1)).hasSize(1);
		assertThat(Signatures.hex(16)).matches("[0-9A-F]{32}");
	}

}
