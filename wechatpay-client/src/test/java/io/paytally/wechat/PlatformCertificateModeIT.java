package io.paytally.wechat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.wechat.pay.java.core.exception.DecryptionException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import com.wechat.pay.java.service.payments.jsapi.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.payments.model.Transaction;
import io.paytally.sandbox.PlatformCertificateInfo;
import io.paytally.sandbox.Sandbox;
import io.paytally.sandbox.SandboxMerchant;
import io.paytally.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Certificate mode against the sandbox playing WeChat Pay: the platform certificates are
 * decrypted with the current APIv3 key or the previous one (a merchant rotating its APIv3
 * key), and a platform certificate rotation needs no restart: the new serial makes the
 * list download again, and a serial WeChat never listed is refused.
 */
class PlatformCertificateModeIT {

	private static final String MCHID = "1900000021";

	private static final String APPID = "wx0000000000demo21";

	private static final String OTHER_API_V3_KEY = "NewMerchantApiV3Key0123456789abc";

	private static Sandbox sandbox;

	@BeforeAll
	static void start() {
		sandbox = Sandbox.start(SandboxOptions.builder().merchant(MCHID, APPID).build());
		sandbox.control().createOrder(MCHID, "CERTMODE21", 1250, "https://merchant.example/notify");
	}

	@AfterAll
	static void stop() {
		if (sandbox != null) {
			sandbox.close();
		}
	}

	@Test
	void decryptsTheCertificatesWithThePreviousApiV3KeyWhileItIsRotated() {
		String wechatKey = sandbox.merchant(MCHID).apiV3Key();
		WechatPayClients rotating = clients(OTHER_API_V3_KEY,
				new MerchantProperties.PreviousKeys(wechatKey, null, null, null, null));

		assertThat(rotating.platformCertificateSerials()).containsExactly(sandbox.platformCertificateSerial());
		assertThat(query(rotating).getAmount().getTotal()).isEqualTo(1250);
		assertThatExceptionOfType(DecryptionException.class).isThrownBy(() -> clients(OTHER_API_V3_KEY, null));
	}

	@Test
	void verifiesEveryReplyAcrossAPlatformCertificateRotationAndRefusesAnUnlistedSerial() {
		WechatPayClients clients = clients(sandbox.merchant(MCHID).apiV3Key(), null);
		String oldSerial = sandbox.platformCertificateSerial();
		assertThat(query(clients).getOutTradeNo()).isEqualTo("CERTMODE21");
		assertThat(clients.platformCertificateSerials()).containsExactly(oldSerial);

		PlatformCertificateInfo issued = sandbox.control().rotatePlatformCertificate();
		assertThat(query(clients).getOutTradeNo()).isEqualTo("CERTMODE21");
		assertThat(clients.platformCertificateSerials()).containsExactlyInAnyOrder(oldSerial, issued.serialNo());
		assertThat(clients.verifier().getSerialNumber()).isEqualTo(issued.serialNo());

		sandbox.control().withdrawPlatformCertificate(oldSerial);
		sandbox.control().unlistedCertificateReplies(MCHID, 1);
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> query(clients));
		assertThat(clients.platformCertificateSerials()).containsExactly(issued.serialNo());
		assertThat(query(clients).getTradeState()).hasToString("NOTPAY");
	}

	private static Transaction query(WechatPayClients clients) {
		QueryOrderByOutTradeNoRequest request = new QueryOrderByOutTradeNoRequest();
		request.setMchid(MCHID);
		request.setOutTradeNo("CERTMODE21");
		return new JsapiService.Builder().httpClient(clients.httpClient()).build().queryOrderByOutTradeNo(request);
	}

	/** A service's clients in certificate mode, downloading again on any new serial. */
	private static WechatPayClients clients(String apiV3Key, MerchantProperties.PreviousKeys previous) {
		SandboxMerchant merchant = sandbox.merchant(MCHID);
		MerchantProperties properties = new MerchantProperties(MCHID, APPID, merchant.merchantSerialNumber(),
				merchant.privateKeyPem(), null, apiV3Key, null, null, null,
				MerchantProperties.Verification.PLATFORM_CERTIFICATE, null, null, null, null)
			.withPrevious(previous);
		WechatPayProperties wechat = new WechatPayProperties(URI.create(sandbox.baseUrl().toString()),
				Duration.ofSeconds(5), Duration.ofSeconds(10), List.of(properties))
			.withCertificates(new WechatPayProperties.Certificates(Duration.ofMinutes(60), Duration.ZERO));
		return new WechatPayClients(wechat, properties);
	}

}
