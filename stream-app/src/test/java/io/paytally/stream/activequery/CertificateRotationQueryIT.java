package io.paytally.stream.activequery;

import com.wechat.pay.java.service.payments.model.Transaction;
import io.paytally.sandbox.PlatformCertificateInfo;
import io.paytally.sandbox.Sandbox;
import io.paytally.sandbox.SandboxOptions;
import io.paytally.wechat.testing.CertificateModeMerchant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The active query's calls to WeChat Pay through the SDK in certificate mode while the
 * sandbox, playing WeChat, rotates its platform certificate: every reply verifies before,
 * during (signed with the new or the old certificate) and after the rotation, with no
 * restart; a reply signed under a serial WeChat never listed is refused.
 */
class CertificateRotationQueryIT {

	private static final String MCHID = "1900000023";

	private static final String APPID = "wx0000000000demo23";

	private static Sandbox sandbox;

	private static SdkWechatOrders orders;

	@BeforeAll
	static void start() {
		sandbox = Sandbox.start(SandboxOptions.builder().merchant(MCHID, APPID).build());
		sandbox.control().createOrder(MCHID, "CERTQUERY1", 1250, "https://merchant.example/notify");
		sandbox.control().createOrder(MCHID, "CERTQUERY2", 990, "https://merchant.example/notify");
		orders = new SdkWechatOrders(CertificateModeMerchant.directory(sandbox, MCHID));
	}

	@AfterAll
	static void stop() {
		if (sandbox != null) {
			sandbox.close();
		}
	}

	@Test
	void verifiesEveryReplyBeforeDuringAndAfterAPlatformCertificateRotation() {
		String oldSerial = sandbox.platformCertificateSerial();
		assertThat(orders.query(MCHID, "CERTQUERY1")).get()
			.extracting(Transaction::getOutTradeNo, (t) -> t.getTradeState().name(), (t) -> t.getAmount().getTotal())
			.containsExactly("CERTQUERY1", "NOTPAY", 1250);

		PlatformCertificateInfo issued = sandbox.control().rotatePlatformCertificate();
		assertThat(orders.query(MCHID, "CERTQUERY1")).get()
			.extracting(Transaction::getOutTradeNo, (t) -> t.getTradeState().name())
			.containsExactly("CERTQUERY1", "NOTPAY");
		assertThat(orders.close(MCHID, "CERTQUERY2")).isTrue();
		sandbox.control().signWithPlatformCertificate(oldSerial);
		assertThat(orders.query(MCHID, "CERTQUERY2")).get()
			.extracting(Transaction::getOutTradeNo, (t) -> t.getTradeState().name())
			.containsExactly("CERTQUERY2", "CLOSED");
		sandbox.control().signWithPlatformCertificate(issued.serialNo());

		sandbox.control().pay(MCHID, "CERTQUERY1");
		sandbox.control().withdrawPlatformCertificate(oldSerial);
		assertThat(orders.query(MCHID, "CERTQUERY1")).get()
			.extracting(Transaction::getOutTradeNo, (t) -> t.getTradeState().name(), (t) -> t.getAmount().getTotal())
			.containsExactly("CERTQUERY1", "SUCCESS", 1250);
		assertThat(sandbox.platformCertificateSerial()).isEqualTo(issued.serialNo());
	}

	@Test
	void refusesAReplySignedUnderASerialWechatNeverListed() {
		sandbox.control().unlistedCertificateReplies(MCHID, 1);

		assertThatExceptionOfType(WechatReplyUnverified.class).isThrownBy(() -> orders.query(MCHID, "CERTQUERY1"))
			.withMessageStartingWith("Query of CERTQUERY1 got a reply that does not verify");
		assertThat(orders.query(MCHID, "CERTQUERY1")).get()
			.extracting(Transaction::getOutTradeNo)
			.isEqualTo("CERTQUERY1");
	}

}
