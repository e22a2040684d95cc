package io.paytally.batch.bill;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import com.wechat.pay.java.service.billdownload.DigestBillEntity;
import io.paytally.batch.internal.Beijing;
import io.paytally.sandbox.PlatformCertificateInfo;
import io.paytally.sandbox.Sandbox;
import io.paytally.sandbox.SandboxOptions;
import io.paytally.testkit.MutableClock;
import io.paytally.wechat.testing.CertificateModeMerchant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The trade bill downloaded through the SDK in certificate mode while the sandbox,
 * playing WeChat Pay, rotates its platform certificate: the bill request's reply verifies
 * before, during (signed with the new or the old certificate) and after the rotation,
 * with no restart, and the bill is the same each time.
 */
class CertificateRotationBillIT {

	private static final String MCHID = "1900000025";

	private static final String APPID = "wx0000000000demo25";

	private static final LocalDate DAY = LocalDate.of(2026, 11, 21);

	private static final MutableClock CLOCK = new MutableClock(Beijing.instant(DAY.atTime(10, 0)));

	private static Sandbox sandbox;

	private static WechatBillDownloads downloads;

	@BeforeAll
	static void start() {
		sandbox = Sandbox.start(
				SandboxOptions.builder().merchant(MCHID, APPID).timeScale(0.001).clock(CLOCK).billReadyHour(0).build());
		sandbox.control().createOrder(MCHID, "CERTBILL01", 1250, "https://merchant.example/notify");
		sandbox.control().createOrder(MCHID, "CERTBILL02", 990, "https://merchant.example/notify");
		sandbox.control().pay(MCHID, "CERTBILL01");
		sandbox.control().pay(MCHID, "CERTBILL02");
		CLOCK.set(Beijing.instant(DAY.plusDays(1).atTime(1, 0)));
		downloads = new WechatBillDownloads(CertificateModeMerchant.directory(sandbox, MCHID), Duration.ofSeconds(60));
	}

	@AfterAll
	static void stop() {
		if (sandbox != null) {
			sandbox.close();
		}
	}

	@Test
	void downloadsTheBillBeforeDuringAndAfterAPlatformCertificateRotation() throws IOException {
		String oldSerial = sandbox.platformCertificateSerial();
		assertPaidOrdersBilled();

		PlatformCertificateInfo issued = sandbox.control().rotatePlatformCertificate();
		assertPaidOrdersBilled();
		sandbox.control().signWithPlatformCertificate(oldSerial);
		assertPaidOrdersBilled();

		sandbox.control().withdrawPlatformCertificate(oldSerial);
		assertThat(sandbox.platformCertificateSerial()).isEqualTo(issued.serialNo());
		assertPaidOrdersBilled();
	}

	/** The day's ALL bill: verified hash, one row per paid order with its amount. */
	private static void assertPaidOrdersBilled() throws IOException {
		DigestBillEntity entity = downloads.tradeBill(MCHID, DAY);
		String text;
		try (InputStream in = entity.getInputStream()) {
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(entity.verifyHash()).isTrue();
		List<String[]> rows = text.lines()
			.skip(1)
			.takeWhile((line) -> line.startsWith("`"))
			.map((line) -> Arrays.stream(line.split(",")).map((field) -> field.replace("`", "")).toArray(String[]::new))
			.toList();
		assertThat(rows).extracting((row) -> row[2], (row) -> row[6], (row) -> row[9], (row) -> row[12])
			.containsExactlyInAnyOrder(tuple(MCHID, "CERTBILL01", "SUCCESS", "12.50"),
					tuple(MCHID, "CERTBILL02", "SUCCESS", "9.90"));
	}

}
