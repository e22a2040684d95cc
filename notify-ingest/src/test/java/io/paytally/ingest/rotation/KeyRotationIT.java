package io.paytally.ingest.rotation;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.paytally.ingest.support.IngestApp;
import io.paytally.ingest.support.IngestHarness;
import io.paytally.ingest.support.WechatPayFixture;
import io.paytally.ingest.support.WechatPayFixture.Callback;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.topics.Topic;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;

import static io.paytally.ingest.support.WechatPayFixture.APPID;
import static io.paytally.ingest.support.WechatPayFixture.MCHID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key rotated without downtime, as an operator does it (README, "Rotating keys"): the
 * service runs with the old keys, is restarted with the new key as current and the old
 * one as {@code previous} (callbacks under either are accepted), then restarted without
 * the old one (callbacks under it are refused). One merchant rotates its APIv3 key,
 * another WeChat Pay's public key, in the same three runs of the service. Over HTTP, with
 * a real broker: every accepted callback is one record, every refused one none.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyRotationIT {

	private static final String OLD_KEY_ID = "PUB_KEY_ID_0119000000012026112300000000000001";

	private static final String NEW_KEY_ID = "PUB_KEY_ID_0119000000012026120200000000000002";

	@RegisterExtension
	static final IngestHarness harness = IngestHarness.builder().withoutApp().build();

	/** Rotates its APIv3 key. */
	private static final String V3_KEY_MCHID = MCHID;

	/** Rotates WeChat Pay's public key. */
	private static final String PUBLIC_KEY_MCHID = "1900000002";

	private static final WechatPayFixture oldPublicKey = new WechatPayFixture(OLD_KEY_ID);

	private static final WechatPayFixture newPublicKey = new WechatPayFixture(NEW_KEY_ID);

	private static final String oldApiV3Key = WechatPayFixture.randomAlphanumeric(32);

	private static final String newApiV3Key = WechatPayFixture.randomAlphanumeric(32);

	/** The APIv3 key of the merchant whose public key rotates. */
	private static final String apiV3Key = WechatPayFixture.randomAlphanumeric(32);

	@Test
	@Order(1)
	void acceptsCallbacksUnderTheOldKeysBeforeTheRotation() {
		List<String> properties = new ArrayList<>(merchant(0, V3_KEY_MCHID, oldPublicKey, oldApiV3Key));
		properties.addAll(merchant(1, PUBLIC_KEY_MCHID, oldPublicKey, apiV3Key));
		phase(properties, (app) -> {
			assertAccepted(app, V3_KEY_MCHID, encrypted(V3_KEY_MCHID, oldPublicKey, oldApiV3Key, "V3KEYOLD0001"));
			assertAccepted(app, PUBLIC_KEY_MCHID, encrypted(PUBLIC_KEY_MCHID, oldPublicKey, apiV3Key, "PUBKEYOLD0001"));
		});
	}

	@Test
	@Order(2)
	void acceptsCallbacksUnderTheOldOrTheNewKeyDuringTheOverlap() {
		List<String> properties = new ArrayList<>(merchant(0, V3_KEY_MCHID, oldPublicKey, newApiV3Key));
		properties.add(previous(0, "api-v3-key", oldApiV3Key));
		properties.addAll(merchant(1, PUBLIC_KEY_MCHID, newPublicKey, apiV3Key));
		properties.add(previous(1, "platform-public-key", oldPublicKey.publicKeyPem()));
		properties.add(previous(1, "platform-public-key-id", OLD_KEY_ID));
		phase(properties, (app) -> {
			assertAccepted(app, V3_KEY_MCHID, encrypted(V3_KEY_MCHID, oldPublicKey, oldApiV3Key, "V3KEYOLD0002"));
			assertAccepted(app, V3_KEY_MCHID, encrypted(V3_KEY_MCHID, oldPublicKey, newApiV3Key, "V3KEYNEW0001"));
			assertAccepted(app, PUBLIC_KEY_MCHID, encrypted(PUBLIC_KEY_MCHID, oldPublicKey, apiV3Key, "PUBKEYOLD0002"));
			assertAccepted(app, PUBLIC_KEY_MCHID, encrypted(PUBLIC_KEY_MCHID, newPublicKey, apiV3Key, "PUBKEYNEW0001"));
			// each public key verifies only under its own id
			assertRefused(
					app.postV3(PUBLIC_KEY_MCHID, encrypted(PUBLIC_KEY_MCHID, oldPublicKey, apiV3Key, "PUBKEYBAD0001")
						.withHeader("Wechatpay-Serial", NEW_KEY_ID)),
					401, "signature invalid");
		});
	}

	@Test
	@Order(3)
	void refusesCallbacksUnderTheOldKeysOnceRetired() {
		List<String> properties = new ArrayList<>(merchant(0, V3_KEY_MCHID, oldPublicKey, newApiV3Key));
		properties.addAll(merchant(1, PUBLIC_KEY_MCHID, newPublicKey, apiV3Key));
		phase(properties, (app) -> {
			assertRefused(app.postV3(V3_KEY_MCHID, encrypted(V3_KEY_MCHID, oldPublicKey, oldApiV3Key, "V3KEYOLD0003")),
					400, "resource cannot be decrypted");
			assertAccepted(app, V3_KEY_MCHID, encrypted(V3_KEY_MCHID, oldPublicKey, newApiV3Key, "V3KEYNEW0002"));
			assertRefused(
					app.postV3(PUBLIC_KEY_MCHID, encrypted(PUBLIC_KEY_MCHID, oldPublicKey, apiV3Key, "PUBKEYOLD0003")),
					401, "unknown Wechatpay-Serial");
			assertAccepted(app, PUBLIC_KEY_MCHID, encrypted(PUBLIC_KEY_MCHID, newPublicKey, apiV3Key, "PUBKEYNEW0002"));
		});

		assertThat(paymentKeys()).containsExactlyInAnyOrder(V3_KEY_MCHID + "@V3KEYOLD0001",
				V3_KEY_MCHID + "@V3KEYOLD0002", V3_KEY_MCHID + "@V3KEYNEW0001", V3_KEY_MCHID + "@V3KEYNEW0002",
				PUBLIC_KEY_MCHID + "@PUBKEYOLD0001", PUBLIC_KEY_MCHID + "@PUBKEYOLD0002",
				PUBLIC_KEY_MCHID + "@PUBKEYNEW0001", PUBLIC_KEY_MCHID + "@PUBKEYNEW0002");
	}

	/** A merchant with WeChat Pay's public key of a fixture and an APIv3 key. */
	private static List<String> merchant(int index, String mchid, WechatPayFixture wechat, String apiV3Key) {
		String prefix = "--paytally.wechat.merchants[" + index + "].";
		return List.of(prefix + "mchid=" + mchid, prefix + "appid=" + APPID, prefix + "api-v3-key=" + apiV3Key,
				prefix + "verification=PUBLIC_KEY", prefix + "platform-public-key=" + wechat.publicKeyPem(),
				prefix + "platform-public-key-id=" + wechat.publicKeyId());
	}

	private static String previous(int index, String name, String value) {
		return "--paytally.wechat.merchants[" + index + "].previous." + name + "=" + value;
	}

	private static void phase(List<String> properties, java.util.function.Consumer<IngestApp> calls) {
		harness.runApp(properties, calls);
	}

	/** A paid order's callback encrypted with an APIv3 key, signed by a fixture now. */
	private static Callback encrypted(String mchid, WechatPayFixture signer, String apiV3Key, String outTradeNo) {
		return signer.callbackEncryptedWith(apiV3Key, "TRANSACTION.SUCCESS", "transaction",
				WechatPayFixture.transaction(mchid, outTradeNo, 1250, "2026-12-02T09:15:02+08:00"));
	}

	private static void assertAccepted(IngestApp app, String mchid, Callback callback) {
		IngestHarness.assertAccepted(app.postV3(mchid, callback));
	}

	private static void assertRefused(HttpResponse<String> response, int status, String message) {
		IngestHarness.assertRefused(response, status, message);
	}

	/** The keys of the payment records written, each checked for its amount and time. */
	private static List<String> paymentKeys() {
		List<KeyValue<String, PaymentNotification>> records = harness.broker()
			.readAll(Topic.PAYMENT_NOTIFICATIONS, 8, Duration.ofSeconds(10));
		assertThat(records).allSatisfy((record) -> {
			assertThat(record.value.amountTotal()).isEqualTo(1250);
			assertThat(record.value.successTime()).isEqualTo(Instant.parse("2026-12-02T01:15:02Z"));
		});
		return records.stream().map((record) -> record.key).toList();
	}

}
