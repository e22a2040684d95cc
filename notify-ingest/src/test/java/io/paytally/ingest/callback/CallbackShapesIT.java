package io.paytally.ingest.callback;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.paytally.ingest.support.IngestHarness;
import io.paytally.ingest.support.V2Signer;
import io.paytally.ingest.support.WechatPayFixture;
import io.paytally.ingest.support.WechatPayFixture.Callback;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.RefundStatus;
import io.paytally.schemas.TradeState;
import io.paytally.schemas.UnknownNotification;
import io.paytally.schemas.topics.Topic;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.paytally.ingest.support.IngestHarness.assertAccepted;
import static io.paytally.ingest.support.IngestHarness.assertRefused;
import static io.paytally.ingest.support.IngestHarness.assertV2Accepted;
import static io.paytally.ingest.support.IngestHarness.assertV2Refused;
import static io.paytally.ingest.support.WechatPayFixture.APPID;
import static io.paytally.ingest.support.WechatPayFixture.MCHID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Callbacks in the shapes WeChat really sends them, over HTTP with a real broker: v2
 * payments signed with MD5, HMAC-SHA256 or no {@code sign_type} at all, under any app id
 * the merchant bound; v2 refunds ({@code req_info}); v3 events of a type paytally does
 * not handle. And their forgeries: a signature type stripped or changed, an app id not
 * bound, a {@code req_info} under another key, an unknown event with a bad signature.
 */
class CallbackShapesIT {

	private static final String SECOND_APPID = "wx0000000000demo02";

	@RegisterExtension
	static final IngestHarness harness = IngestHarness.builder()
		.wechat(new WechatPayFixture())
		.properties("--paytally.wechat.merchants[0].appids[0]=" + SECOND_APPID)
		.build();

	@Test
	void acceptsV2PaymentsSignedWithMd5WithHmacSha256AndWithoutSignType() {
		assertV2Accepted(harness.app()
			.postV2(MCHID, V2Signer.xml(harness.wechat().v2PaymentFields("V2MD50001", 1250, APPID, "MD5"))));
		assertV2Accepted(harness.app()
			.postV2(MCHID, V2Signer.xml(harness.wechat().v2PaymentFields("V2HMAC0001", 1250, APPID, "HMAC-SHA256"))));
		assertV2Accepted(harness.app()
			.postV2(MCHID, V2Signer.xml(harness.wechat().v2PaymentFields("V2NOTYPE0001", 1250, APPID, null))));

		List<PaymentNotification> payments = payments("V2MD5", "V2HMAC", "V2NOTYPE");
		assertThat(payments).extracting(PaymentNotification::outTradeNo)
			.containsExactlyInAnyOrder("V2MD50001", "V2HMAC0001", "V2NOTYPE0001");
		assertThat(payments).allSatisfy((payment) -> {
			assertThat(payment.source()).isEqualTo(NotificationSource.CALLBACK_V2);
			assertThat(payment.tradeState()).isEqualTo(TradeState.SUCCESS);
			assertThat(payment.amountTotal()).isEqualTo(1250);
			assertThat(payment.payerTotal()).isEqualTo(1250L);
			assertThat(payment.appid()).isEqualTo(APPID);
			assertThat(payment.transactionId()).isEqualTo("4200000000202603010000000002");
			assertThat(payment.successTime()).isEqualTo(Instant.parse("2026-03-01T01:15:02Z"));
		});
	}

	@Test
	void refusesAnHmacSha256SignatureWhoseSignTypeIsStrippedOrChanged() {
		Map<String, String> stripped = new TreeMap<>(
				harness.wechat().v2PaymentFields("V2STRIPPED0001", 1250, APPID, "HMAC-SHA256"));
		stripped.remove("sign_type");
		Map<String, String> changed = new TreeMap<>(
				harness.wechat().v2PaymentFields("V2CHANGED0001", 1250, APPID, "HMAC-SHA256"));
		changed.put("sign_type", "MD5");

		assertV2Refused(harness.app().postV2(MCHID, V2Signer.xml(stripped)), 401, "signature invalid");
		assertV2Refused(harness.app().postV2(MCHID, V2Signer.xml(changed)), 401, "signature invalid");
		assertThat(payments("V2STRIPPED", "V2CHANGED")).isEmpty();
	}

	@Test
	void acceptsV2PaymentsUnderEveryBoundAppidAndRefusesOthersByName() {
		assertV2Accepted(harness.app()
			.postV2(MCHID,
					V2Signer.xml(harness.wechat().v2PaymentFields("V2APPID0001", 800, SECOND_APPID, "HMAC-SHA256"))));
		assertV2Refused(
				harness.app()
					.postV2(MCHID,
							V2Signer
								.xml(harness.wechat().v2PaymentFields("V2APPID0002", 800, "wx0000000000other", "MD5"))),
				400, "appid not bound to the merchant");
		assertV2Refused(harness.app()
			.postV2(MCHID,
					harness.wechat()
						.v2RefundCallback("wx0000000000other", "V2APPID0001", "RV2APPID0001", 800, 800,
								harness.wechat().apiV2Key())),
				400, "appid not bound to the merchant");

		assertThat(payments("V2APPID")).singleElement()
			.satisfies((payment) -> assertThat(payment.appid()).isEqualTo(SECOND_APPID));
		assertThat(refunds("RV2APPID")).isEmpty();
	}

