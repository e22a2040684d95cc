package io.paytally.ingest.rotation;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import com.wechat.pay.java.service.payments.jsapi.model.Amount;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest;
import io.paytally.ingest.support.IngestApp;
import io.paytally.sandbox.CallbackAttempt;
import io.paytally.sandbox.Sandbox;
import io.paytally.sandbox.SandboxMerchant;
import io.paytally.sandbox.SandboxOptions;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.topics.Topic;
import io.paytally.testkit.KafkaTestBroker;
import io.paytally.wechat.MerchantProperties;
import io.paytally.wechat.MerchantProperties.Verification;
import io.paytally.wechat.WechatPayClients;
import io.paytally.wechat.WechatPayProperties;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The migration WeChat Pay documents from platform certificates to its public key, with
 * the sandbox playing WeChat: notify-ingest is configured in certificate mode (the
 * certificates downloaded from the sandbox's {@code /v3/certificates}) and with the
 * public key as well. While the merchant's own calls still name the certificate, WeChat
 * signs its callbacks under the certificate's serial; once they name the public key id,
 * under that; both are accepted, {@code Wechatpay-Serial} says which key verifies.
 */
class CertificateMigrationIT {

	private static final String MCHID = "1900000007";

	private static final String APPID = "wx0000000000demo07";

	private static KafkaTestBroker broker;

	private static Sandbox sandbox;

	private static IngestApp app;

	@BeforeAll
	static void start() {
		broker = KafkaTestBroker.start();
		sandbox = Sandbox.start(SandboxOptions.builder().merchant(MCHID, APPID).timeScale(0.001).build());
		SandboxMerchant merchant = sandbox.merchant(MCHID);
		String prefix = "--paytally.wechat.merchants[0].";
		app = IngestApp.start(broker.bootstrapServers(), List.of("--paytally.wechat.base-url=" + sandbox.baseUrl(),
				prefix + "mchid=" + MCHID, prefix + "appid=" + APPID, prefix + "verification=PLATFORM_CERTIFICATE",
				prefix + "merchant-serial-number=" + merchant.merchantSerialNumber(),
				prefix + "private-key=" + merchant.privateKeyPem(), prefix + "api-v3-key=" + merchant.apiV3Key(),
				prefix + "platform-public-key=" + sandbox.platformPublicKeyPem(),
				prefix + "platform-public-key-id=" + sandbox.platformPublicKeyId()));
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		if (sandbox != null) {
			sandbox.close();
		}
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void acceptsCallbacksSignedUnderThePlatformCertificateAndUnderThePublicKeyDuringTheMigration() {
		prepay(Verification.PLATFORM_CERTIFICATE, "MIGRATE0001");
		assertThat(sandbox.callbackSerial(MCHID)).isEqualTo(sandbox.platformCertificateSerial());
		sandbox.control().pay(MCHID, "MIGRATE0001");
		assertThat(sandbox.control().awaitCallbacksSettled(Duration.ofSeconds(30))).isTrue();

		prepay(Verification.PUBLIC_KEY, "MIGRATE0002");
		assertThat(sandbox.callbackSerial(MCHID)).isEqualTo(sandbox.platformPublicKeyId());
		sandbox.control().pay(MCHID, "MIGRATE0002");
		assertThat(sandbox.control().awaitCallbacksSettled(Duration.ofSeconds(30))).isTrue();

		assertThat(sandbox.control().callbacks(null))
			.extracting(CallbackAttempt::outTradeNo, CallbackAttempt::status, CallbackAttempt::attempt)
			.containsExactlyInAnyOrder(tuple("MIGRATE0001", 200, 1), tuple("MIGRATE0002", 200, 1));
		List<KeyValue<String, PaymentNotification>> payments = broker.readAll(Topic.PAYMENT_NOTIFICATIONS, 2,
				Duration.ofSeconds(10));
		assertThat(payments).extracting((record) -> record.key, (record) -> record.value.amountTotal())
			.containsExactlyInAnyOrder(tuple(MCHID + "@MIGRATE0001", 1250L), tuple(MCHID + "@MIGRATE0002", 1250L));
	}

	/** Places an order through the SDK configured in a verification mode. */
	private static void prepay(Verification verification, String outTradeNo) {
		SandboxMerchant merchant = sandbox.merchant(MCHID);
		MerchantProperties properties = new MerchantProperties(MCHID, APPID, merchant.merchantSerialNumber(),
				merchant.privateKeyPem(), null, merchant.apiV3Key(), null, null, null, verification,
				sandbox.platformPublicKeyPem(), null, sandbox.platformPublicKeyId(), null);
		WechatPayProperties wechat = new WechatPayProperties(URI.create(sandbox.baseUrl().toString()),
				Duration.ofSeconds(5), Duration.ofSeconds(10), List.of(properties));
		JsapiService jsapi = new JsapiService.Builder()
			.httpClient(new WechatPayClients(wechat, properties).httpClient())
			.build();
		PrepayRequest request = new PrepayRequest();
		request.setAppid(APPID);
		request.setMchid(MCHID);
		request.setDescription("paytally migration test");
		request.setOutTradeNo(outTradeNo);
		request.setNotifyUrl(app.v3NotifyUrl(MCHID));
		Amount amount = new Amount();
		amount.setTotal(1250);
		request.setAmount(amount);
		Payer payer = new Payer();
		payer.setOpenid("oMigrationOpenid01");
		request.setPayer(payer);
		jsapi.prepay(request);
	}

}
