package io.paytally.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.wechat.pay.java.core.RSAConfig;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.util.PemUtil;
import com.wechat.pay.java.service.certificate.CertificateService;
import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import com.wechat.pay.java.service.payments.jsapi.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.payments.model.Transaction;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The platform certificate rotated as WeChat Pay does it, seen through the official SDK
 * in certificate mode: a new certificate is listed next to the old one and signs replies
 * and callbacks from then on; a merchant that downloaded only the old one refuses them
 * until it downloads the list again; the old one is withdrawn later.
 */
class PlatformCertificateRotationIT {

	private static final String MCHID = "1900000019";

	private static final String APPID = "wx0000000000demo19";

	private static Sandbox sandbox;

	private static CallbackReceiver receiver;

	private static final List<String> replySerials = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void start() throws Exception {
		sandbox = Sandbox.start(SandboxOptions.builder().merchant(MCHID, APPID).build());
		receiver = new CallbackReceiver();
		sandbox.control().createOrder(MCHID, "ROTATE0019", 1250, receiver.url());
	}

	@AfterAll
	static void stop() throws Exception {
		if (receiver != null) {
			receiver.close();
		}
		if (sandbox != null) {
			sandbox.close();
		}
	}

	@Test
	void listsBothCertificatesAndSignsWithTheNewOneUntilTheOldOneIsWithdrawn() {
		String oldSerial = sandbox.platformCertificateSerial();
		List<X509Certificate> old = download();
		RSAConfig before = certificateConfig(old);
		assertThat(query(before).getAmount().getTotal()).isEqualTo(1250);
		assertThat(lastReplySerial()).isEqualTo(oldSerial);
		assertThat(sandbox.callbackSerial(MCHID)).isEqualTo(oldSerial);

		PlatformCertificateInfo issued = sandbox.control().rotatePlatformCertificate();
		List<PlatformCertificateInfo> listed = sandbox.control().platformCertificates();
		assertThat(listed).extracting(PlatformCertificateInfo::serialNo).containsExactly(oldSerial, issued.serialNo());
		assertThat(issued.expireTime()).isAfter(listed.get(0).expireTime());
		assertThat(issued.effectiveTime()).isBefore(issued.expireTime());
		assertThat(sandbox.platformCertificateSerial()).isEqualTo(issued.serialNo());
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> query(before));

		List<X509Certificate> both = download();
		assertThat(both).extracting(PemUtil::getSerialNumber).containsExactlyInAnyOrder(oldSerial, issued.serialNo());
		RSAConfig during = certificateConfig(both);
		assertThat(query(during).getTradeState()).hasToString("NOTPAY");
		assertThat(lastReplySerial()).isEqualTo(issued.serialNo());

		sandbox.control().pay(MCHID, "ROTATE0019");
		await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.received().isEmpty());
		CallbackReceiver.Received callback = receiver.received().get(0);
		assertThat(callback.serial()).isEqualTo(issued.serialNo());
		assertThat(verifies(both, callback)).isTrue();
		assertThat(verifies(old, callback)).isFalse();

		sandbox.control().signWithPlatformCertificate(oldSerial);
		assertThat(query(during).getTradeState()).hasToString("SUCCESS");
		assertThat(lastReplySerial()).isEqualTo(oldSerial);

		sandbox.control().withdrawPlatformCertificate(oldSerial);
		assertThat(sandbox.platformCertificateSerial()).isEqualTo(issued.serialNo());
		assertThat(sandbox.control().platformCertificates()).extracting(PlatformCertificateInfo::serialNo)
			.containsExactly(issued.serialNo());
		RSAConfig after = certificateConfig(download());
		assertThat(query(after).getTradeState()).hasToString("SUCCESS");
		assertThat(lastReplySerial()).isEqualTo(issued.serialNo());
		assertThatExceptionOfType(SandboxControl.SandboxControlException.class)
			.isThrownBy(() -> sandbox.control().withdrawPlatformCertificate(issued.serialNo()))
			.satisfies((refused) -> assertThat(refused.status()).isEqualTo(400));
	}

	@Test
	void signsRepliesUnderAnUnlistedSerialWhenTold() {
		RSAConfig config = certificateConfig(download());
		sandbox.control().unlistedCertificateReplies(MCHID, 1);

		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> query(config));
		String unlisted = lastReplySerial();
		assertThat(sandbox.control().platformCertificates()).extracting(PlatformCertificateInfo::serialNo)
			.doesNotContain(unlisted);
		assertThat(query(config).getOutTradeNo()).isEqualTo("ROTATE0019");
		assertThat(lastReplySerial()).isEqualTo(sandbox.platformCertificateSerial());
	}

	/** The certificates at {@code /v3/certificates}, decrypted by the SDK. */
	private static List<X509Certificate> download() {
		SandboxMerchant merchant = sandbox.merchant(MCHID);
		return new CertificateService.Builder().httpClient(new SdkClients(sandbox, merchant).httpClient)
			.build()
			.downloadCertificate(merchant.apiV3Key().getBytes(StandardCharsets.UTF_8));
	}

	/** The SDK in certificate mode with a fixed set of platform certificates. */
	private static RSAConfig certificateConfig(List<X509Certificate> certificates) {
		SandboxMerchant merchant = sandbox.merchant(MCHID);
		return new RSAConfig.Builder().merchantId(MCHID)
			.privateKey(merchant.privateKeyPem())
			.merchantSerialNumber(merchant.merchantSerialNumber())
			.wechatPayCertificates(certificates.stream().map(PlatformCertificateRotationIT::pem).toArray(String[]::new))
			.build();
	}

	private static Transaction query(RSAConfig config) {
		OkHttpClient recording = RewritingOkHttp.to(sandbox.baseUrl()).newBuilder().addInterceptor((chain) -> {
			Response response = chain.proceed(chain.request());
			replySerials.add(response.header("Wechatpay-Serial"));
			return response;
		}).build();
		JsapiService jsapi = new JsapiService.Builder()
			.httpClient(new DefaultHttpClientBuilder().config(config).okHttpClient(recording).build())
			.build();
		QueryOrderByOutTradeNoRequest request = new QueryOrderByOutTradeNoRequest();
		request.setMchid(MCHID);
		request.setOutTradeNo("ROTATE0019");
		return jsapi.queryOrderByOutTradeNo(request);
	}

	private static String lastReplySerial() {
		return replySerials.get(replySerials.size() - 1);
	}

	/** Whether the certificate the callback names is among these and verifies it. */
	private static boolean verifies(List<X509Certificate> certificates, CallbackReceiver.Received callback) {
		X509Certificate named = certificates.stream()
			.filter((certificate) -> PemUtil.getSerialNumber(certificate).equals(callback.serial()))
			.findFirst()
			.orElse(null);
		if (named == null) {
			return false;
		}
		try {
			Signature verifier = Signature.getInstance("SHA256withRSA");
			verifier.initVerify(named.getPublicKey());
			verifier.update((callback.timestamp() + "\n" + callback.nonce() + "\n" + callback.body() + "\n")
				.getBytes(StandardCharsets.UTF_8));
			return verifier.verify(Base64.getDecoder().decode(callback.signature()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String pem(X509Certificate certificate) {
		try {
			return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
				.encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