	@Test
	void writesV2RefundCallbacksToTheRefundTopicLikeV3Ones() {
		assertV2Accepted(harness.app()
			.postV2(MCHID, harness.wechat()
				.v2RefundCallback(APPID, "V2REFUND0001", "RV2REFUND0001", 1250, 500, harness.wechat().apiV2Key())));
		assertV2Refused(harness.app()
			.postV2(MCHID,
					harness.wechat()
						.v2RefundCallback(APPID, "V2REFUND0002", "RV2REFUND0002", 1250, 500,
								WechatPayFixture.randomAlphanumeric(32))),
				400, "resource cannot be decrypted");

		List<KeyValue<String, RefundNotification>> refunds = harness.broker()
			.readAll(Topic.REFUND_NOTIFICATIONS, 1, Duration.ofSeconds(10));
		KeyValue<String, RefundNotification> refund = refunds.stream()
			.filter((record) -> record.value.outRefundNo().startsWith("RV2REFUND"))
			.reduce((a, b) -> {
				throw new AssertionError("more than one v2 refund written: " + refunds);
			})
			.orElseThrow();
		assertThat(refund.key).isEqualTo(MCHID + "@RV2REFUND0001");
		RefundNotification written = refund.value;
		assertThat(written.source()).isEqualTo(NotificationSource.CALLBACK_V2);
		assertThat(written.mchid()).isEqualTo(MCHID);
		assertThat(written.outTradeNo()).isEqualTo("V2REFUND0001");
		assertThat(written.transactionId()).isEqualTo("4200000000202603010000000002");
		assertThat(written.refundId()).isEqualTo("50000000382019052709732678859");
		assertThat(written.refundStatus()).isEqualTo(RefundStatus.SUCCESS);
		assertThat(written.amountTotal()).isEqualTo(1250);
		assertThat(written.refundAmount()).isEqualTo(500);
		assertThat(written.successTime()).isEqualTo(Instant.parse("2026-03-01T07:30:12Z"));
		assertThat(written.orderKey()).isEqualTo(MCHID + "@V2REFUND0001");
	}

	@Test
	void keepsAGenuineCallbackOfAnUnknownEventTypeAndCountsIt() {
		String plaintext = "{\"mchid\":\"" + MCHID + "\",\"appid\":\"" + APPID
				+ "\",\"out_contract_code\":\"21640bdbd08e473e828f3206a2741c6e\"}";
		Callback genuine = harness.wechat().callback("PAYSCORE.USER_OPEN_SERVICE", "payscore", plaintext);
		Callback forged = harness.wechat()
			.callback("PAYSCORE.USER_OPEN_SERVICE", "payscore", plaintext)
			.withHeader("Wechatpay-Signature", Base64.getEncoder().encodeToString(new byte[256]));

		HttpResponse<String> accepted = harness.app().postV3(MCHID, genuine);
		HttpResponse<String> refused = harness.app().postV3(MCHID, forged);

		assertAccepted(accepted);
		assertRefused(refused, 401, "signature invalid");
		List<KeyValue<String, UnknownNotification>> kept = harness.broker()
			.readAll(Topic.UNKNOWN_NOTIFICATIONS, 2, Duration.ofSeconds(5));
		assertThat(kept).singleElement().satisfies((record) -> {
			UnknownNotification notification = record.value;
			String id = genuine.body().substring(7, genuine.body().indexOf('"', 7));
			assertThat(record.key).isEqualTo(MCHID + "@" + id);
			assertThat(notification.notificationId()).isEqualTo(id);
			assertThat(notification.mchid()).isEqualTo(MCHID);
			assertThat(notification.eventType()).isEqualTo("PAYSCORE.USER_OPEN_SERVICE");
			assertThat(notification.resourceType()).isEqualTo("encrypt-resource");
			assertThat(notification.createTime()).isEqualTo(Instant.parse("2026-03-01T01:15:03Z"));
			assertThat(notification.originalType()).isEqualTo("payscore");
			assertThat(notification.algorithm()).isEqualTo("AEAD_AES_256_GCM");
			assertThat(notification.associatedData()).isEqualTo("payscore");
			assertThat(genuine.body()).contains("\"ciphertext\":\"" + notification.ciphertext() + "\"")
				.contains("\"nonce\":\"" + notification.nonce() + "\"");
		});
		assertThat(harness.app().getManagement("/actuator/prometheus").body())
			.contains("paytally_ingest_unknown_events_total{event_type=\"PAYSCORE.USER_OPEN_SERVICE\"} 1.0")
			.contains("paytally_ingest_callbacks_accepted_total{kind=\"unknown_event\",protocol=\"v3\"} 1.0");
	}

	private static List<PaymentNotification> payments(String... prefixes) {
		List<KeyValue<String, PaymentNotification>> records = harness.broker()
			.readAll(Topic.PAYMENT_NOTIFICATIONS, 0, Duration.ofSeconds(5));
		return records.stream().filter((record) -> {
			for (String prefix : prefixes) {
				if (record.value.outTradeNo().startsWith(prefix)) {
					assertThat(record.key).isEqualTo(MCHID + "@" + record.value.outTradeNo());
					return true;
				}
			}
			return false;
		}).map((record) -> record.value).toList();
	}

	private static List<RefundNotification> refunds(String prefix) {
		List<KeyValue<String, RefundNotification>> records = harness.broker()
			.readAll(Topic.REFUND_NOTIFICATIONS, 0, Duration.ofSeconds(5));
		return records.stream()
			.filter((record) -> record.value.outRefundNo().startsWith(prefix))
			.map((record) -> record.value)
			.toList();
	}

}
