package io.paytally.ingest.corpus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
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
import com.wechat.pay.java.core.exception.DecryptionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The v3 samples of {@code src/test/resources/corpus} (provenance in its README), checked
 * with the official SDK's own verifier and cipher: what verifies them, and that one byte
 * changed does not.
 */
class CallbackCorpusTest {

	private static final String PAYSCORE = "/corpus/v3/wechatpay-go-payscore-user-open-service/";

	private static final String CERTIFICATES = "/corpus/v3/yansongda-pay-certificates/";

	private static final String PAYMENT = "/corpus/v3/jaifiresong-weixin-pay-transaction-success/";

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

	@Test
	void jaifiresongPaymentCallbackResourceDecryptsWithTheSdkToWechatsTransaction() {
		JsonObject body = new Gson().fromJson(new String(resource(PAYMENT + "body.json"), StandardCharsets.UTF_8),
				JsonObject.class);
		JsonObject encrypted = body.getAsJsonObject("resource");
		AeadAesCipher cipher = new AeadAesCipher(resource(PAYMENT + "api-v3-key.txt"));

		String transaction = cipher.decrypt(
				encrypted.get("associated_data").getAsString().getBytes(StandardCharsets.UTF_8),
				encrypted.get("nonce").getAsString().getBytes(StandardCharsets.UTF_8),
				Base64.getDecoder().decode(encrypted.get("ciphertext").getAsString()));

		assertThat(transaction).isEqualTo(new String(resource(PAYMENT + "plaintext.json"), StandardCharsets.UTF_8));
		// the body is byte for byte what WeChat sent: its length is the request's
		// Content-Length
		JsonObject headers = new Gson().fromJson(new String(resource(PAYMENT + "headers.json"), StandardCharsets.UTF_8),
				JsonObject.class);
		assertThat(resource(PAYMENT + "body.json")).hasSize(headers.get("Content-Length").getAsInt());
	}

	@Test
	void yansongdaEncryptedPlatformCertificateDecryptsWithTheSdkToWechatsOwnCertificate() throws Exception {
		JsonObject resource = new Gson().fromJson(
				new String(resource(CERTIFICATES + "encrypt_certificate.json"), StandardCharsets.UTF_8),
				JsonObject.class);
		AeadAesCipher cipher = new AeadAesCipher(resource(CERTIFICATES + "api-v3-key.txt"));
		byte[] associatedData = resource.get("associated_data").getAsString().getBytes(StandardCharsets.UTF_8);
		byte[] nonce = resource.get("nonce").getAsString().getBytes(StandardCharsets.UTF_8);
		byte[] ciphertext = Base64.getDecoder().decode(resource.get("ciphertext").getAsString());

		String pem = cipher.decrypt(associatedData, nonce, ciphertext);

		X509Certificate decrypted = certificate(pem.getBytes(StandardCharsets.US_ASCII));
		X509Certificate published = certificate(resource(CERTIFICATES + "wechatpay-certificate.pem"));
		assertThat(decrypted).isEqualTo(published);
		assertThat(decrypted.getSerialNumber().toString(16).toUpperCase())
			.isEqualTo("45F59D4DABF31918AFCEC556D5D2C6E376675D57");
		assertThat(decrypted.getSubjectX500Principal().getName())
			.isEqualTo("L=ShenZhen,C=CN,OU=Tenpay.com CA Center,O=Tenpay.com,CN=Tenpay.com sign");
		assertThat(decrypted.getNotBefore().toInstant()).isEqualTo(Instant.parse("2021-07-16T09:51:10Z"));
		assertThat(decrypted.getNotAfter().toInstant()).isEqualTo(Instant.parse("2026-07-15T09:51:10Z"));
		// certificate mode: the SDK finds it by the serial WeChat names in
		// Wechatpay-Serial
		assertThat(new InMemoryCertificateProvider(List.of(decrypted))
			.getCertificate("45F59D4DABF31918AFCEC556D5D2C6E376675D57")).isEqualTo(published);
		ciphertext[0] ^= 1;
		assertThatThrownBy(() -> cipher.decrypt(associatedData, nonce, ciphertext))
			.isInstanceOf(DecryptionException.class);
	}

	private static Map<String, String> headers() {
		JsonObject json = new Gson().fromJson(new String(resource(PAYSCORE + "headers.json"), StandardCharsets.UTF_8),
				JsonObject.class);
		return Map.of("Wechatpay-Timestamp", json.get("Wechatpay-Timestamp").getAsString(), "Wechatpay-Nonce",
				json.get("Wechatpay-Nonce").getAsString(), "Wechatpay-Signature",
				json.get("Wechatpay-Signature").getAsString());
	}

	private static X509Certificate certificate() throws Exception {
		return certificate(resource(PAYSCORE + "wechatpay-certificate.pem"));
	}

	private static X509Certificate certificate(byte[] pem) throws Exception {
		return (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(pem));
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
