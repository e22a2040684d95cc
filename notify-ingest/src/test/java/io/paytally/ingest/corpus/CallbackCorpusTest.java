package io.paytally.ingest.corpus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.wechat.pay.java.core.certificate.InMemoryCertificateProvider;
import com.wechat.pay.java.core.cipher.AeadAesCipher;
import com.wechat.pay.java.core.cipher.RSAVerifier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The v3 samples of {@code src/test/resources/corpus} (provenance in its README), checked
 * with the official SDK's own verifier and cipher: what verifies them, and that one byte
 * changed does not.
 */
class CallbackCorpusTest {

	private static final String PAYSCORE = "/corpus/v3/wechatpay-go-payscore-user-open-service/";

	@Test
	void wechatpayGoCallbackVerifiesUnderItsCertificateWithTheSdk() throws Exception {
		byte[] body = resource(PAYSCORE + "body.json");
		Map<String, String> headers = headers();
		RSAVerifier verifier = new RSAVerifier(new InMemoryCertificateProvider(List.of(certificate())));
		String message = headers.get("Wechatpay-Timestamp") + "\n" + headers.get("Wechatpay-Nonce") + "\n"
				+ new String(body, StandardCharsets.UTF_8) + "\n";
		assertThat(verifier.verify("D7CE59D1F522D701", message, headers.get("Wechatpay-Signature"))).isTrue();
		assertThat(verifier.verify("D7CE59D1F522D701", message.replace("签约成功", "签约失败"),
				headers.get("Wechatpay-Signature")))
			.isFalse();
	}

	@Test
	void wechatpayGoCallbackResourceDecryptsToItsPlaintext() throws Exception {
		JsonObject resource = new Gson()
			.fromJson(new String(resource(PAYSCORE + "body.json"), StandardCharsets.UTF_8), JsonObject.class)
			.getAsJsonObject("resource");
		// the sample's APIv3 key has 16 bytes (AES-128-GCM); WeChat's have 32, which the
		// SDK requires
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec("testMchAPIv3Key0".getBytes(StandardCharsets.UTF_8), "AES"),
				new GCMParameterSpec(128, resource.get("nonce").getAsString().getBytes(StandardCharsets.UTF_8)));
		cipher.updateAAD(resource.get("associated_data").getAsString().getBytes(StandardCharsets.UTF_8));
		byte[] plaintext = cipher.doFinal(Base64.getDecoder().decode(resource.get("ciphertext").getAsString()));
		assertThat(plaintext).isEqualTo(resource(PAYSCORE + "plaintext.json"));
	}

	@Test
	void wechatpayJavaAeadVectorDecryptsWithTheSdk() {
		JsonObject vector = new Gson().fromJson(
				new String(resource("/corpus/aead/wechatpay-java-AeadAesCipherTest.json"), StandardCharsets.UTF_8),
				JsonObject.class);
		AeadAesCipher cipher = new AeadAesCipher(vector.get("key").getAsString().getBytes(StandardCharsets.UTF_8));
		assertThat(cipher.decrypt(vector.get("associated_data").getAsString().getBytes(StandardCharsets.UTF_8),
				vector.get("nonce").getAsString().getBytes(StandardCharsets.UTF_8),
				Base64.getDecoder().decode(vector.get("ciphertext").getAsString())))
			.isEqualTo(vector.get("plaintext").getAsString());
	}

	private static Map<String, String> headers() {
		JsonObject json = new Gson().fromJson(new String(resource(PAYSCORE + "headers.json"), StandardCharsets.UTF_8),
				JsonObject.class);
		return Map.of("Wechatpay-Timestamp", json.get("Wechatpay-Timestamp").getAsString(), "Wechatpay-Nonce",
				json.get("Wechatpay-Nonce").getAsString(), "Wechatpay-Signature",
				json.get("Wechatpay-Signature").getAsString());
	}

	private static X509Certificate certificate() throws Exception {
		return (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(resource(PAYSCORE + "wechatpay-certificate.pem")));
	}

	private static byte[] resource(String name) {
		try (InputStream in = CallbackCorpusTest.class.getResourceAsStream(name)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
