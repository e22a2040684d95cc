package io.paytally.ingest.rotation;

import java.time.Duration;
import java.util.List;

import io.paytally.ingest.support.IngestHarness;
import io.paytally.ingest.support.SandboxMerchants;
import io.paytally.sandbox.CallbackAttempt;
import io.paytally.sandbox.Sandbox;
import io.paytally.sandbox.SandboxMerchant;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.topics.Topic;
import io.paytally.wechat.MerchantProperties.Verification;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

	@RegisterExtension
	static final IngestHarness harness = IngestHarness.builder()
		.sandboxMerchant(MCHID, APPID, CertificateMigrationIT::certificateMode)
		.build();

	/** The merchant in certificate mode, WeChat Pay's public key configured as well. */
	private static List<String> certificateMode(Sandbox sandbox) {
		SandboxMerchant merchant = sandbox.merchant(MCHID);
		String prefix = "--paytally.wechat.merchants[0].";
		return List.of("--paytally.wechat.base-url=" + sandbox.baseUrl(), prefix + "mchid=" + MCHID,
				prefix + "appid=" + APPID, prefix + "verification=PLATFORM_CERTIFICATE",
				prefix + "merchant-serial-number=" + merchant.merchantSerialNumber(),
				prefix + "private-key=" + merchant.privateKeyPem(), prefix + "api-v3-key=" + merchant.apiV3Key(),
				prefix + "platform-public-key=" + sandbox.platformPublicKeyPem(),
				prefix + "platform-public-key-id=" + sandbox.platformPublicKeyId());
	}

	@Test
	void acceptsCallbacksSignedUnderThePlatformCertificateAndUnderThePublicKeyDuringTheMigration() {
		SandboxMerchants.prepay(harness.sandbox(), MCHID, "MIGRATE0001", 1250, harness.v3NotifyUrl(MCHID),
				Verification.PLATFORM_CERTIFICATE);
		assertThat(harness.sandbox().callbackSerial(MCHID)).isEqualTo(harness.sandbox().platformCertificateSerial());
		harness.sandbox().control().pay(MCHID, "MIGRATE0001");
		harness.awaitCallbacksSettled(Duration.ofSeconds(30));

		SandboxMerchants.prepay(harness.sandbox(), MCHID, "MIGRATE0002", 1250, harness.v3NotifyUrl(MCHID),
				Verification.PUBLIC_KEY);
		assertThat(harness.sandbox().callbackSerial(MCHID)).isEqualTo(harness.sandbox().platformPublicKeyId());
		harness.sandbox().control().pay(MCHID, "MIGRATE0002");
		harness.awaitCallbacksSettled(Duration.ofSeconds(30));

		assertThat(harness.sandbox().control().callbacks(null))
			.extracting(CallbackAttempt::outTradeNo, CallbackAttempt::status, CallbackAttempt::attempt)
			.containsExactlyInAnyOrder(tuple("MIGRATE0001", 200, 1), tuple("MIGRATE0002", 200, 1));
		List<KeyValue<String, PaymentNotification>> payments = harness.read(Topic.PAYMENT_NOTIFICATIONS, 2);
		assertThat(payments).extracting((record) -> record.key, (record) -> record.value.amountTotal())
			.containsExactlyInAnyOrder(tuple(MCHID + "@MIGRATE0001", 1250L), tuple(MCHID + "@MIGRATE0002", 1250L));
	}

}
