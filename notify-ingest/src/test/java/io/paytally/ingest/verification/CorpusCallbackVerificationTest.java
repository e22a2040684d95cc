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
import io.paytally.schemas.UnknownNotification;
import io.paytally.schemas.topics.Topic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A genuine v3 callback of the corpus (wechatpay-go's {@code PAYSCORE.USER_OPEN_SERVICE},
 * provenance in {@code src/test/resources/corpus/README.md}) through notify-ingest's own
 * verifier, in certificate mode under the certificate that signed it, on a clock set to
 * when it was sent: an event type paytally does not handle, verified and kept with the
 * exact values it holds; stale, tampered or under another serial, refused.
 */
class CorpusCallbackVerificationTest {

	private static final String SAMPLE = "/corpus/v3/wechatpay-go-payscore-user-open-service/";

	private static final String MCHID = "1234567890";

	@Test
	void keepsTheGenuinePayscoreCallbackAsAnUnknownEventWithItsExactValues() {
		VerifiedNotification verified = verifier(Instant.parse("2021-06-24T08:37:30Z")).verify(MCHID, headers(),
				resource("body.json"), new CallbackContext("v3", MCHID));

		assertThat(verified.topic()).isEqualTo(Topic.UNKNOWN_NOTIFICATIONS);
		assertThat(verified.key()).isEqualTo("1234567890@3119dfba-e649-5eec-ab1e-3412bc4d2e17");
		assertThat(verified.value()).isEqualTo(new UnknownNotification("3119dfba-e649-5eec-ab1e-3412bc4d2e17", MCHID,
				"PAYSCORE.USER_OPEN_SERVICE", "encrypt-resource", "签约成功", Instant.parse("2021-06-24T08:37:26Z"),
				"payscore", "AEAD_AES_256_GCM",
				"YDS3lKPaC4Y52Gf3uhft5qUBlIa8b428AWTtTauHQfQrRw+X1WpiuHIDy0vo1Vd6VEq67aVyqPdDYMkRVSDaZL3iZttevRMOoPK"
						+ "Mifozg6XPWjIZumks/GpT48lI4NizyeaqLBokNebthah3o1H76qSlO9NkDjp9bzmKLEYYH9TEklFUpsvPqOTOcgSLg"
						+ "h21YJXYR7dEBXFgRLiNIKRgO5JdXh1hccRUAlyVWxE54PXpnQ==",
				"payscore", "Kj7QIyUiYx1q", Instant.parse("2021-06-24T08:37:30Z")));
	}

	@Test
	void refusesTheGenuineCallbackOnceItIsOutsideTheReplayWindow() {
		assertThatThrownBy(() -> verifier(Instant.parse("2026-12-02T00:00:00Z")).verify(MCHID, headers(),
				resource("body.json"), new CallbackContext("v3", MCHID)))
			.isInstanceOf(TimestampOutsideWindow.class);
	}

	@Test
	void refusesTheCallbackWithOneCharacterChanged() {
		byte[] tampered = new String(resource("body.json"), StandardCharsets.UTF_8).replace("签约成功", "签约失败")
			.getBytes(StandardCharsets.UTF_8);

		assertThatThrownBy(() -> verifier(Instant.parse("2021-06-24T08:37:30Z")).verify(MCHID, headers(), tampered,
				new CallbackContext("v3", MCHID)))
			.isInstanceOf(SignatureInvalid.class);
	}

	@Test
	void refusesTheCallbackUnderASerialThatIsNotTheCertificates() {
		V3Headers headers = headers();
		V3Headers otherSerial = new V3Headers(headers.timestamp(), headers.nonce(), headers.signature(),
				"45F59D4DABF31918AFCEC556D5D2C6E376675D57", headers.signatureType());

		assertThatThrownBy(() -> verifier(Instant.parse("2021-06-24T08:37:30Z")).verify(MCHID, otherSerial,
				resource("body.json"), new CallbackContext("v3", MCHID)))
			.isInstanceOf(UnknownSerial.class);
	}

	/**
	 * Certificate mode with the sample's certificate; the APIv3 key is not needed (an
	 * unknown event is not decrypted), and the sample's own has 16 bytes, which the SDK
	 * refuses.
	 */
	private static V3CallbackVerifier verifier(Instant now) {
		Clock clock = Clock.fixed(now, ZoneOffset.UTC);
		RSANotificationConfig config = new RSANotificationConfig.Builder()
			.certificates(new String(resource("wechatpay-certificate.pem"), StandardCharsets.US_ASCII))
			.apiV3Key("0".repeat(32))
			.build();
		return new V3CallbackVerifier(new Merchants(Map.of(MCHID, new MerchantVerifier(MCHID, config, null))),
				new ReplayWindow(clock, Duration.ofMinutes(5)), clock);
	}

	private static V3Headers headers() {
		JsonObject json = new Gson().fromJson(new String(resource("headers.json"), StandardCharsets.UTF_8),
				JsonObject.class);
		return new V3Headers(json.get("Wechatpay-Timestamp").getAsString(), json.get("Wechatpay-Nonce").getAsString(),
				json.get("Wechatpay-Signature").getAsString(), json.get("Wechatpay-Serial").getAsString(), null);
	}

	private static byte[] resource(String name) {
		try (InputStream in = CorpusCallbackVerificationTest.class.getResourceAsStream(SAMPLE + name)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
