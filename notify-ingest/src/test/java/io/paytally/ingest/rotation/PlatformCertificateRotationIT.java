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
import io.paytally.sandbox.PlatformCertificateInfo;
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
 * WeChat Pay rotating its platform certificate, with the sandbox playing WeChat and
 * notify-ingest in certificate mode (certificates downloaded at start from the sandbox's
 * {@code /v3/certificates}): callbacks signed under the old serial verify before the
 * rotation; during the overlap, callbacks signed under the new serial (which
 * notify-ingest has never downloaded) and under the old one both verify; after the old
 * certificate is withdrawn, callbacks under the new one still do.
 */
class PlatformCertificateRotationIT {

	private static final String MCHID = "1900000017";

	private static final String APPID = "wx0000000000demo17";

	private static KafkaTestBroker broker;

	private static Sandbox sandbox;

	private static IngestApp app;

	private static JsapiService jsapi;

	@BeforeAll
	static void start() {
		broker = KafkaTestBroker.start();
		sandbox = Sandbox.start(SandboxOptions.builder().merchant(MCHID, APPID).timeScale(0.001).build());
		SandboxMerchant merchant = sandbox.merchant(MCHID);
		String prefix = "--paytally.wechat.merchants[0].";
		app = IngestApp.start(broker.bootstrapServers(), List.of("--paytally.wechat.base-url=" + sandbox.baseUrl(),
				"--paytally.wechat.certificates.recheck-interval=0s", prefix + "mchid=" + MCHID,
				prefix + "appid=" + APPID, prefix + "verification=PLATFORM_CERTIFICATE",
				prefix + "merchant-serial-number=" + merchant.merchantSerialNumber(),
				prefix + "private-key=" + merchant.privateKeyPem(), prefix + "api-v3-key=" + merchant.apiV3Key()));
		MerchantProperties properties = new MerchantProperties(MCHID, APPID, merchant.merchantSerialNumber(),
				merchant.privateKeyPem(), null, merchant.apiV3Key(), null, null, null,
				Verification.PLATFORM_CERTIFICATE, null, null, null, null);
		WechatPayProperties wechat = new WechatPayProperties(URI.create(sandbox.baseUrl().toString()),
				Duration.ofSeconds(5), Duration.ofSeconds(10), List.of(properties))
			.withCertificates(new WechatPayProperties.Certificates(Duration.ofMinutes(60), Duration.ZERO));
		jsapi = new JsapiService.Builder().httpClient(new WechatPayClients(wechat, properties).httpClient()).build();
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
	void acceptsCallbacksSignedUnderTheOldAndTheNewPlatformCertificateAcrossTheRotation() {
		String oldSerial = sandbox.platformCertificateSerial();
		payUnder(oldSerial, "CERTROT001");

		PlatformCertificateInfo issued = sandbox.control().rotatePlatformCertificate();
		payUnder(issued.serialNo(), "CERTROT002");
		sandbox.control().signWithPlatformCertificate(oldSerial);
		payUnder(oldSerial, "CERTROT003");

		sandbox.control().withdrawPlatformCertificate(oldSerial);
		payUnder(issued.serialNo(), "CERTROT004");

		assertThat(sandbox.control().callbacks(null))
			.extracting(CallbackAttempt::outTradeNo, CallbackAttempt::status, CallbackAttempt::attempt)
			.containsExactlyInAnyOrder(tuple("CERTROT001", 200, 1), tuple("CERTROT002", 200, 1),
					tuple("CERTROT003", 200, 1), tuple("CERTROT004", 200, 1));
		List<KeyValue<String, PaymentNotification>> payments = broker.readAll(Topic.PAYMENT_NOTIFICATIONS, 4,
				Duration.ofSeconds(10));
		assertThat(payments).extracting((record) -> record.key, (record) -> record.value.amountTotal())
			.containsExactlyInAnyOrder(tuple(MCHID + "@CERTROT001", 1250L), tuple(MCHID + "@CERTROT002", 1250L),
					tuple(MCHID + "@CERTROT003", 1250L), tuple(MCHID + "@CERTROT004", 1250L));
	}

	/**
	 * Places an order through the SDK in certificate mode, pays it, and waits for its
	 * callback, which WeChat signs under {@code serial}.
	 */
	private static void payUnder(String serial, String outTradeNo) {
		PrepayRequest request = new PrepayRequest();
		request.setAppid(APPID);
		request.setMchid(MCHID);
		request.setDescription("paytally certificate rotation test");
		request.setOutTradeNo(outTradeNo);
		request.setNotifyUrl(app.v3NotifyUrl(MCHID));
		Amount amount = new Amount();
		amount.setTotal(1250);
		request.setAmount(amount);
		Payer payer = new Payer();
		payer.setOpenid("oCertRotationOpenid1");
		request.setPayer(payer);
		jsapi.prepay(request);
		assertThat(sandbox.callbackSerial(MCHID)).isEqualTo(serial);
		sandbox.control().pay(MCHID, outTradeNo);
		assertThat(sandbox.control().awaitCallbacksSettled(Duration.ofSeconds(30))).isTrue();
	}

}
