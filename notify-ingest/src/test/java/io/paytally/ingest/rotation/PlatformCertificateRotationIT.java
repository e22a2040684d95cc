package io.paytally.ingest.rotation;

import java.time.Duration;
import java.util.List;

import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import com.wechat.pay.java.service.payments.jsapi.model.Amount;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest;
import io.paytally.ingest.support.IngestHarness;
import io.paytally.sandbox.CallbackAttempt;
import io.paytally.sandbox.PlatformCertificateInfo;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.topics.Topic;
import io.paytally.wechat.testing.CertificateModeMerchant;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

	@RegisterExtension
	static final IngestHarness harness = IngestHarness.builder()
		.sandboxMerchant(MCHID, APPID, (sandbox) -> CertificateModeMerchant.applicationProperties(sandbox, MCHID, 0))
		.build();

	@Test
	void acceptsCallbacksSignedUnderTheOldAndTheNewPlatformCertificateAcrossTheRotation() {
		// the merchant's own calls in certificate mode too: WeChat signs a callback under
		// the serial they name
		JsapiService jsapi = new JsapiService.Builder()
			.httpClient(CertificateModeMerchant.directory(harness.sandbox(), MCHID).get(MCHID).httpClient())
			.build();
		String oldSerial = harness.sandbox().platformCertificateSerial();
		payUnder(jsapi, oldSerial, "CERTROT001");

		PlatformCertificateInfo issued = harness.sandbox().control().rotatePlatformCertificate();
		payUnder(jsapi, issued.serialNo(), "CERTROT002");
		harness.sandbox().control().signWithPlatformCertificate(oldSerial);
		payUnder(jsapi, oldSerial, "CERTROT003");

		harness.sandbox().control().withdrawPlatformCertificate(oldSerial);
		payUnder(jsapi, issued.serialNo(), "CERTROT004");

		assertThat(harness.sandbox().control().callbacks(null))
			.extracting(CallbackAttempt::outTradeNo, CallbackAttempt::status, CallbackAttempt::attempt)
			.containsExactlyInAnyOrder(tuple("CERTROT001", 200, 1), tuple("CERTROT002", 200, 1),
					tuple("CERTROT003", 200, 1), tuple("CERTROT004", 200, 1));
		List<KeyValue<String, PaymentNotification>> payments = harness.read(Topic.PAYMENT_NOTIFICATIONS, 4);
		assertThat(payments).extracting((record) -> record.key, (record) -> record.value.amountTotal())
			.containsExactlyInAnyOrder(tuple(MCHID + "@CERTROT001", 1250L), tuple(MCHID + "@CERTROT002", 1250L),
					tuple(MCHID + "@CERTROT003", 1250L), tuple(MCHID + "@CERTROT004", 1250L));
	}

	/**
	 * Places an order through the SDK in certificate mode, pays it, and waits for its
	 * callback, which WeChat signs under {@code serial}.
	 */
	private static void payUnder(JsapiService jsapi, String serial, String outTradeNo) {
		PrepayRequest request = new PrepayRequest();
		request.setAppid(APPID);
		request.setMchid(MCHID);
		request.setDescription("paytally certificate rotation test");
		request.setOutTradeNo(outTradeNo);
		request.setNotifyUrl(harness.v3NotifyUrl(MCHID));
		Amount amount = new Amount();
		amount.setTotal(1250);
		request.setAmount(amount);
		Payer payer = new Payer();
		payer.setOpenid("oCertRotationOpenid1");
		request.setPayer(payer);
		jsapi.prepay(request);
		assertThat(harness.sandbox().callbackSerial(MCHID)).isEqualTo(serial);
		harness.sandbox().control().pay(MCHID, outTradeNo);
		harness.awaitCallbacksSettled(Duration.ofSeconds(30));
	}

}
