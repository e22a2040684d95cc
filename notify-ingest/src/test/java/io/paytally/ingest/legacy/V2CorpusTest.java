package io.paytally.ingest.legacy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.paytally.ingest.verification.CallbackContext;
import io.paytally.ingest.verification.DecryptionFailed;
import io.paytally.ingest.verification.Merchants;
import io.paytally.ingest.verification.VerifiedNotification;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.RefundStatus;
import io.paytally.wechat.MerchantProperties;
import io.paytally.wechat.WechatPayProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A genuine v2 refund callback of the corpus ({@code corpus/v2/jxbgit-util-refund}: its
 * {@code req_info} was encrypted by WeChat Pay for a refund of 2018-01-10; provenance in
 * the corpus README) through notify-ingest's v2 verifier with the API v2 key published
 * next to it.
 */
class V2CorpusTest {

	private static final String SAMPLE = "/corpus/v2/jxbgit-util-refund/";

	private static final Instant NOW = Instant.parse("2026-12-02T07:40:00Z");

	@Test
	void decryptsTheGenuineRefundCallbackToARefundNotificationWithItsExactValues() {
		VerifiedNotification verified = verifier(text("api-v2-key.txt"))
			.verify("10000100", bytes("notify.xml"), new CallbackContext("v2", "10000100"))
			.orElseThrow();

		assertThat(verified.key()).isEqualTo("10000100@2531340110812300");
		assertThat(verified.value()).isEqualTo(new RefundNotification("TeqClE3i0mvn3DrK",
				NotificationSource.CALLBACK_V2, "10000100", "2531340110812100", "4200000052201801101409025381",
				"2531340110812300", "50000505542018011003064518841", RefundStatus.SUCCESS, 1, 1, null, null,
				Instant.parse("2018-01-10T02:31:24Z"), NOW));
	}

	@Test
	void refusesTheGenuineRefundCallbackUnderAnotherKey() {
		assertThatThrownBy(() -> verifier("192006250b4c09247ec02edce69f6a2d").verify("10000100", bytes("notify.xml"),
				new CallbackContext("v2", "10000100")))
			.isInstanceOf(DecryptionFailed.class);
	}

	private static V2CallbackVerifier verifier(String apiV2Key) {
		MerchantProperties merchant = new MerchantProperties("10000100", "wx2421b1c4370ec43b", null, null, null, null,
				null, apiV2Key, null, null, null, null, null, null);
		return new V2CallbackVerifier(new Merchants(new WechatPayProperties(URI.create("http://127.0.0.1:1"),
				Duration.ofSeconds(1), Duration.ofSeconds(1), List.of(merchant))), Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private static String text(String name) {
		return new String(bytes(name), StandardCharsets.UTF_8);
	}

	private static byte[] bytes(String name) {
		try (InputStream in = V2CorpusTest.class.getResourceAsStream(SAMPLE + name)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
