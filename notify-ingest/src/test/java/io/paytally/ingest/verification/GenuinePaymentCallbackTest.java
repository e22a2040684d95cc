package io.paytally.ingest.verification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.wechat.pay.java.core.notification.RSANotificationConfig;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.TradeState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A genuine {@code TRANSACTION.SUCCESS} callback of the corpus (sent by WeChat Pay to a
 * merchant on 2023-05-11 and published with its APIv3 key; provenance in
 * {@code src/test/resources/corpus/README.md}): its resource decrypts, through
 * notify-ingest's own cipher and reading, to exactly the payment it reports. Its platform
 * certificate was not published, so the callback as a whole is refused as signed under a
 * serial the merchant does not know, as any callback paytally cannot verify.
 */
class GenuinePaymentCallbackTest {

	private static final String SAMPLE = "/corpus/v3/jaifiresong-weixin-pay-transaction-success/";

	private static final String MCHID = "1643758434";

	private static final Instant SENT = Instant.parse("2023-05-11T02:00:41Z");

	@Test
	void readsTheGenuinePaymentAsTheExactPaymentItReports() {
		MerchantVerifier merchant = merchant();
		CallbackContext context = new CallbackContext("v3", MCHID);

		PaymentNotification payment = V3CallbackVerifier.payment(MCHID, "db7c08f8-be04-5c9b-b022-ba3d384ed1c9",
				merchant.decrypt(JsonTrees.object(resource("body.json")).get("resource")), context, SENT);

		assertThat(payment).isEqualTo(new PaymentNotification("db7c08f8-be04-5c9b-b022-ba3d384ed1c9",
				NotificationSource.CALLBACK_V3, MCHID, "wx1bfdf78bdcfc216e", "native3000chi20230511100017",
				"4200001841202305111695101523", TradeState.SUCCESS, "NATIVE", "OTHERS", 1, 1L, "CNY",
				Instant.parse("2023-05-11T02:00:40Z"), null, SENT));
		assertThat(context.outTradeNo()).isEqualTo("native3000chi20230511100017");
	}

	@Test
	void refusesTheGenuineCallbackAsAnUnknownSerialWithoutItsCertificate() {
		Clock clock = Clock.fixed(SENT, ZoneOffset.UTC);
		V3CallbackVerifier verifier = new V3CallbackVerifier(new Merchants(Map.of(MCHID, merchant())),
				new ReplayWindow(clock, Duration.ofMinutes(5)), clock);

		assertThatThrownBy(
				() -> verifier.verify(MCHID, headers(), resource("body.json"), new CallbackContext("v3", MCHID)))
			.isInstanceOf(UnknownSerial.class);
	}

	@Test
	void refusesTheGenuineResourceUnderAnotherApiV3Key() {
		RSANotificationConfig config = new RSANotificationConfig.Builder().certificates(otherCertificate())
			.apiV3Key("0".repeat(32))
			.build();
		MerchantVerifier merchant = new MerchantVerifier(MCHID, config, null);

		assertThatThrownBy(() -> merchant.decrypt(JsonTrees.object(resource("body.json")).get("resource")))
			.isInstanceOf(DecryptionFailed.class);
	}

	/**
	 * The merchant with the sample's APIv3 key, in certificate mode under another
	 * certificate of the corpus (the sample's own is not public).
	 */
	private static MerchantVerifier merchant() {
		RSANotificationConfig config = new RSANotificationConfig.Builder().certificates(otherCertificate())
			.apiV3Key(new String(resource("api-v3-key.txt"), StandardCharsets.US_ASCII))
			.build();
		return new MerchantVerifier(MCHID, config, null);
	}

	private static String otherCertificate() {
		return new String(file("/corpus/v3/wechatpay-go-payscore-user-open-service/wechatpay-certificate.pem"),
				StandardCharsets.US_ASCII);
	}

	private static V3Headers headers() {
		JsonObject json = new Gson().fromJson(new String(resource("headers.json"), StandardCharsets.UTF_8),
				JsonObject.class);
		return new V3Headers(json.get("Wechatpay-Timestamp").getAsString(), json.get("Wechatpay-Nonce").getAsString(),
				json.get("Wechatpay-Signature").getAsString(), json.get("Wechatpay-Serial").getAsString(),
				json.get("Wechatpay-Signature-Type").getAsString());
	}

	private static byte[] resource(String name) {
		return file(SAMPLE + name);
	}

	private static byte[] file(String path) {
		try (InputStream in = GenuinePaymentCallbackTest.class.getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("No corpus file " + path);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
