package io.paytally.ingest.verification;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.paytally.ingest.support.WechatPayFixture;
import io.paytally.ingest.support.WechatPayFixture.Callback;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.RefundStatus;
import io.paytally.schemas.TradeState;
import io.paytally.schemas.UnknownNotification;
import io.paytally.schemas.topics.Topic;
import io.paytally.wechat.MerchantProperties;
import io.paytally.wechat.WechatPayProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.paytally.ingest.support.WechatPayFixture.MCHID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class V3CallbackVerifierTest {

	private static final Instant NOW = Instant.now();

	private static WechatPayFixture wechat;

	private static V3CallbackVerifier verifier;

	@BeforeAll
	static void merchants() {
		wechat = new WechatPayFixture();
		verifier = verifier(wechat);
	}

	static V3CallbackVerifier verifier(WechatPayFixture wechat) {
		MerchantProperties merchant = new MerchantProperties(MCHID, WechatPayFixture.APPID, null, null, null,
				wechat.apiV3Key(), null, wechat.apiV2Key(), null, MerchantProperties.Verification.PUBLIC_KEY,
				wechat.publicKeyPem(), null, WechatPayFixture.PUBLIC_KEY_ID, null);
		WechatPayProperties properties = new WechatPayProperties(URI.create("http://127.0.0.1:1"),
				Duration.ofSeconds(1), Duration.ofSeconds(1), List.of(merchant));
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		return new V3CallbackVerifier(new Merchants(properties), new ReplayWindow(clock, Duration.ofMinutes(5)), clock);
	}

	private static VerifiedNotification verify(Callback callback) {
		return verify(callback, new CallbackContext("v3", MCHID));
	}

	private static VerifiedNotification verify(Callback callback, CallbackContext context) {
		var h = callback.headers();
		return verifier.verify(MCHID,
				new V3Headers(h.get("Wechatpay-Timestamp"), h.get("Wechatpay-Nonce"), h.get("Wechatpay-Signature"),
						h.get("Wechatpay-Serial"), h.get("Wechatpay-Signature-Type")),
				callback.body().getBytes(StandardCharsets.UTF_8), context);
	}

	private static String idOf(Callback callback) {
		return callback.body().substring(7, 26);
	}

	@Test
	void mapsPaidTransactionToPaymentNotification() {
		Callback callback = wechat.paymentCallback("DEMO202603010001", 1250);
		CallbackContext context = new CallbackContext("v3", MCHID);

		VerifiedNotification verified = verify(callback, context);

		assertThat(verified).isEqualTo(new VerifiedNotification.Payment(
				new PaymentNotification(idOf(callback), NotificationSource.CALLBACK_V3, MCHID, WechatPayFixture.APPID,
						"DEMO202603010001", "4200000000" + Math.abs("DEMO202603010001".hashCode()), TradeState.SUCCESS,
						"JSAPI", "OTHERS", 1250, 1250L, "CNY", Instant.parse("2026-03-01T01:15:02Z"), "a1", NOW)));
		assertThat(verified.key()).isEqualTo(MCHID + "@DEMO202603010001");
		assertThat(context.notificationId()).isEqualTo(idOf(callback));
		assertThat(context.outTradeNo()).isEqualTo("DEMO202603010001");
	}

	@Test
	void mapsSucceededRefundToRefundNotification() {
		Callback callback = wechat.refundCallback("DEMO202603010001", "RDEMO202603010001", 1250, 500);

		VerifiedNotification verified = verify(callback);

		assertThat(verified).isEqualTo(new VerifiedNotification.Refund(
				new RefundNotification(idOf(callback), NotificationSource.CALLBACK_V3, MCHID, "DEMO202603010001",
						"4200000000202603010000000001", "RDEMO202603010001", "50300000002026030100000000001",
						RefundStatus.SUCCESS, 1250, 500, 1250L, 500L, Instant.parse("2026-03-01T07:30:12Z"), NOW)));
		assertThat(verified.key()).isEqualTo(MCHID + "@RDEMO202603010001");
	}

	@Test
	void refusesSignatureOfAnotherKey() {
		Callback genuine = wechat.paymentCallback("DEMO202603010002", 100);
		Callback forged = WechatPayFixture.sign(genuine.body(), NOW.getEpochSecond(),
				WechatPayFixture.rsa().getPrivate(), WechatPayFixture.PUBLIC_KEY_ID);

		assertThatThrownBy(() -> verify(forged)).isInstanceOf(SignatureInvalid.class);
	}

	@Test
	void refusesBodyChangedAfterSigning() {
		Callback genuine = wechat.paymentCallback("DEMO202603010003", 100);

		assertThatThrownBy(() -> verify(genuine.withBody(genuine.body().replace("encrypt-resource", "x"))))
			.isInstanceOf(SignatureInvalid.class);
	}

	@Test
	void refusesSignatureThatIsNotBase64() {
		Callback genuine = wechat.paymentCallback("DEMO202603010004", 100);

		assertThatThrownBy(() -> verify(genuine.withHeader("Wechatpay-Signature", "%%%not-base64%%%")))
			.isInstanceOf(SignatureInvalid.class);
		assertThatThrownBy(() -> verify(genuine.withHeader("Wechatpay-Signature", "AAAA")))
			.isInstanceOf(SignatureInvalid.class);
	}

	@Test
	void refusesUnknownSerial() {
		Callback genuine = wechat.paymentCallback("DEMO202603010005", 100);

		assertThatThrownBy(() -> verify(genuine.withHeader("Wechatpay-Serial", "PUB_KEY_ID_OTHER")))
			.isInstanceOf(UnknownSerial.class);
	}

	@Test
	void refusesStaleAndFutureTimestamps() {
		Callback genuine = wechat.paymentCallback("DEMO202603010006", 100);
		Callback stale = wechat.sign(genuine.body(), NOW.minusSeconds(301).getEpochSecond());
		Callback future = wechat.sign(genuine.body(), NOW.plusSeconds(301).getEpochSecond());
		Callback edge = wechat.sign(genuine.body(), NOW.minusSeconds(299).getEpochSecond());

		assertThatThrownBy(() -> verify(stale)).isInstanceOf(TimestampOutsideWindow.class);
		assertThatThrownBy(() -> verify(future)).isInstanceOf(TimestampOutsideWindow.class);
		assertThat(verify(edge)).isInstanceOf(VerifiedNotification.Payment.class);
	}

	@Test
	void refusesTimestampThatIsNotSeconds() {
		Callback genuine = wechat.paymentCallback("DEMO202603010007", 100);

		assertThatThrownBy(() -> verify(genuine.withHeader("Wechatpay-Timestamp", "2026-03-01T09:00:00Z")))
			.isInstanceOf(MalformedCallback.class);
	}

	@Test
	void refusesSignatureProbe() {
		Callback genuine = wechat.paymentCallback("DEMO202603010008", 100);

		assertThatThrownBy(() -> verify(genuine.withHeader("Wechatpay-Signature", "WECHATPAY/SIGNTEST/abcdef")))
			.isInstanceOf(ProbeCallback.class);
	}

	@Test
	void refusesMissingHeaders() {
		Callback genuine = wechat.paymentCallback("DEMO202603010009", 100);
		for (String header : List.of("Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature",
				"Wechatpay-Serial")) {
			assertThatThrownBy(() -> verify(genuine.withHeader(header, null))).isInstanceOf(MissingHeader.class)
				.hasMessage("missing header " + header);
		}
	}

	@Test
	void refusesOtherSignatureType() {
		Callback genuine = wechat.paymentCallback("DEMO202603010010", 100);

		assertThatThrownBy(() -> verify(genuine.withHeader("Wechatpay-Signature-Type", "WECHATPAY2-SM2-WITH-SM3")))
			.isInstanceOf(SignatureTypeUnsupported.class);
		assertThat(verify(genuine.withHeader("Wechatpay-Signature-Type", null)))
			.isInstanceOf(VerifiedNotification.Payment.class);
	}

	@Test
	void refusesSignedGarbage() {
		assertThatThrownBy(() -> verify(wechat.sign("{\"id\":", NOW.getEpochSecond())))
			.isInstanceOf(MalformedCallback.class);
		assertThatThrownBy(() -> verify(wechat.sign("[1,2]", NOW.getEpochSecond())))
			.isInstanceOf(MalformedCallback.class);
		assertThatThrownBy(() -> verify(wechat.sign("", NOW.getEpochSecond()))).isInstanceOf(MalformedCallback.class);
		assertThatThrownBy(() -> verify(wechat.sign("{\"id\":\"EV-1\"}", NOW.getEpochSecond())))
			.isInstanceOf(MalformedCallback.class);
	}

	@Test
	void refusesOtherAlgorithm() {
		String body = WechatPayFixture.envelope("TRANSACTION.SUCCESS", "transaction", "AEAD_SM4_GCM",
				WechatPayFixture.encrypt(wechat.apiV3Key(), "transaction",
						WechatPayFixture.transaction(MCHID, "DEMO202603010011", 100, "2026-03-01T09:15:02+08:00"),
						"abcdefghijkl"),
				"abcdefghijkl", "transaction");

		assertThatThrownBy(() -> verify(wechat.sign(body, NOW.getEpochSecond())))
			.isInstanceOf(UnsupportedAlgorithm.class);
	}

	@Test
	void refusesTamperedCiphertextAndWrongKey() {
		String plaintext = WechatPayFixture.transaction(MCHID, "DEMO202603010012", 100, "2026-03-01T09:15:02+08:00");
		String ciphertext = WechatPayFixture.encrypt(wechat.apiV3Key(), "transaction", plaintext, "abcdefghijkl");
		char flipped = (ciphertext.charAt(10) == 'A') ? 'B' : 'A';
		String tampered = ciphertext.substring(0, 10) + flipped + ciphertext.substring(11);
		String otherKey = WechatPayFixture.encrypt(WechatPayFixture.randomAlphanumeric(32), "transaction", plaintext,
				"abcdefghijkl");
		String wrongAad = WechatPayFixture.envelope("TRANSACTION.SUCCESS", "transaction", "AEAD_AES_256_GCM",
				ciphertext, "abcdefghijkl", "refund");

		assertThatThrownBy(() -> verify(wechat.sign(WechatPayFixture.envelope("TRANSACTION.SUCCESS", "transaction",
				"AEAD_AES_256_GCM", tampered, "abcdefghijkl", "transaction"), NOW.getEpochSecond())))
			.isInstanceOf(DecryptionFailed.class);
		assertThatThrownBy(() -> verify(wechat.sign(WechatPayFixture.envelope("TRANSACTION.SUCCESS", "transaction",
				"AEAD_AES_256_GCM", otherKey, "abcdefghijkl", "transaction"), NOW.getEpochSecond())))
			.isInstanceOf(DecryptionFailed.class);
		assertThatThrownBy(() -> verify(wechat.sign(wrongAad, NOW.getEpochSecond())))
			.isInstanceOf(DecryptionFailed.class);
		assertThatThrownBy(() -> verify(wechat.sign(WechatPayFixture.envelope("TRANSACTION.SUCCESS", "transaction",
				"AEAD_AES_256_GCM", "not base64!", "abcdefghijkl", "transaction"), NOW.getEpochSecond())))
			.isInstanceOf(MalformedCallback.class);
	}

	@Test
	void refusesCallbackOfAnotherMerchantSentToThisOne() {
		Callback other = wechat.callback("TRANSACTION.SUCCESS", "transaction",
				WechatPayFixture.transaction("1900000999", "DEMO202603010013", 100, "2026-03-01T09:15:02+08:00"));

		assertThatThrownBy(() -> verify(other)).isInstanceOf(MerchantMismatch.class);
	}

	@Test
	void refusesRefundOfAnotherMerchantSentToThisOne() {
		Callback other = wechat.callback("REFUND.SUCCESS", "refund",
				WechatPayFixture.refund("1900000999", "DEMO202603010013", "RDEMO202603010013", 1250, 500));

		assertThatThrownBy(() -> verify(other)).isInstanceOf(MerchantMismatch.class);
	}

	@Test
	void refusesUnknownMerchant() {
		Callback genuine = wechat.paymentCallback("DEMO202603010014", 100);
		var h = genuine.headers();

		assertThatThrownBy(() -> verifier.verify("1900000999",
				new V3Headers(h.get("Wechatpay-Timestamp"), h.get("Wechatpay-Nonce"), h.get("Wechatpay-Signature"),
						h.get("Wechatpay-Serial"), null),
				genuine.body().getBytes(StandardCharsets.UTF_8), new CallbackContext("v3", "1900000999")))
			.isInstanceOf(UnknownMerchant.class);
	}

	@Test
	void refusesFieldsOutsideWechatRules() {
		assertInvalid("TRANSACTION.SUCCESS", "transaction",
				WechatPayFixture.transaction(MCHID, "SHORT", 100, "2026-03-01T09:15:02+08:00"), "out_trade_no");
		assertInvalid("TRANSACTION.SUCCESS", "transaction",
				WechatPayFixture.transaction(MCHID, "DEMO2026'; drop", 100, "2026-03-01T09:15:02+08:00"),
				"out_trade_no");
		assertInvalid("TRANSACTION.SUCCESS", "transaction",
				WechatPayFixture.transaction(MCHID, "DEMO202603010015", 0, "2026-03-01T09:15:02+08:00"), "total");
		assertInvalid("TRANSACTION.SUCCESS", "transaction",
				WechatPayFixture.transaction(MCHID, "DEMO202603010015", 100, "2026-03-01T09:15:02+08:00")
					.replace("\"total\":100", "\"total\":1.5"),
				"total");
		assertInvalid("TRANSACTION.SUCCESS", "transaction",
				WechatPayFixture.transaction(MCHID, "DEMO202603010015", 100, "yesterday"), "success_time");
		assertInvalid("TRANSACTION.SUCCESS", "transaction",
				WechatPayFixture.transaction(MCHID, "DEMO202603010015", 100, "2026-03-01T09:15:02+08:00")
					.replace("\"SUCCESS\"", "\"PAID\""),
				"trade_state");
		assertInvalid("REFUND.SUCCESS", "refund",
				WechatPayFixture.refund(MCHID, "DEMO202603010015", "RDEMO202603010015", 100, 101), "amount.refund");
	}

	@Test
	void keepsAGenuineCallbackOfAnEventTypeItDoesNotHandleWithoutDecryptingIt() {
		Callback callback = wechat.callback("PROFITSHARING.SUCCESS", "profitsharing", "{\"mchid\":\"" + MCHID + "\"}");

		VerifiedNotification notification = verify(callback);

		assertThat(notification).isInstanceOf(VerifiedNotification.Unknown.class);
		UnknownNotification unknown = ((VerifiedNotification.Unknown) notification).notification();
		assertThat(notification.topic()).isEqualTo(Topic.UNKNOWN_NOTIFICATIONS);
		assertThat(notification.key()).isEqualTo(MCHID + "@" + unknown.notificationId());
		assertThat(unknown.eventType()).isEqualTo("PROFITSHARING.SUCCESS");
		assertThat(unknown.originalType()).isEqualTo("profitsharing");
		assertThat(unknown.summary()).isEqualTo("支付成功");
		assertThat(unknown.createTime()).isEqualTo(Instant.parse("2026-03-01T01:15:03Z"));
		assertThat(callback.body()).contains("\"ciphertext\":\"" + unknown.ciphertext() + "\"");
	}

	@Test
	void refusesAnEventTypeThatIsNotWechatsShape() {
		Callback callback = wechat.callback("profit sharing", "profitsharing", "{}");

		assertThatThrownBy(() -> verify(callback)).isInstanceOf(InvalidField.class)
			.hasMessage("invalid field event_type");
	}

	@Test
	void namesNotificationIdOfRefusedCallback() {
		Callback genuine = wechat.paymentCallback("DEMO202603010017", 100);
		CallbackContext context = new CallbackContext("v3", MCHID);

		assertThatThrownBy(() -> verify(genuine.withHeader("Wechatpay-Signature", "WECHATPAY/SIGNTEST/x"), context))
			.isInstanceOf(ProbeCallback.class);
		assertThat(context.notificationId()).isEqualTo(idOf(genuine));
	}

	private static void assertInvalid(String eventType, String originalType, String plaintext, String field) {
		assertThatThrownBy(() -> verify(wechat.callback(eventType, originalType, plaintext)))
			.isInstanceOf(InvalidField.class)
			.hasMessage("invalid field " + field);
	}

}
