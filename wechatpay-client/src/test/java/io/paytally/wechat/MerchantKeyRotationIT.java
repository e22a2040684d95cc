package io.paytally.wechat;

import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import com.wechat.pay.java.service.payments.jsapi.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.payments.model.Transaction;
import io.paytally.sandbox.Sandbox;
import io.paytally.sandbox.SandboxMerchant;
import io.paytally.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A merchant's API private key rotated without downtime, against the sandbox playing
 * WeChat Pay: the services sign with the old key (its certificate serial in
 * {@code serial_no}); the merchant applies for a new API certificate, and during the
 * overlap requests signed with either key are served; once the old certificate is
 * revoked, requests signed with the old key get 401 {@code SIGN_ERROR}.
 */
class MerchantKeyRotationIT {

	private static final String MCHID = "1900000001";

	private static final String APPID = "wx0000000000demo01";

	private static final String NEW_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";

	private static Sandbox sandbox;

	@BeforeAll
	static void start() {
		sandbox = Sandbox.start(SandboxOptions.builder().merchant(MCHID, APPID).build());
		sandbox.control().createOrder(MCHID, "ROTATE0001", 1250, "https://merchant.example/notify");
	}

	@AfterAll
	static void stop() {
		if (sandbox != null) {
			sandbox.close();
		}
	}

	@Test
	void servesRequestsSignedWithTheOldOrTheNewPrivateKeyUntilTheOldCertificateIsRevoked() {
		SandboxMerchant merchant = sandbox.merchant(MCHID);
		JsapiService oldKey = jsapi(merchant.merchantSerialNumber(), merchant.privateKeyPem());
		assertThat(query(oldKey).getAmount().getTotal()).isEqualTo(1250);

		KeyPair renewed = rsa();
		sandbox.control()
			.addMerchantCertificate(MCHID, NEW_SERIAL, pem("PUBLIC KEY", renewed.getPublic().getEncoded()));
		JsapiService newKey = jsapi(NEW_SERIAL, pem("PRIVATE KEY", renewed.getPrivate().getEncoded()));
		assertThat(query(oldKey).getOutTradeNo()).isEqualTo("ROTATE0001");
		assertThat(query(newKey).getOutTradeNo()).isEqualTo("ROTATE0001");

		sandbox.control().revokeMerchantCertificate(MCHID, merchant.merchantSerialNumber());
		assertThatExceptionOfType(ServiceException.class).isThrownBy(() -> query(oldKey)).satisfies((refused) -> {
			assertThat(refused.getHttpStatusCode()).isEqualTo(401);
			assertThat(refused.getErrorCode()).isEqualTo("SIGN_ERROR");
		});
		assertThat(query(newKey).getTradeState()).hasToString("NOTPAY");
	}

	private static Transaction query(JsapiService jsapi) {
		QueryOrderByOutTradeNoRequest request = new QueryOrderByOutTradeNoRequest();
		request.setMchid(MCHID);
		request.setOutTradeNo("ROTATE0001");
		return jsapi.queryOrderByOutTradeNo(request);
	}

	/** The SDK as a service configures it: the merchant's key and its serial. */
	private static JsapiService jsapi(String serial, String privateKeyPem) {
		SandboxMerchant merchant = sandbox.merchant(MCHID);
		MerchantProperties properties = new MerchantProperties(MCHID, APPID, serial, privateKeyPem, null,
				merchant.apiV3Key(), null, null, null, MerchantProperties.Verification.PUBLIC_KEY,
				sandbox.platformPublicKeyPem(), null, sandbox.platformPublicKeyId(), null);
		WechatPayProperties wechat = new WechatPayProperties(URI.create(sandbox.baseUrl().toString()),
				Duration.ofSeconds(5), Duration.ofSeconds(10), List.of(properties));
		return new JsapiService.Builder().httpClient(new WechatPayClients(wechat, properties).httpClient()).build();
	}

	private static KeyPair rsa() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

}
