package io.paytally.stream.activequery;

import java.time.Duration;
import java.util.List;

import com.wechat.pay.java.service.payments.model.Transaction;
import io.paytally.sandbox.ApiEndpoint;
import io.paytally.sandbox.ApiOutage;
import io.paytally.sandbox.Sandbox;
import io.paytally.sandbox.SandboxMerchant;
import io.paytally.sandbox.SandboxOptions;
import io.paytally.wechat.MerchantProperties;
import io.paytally.wechat.WechatPayDirectory;
import io.paytally.wechat.WechatPayProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The active query's calls to WeChat Pay through the SDK while the sandbox, playing
 * WeChat, has an outage of the merchant API: 500 {@code SYSTEM_ERROR}, 429
 * {@code FREQUENCY_LIMITED} and a reply that never comes within the read timeout are
 * {@link WechatUnavailable} (retried, and asked again by the state machine), a 401
 * {@code SIGN_ERROR} is {@link WechatRefused} (not retried, reported as QUERY_FAILED);
 * once the outage ends, the same calls answer and close the order.
 */
class WechatOutageQueryIT {

	private static final String MCHID = "1900000031";

	private static final String APPID = "wx0000000000demo31";

	private static Sandbox sandbox;

	private static SdkWechatOrders orders;

	@BeforeAll
	static void start() {
		sandbox = Sandbox.start(SandboxOptions.builder().merchant(MCHID, APPID).build());
		SandboxMerchant merchant = sandbox.merchant(MCHID);
		MerchantProperties properties = new MerchantProperties(MCHID, APPID, merchant.merchantSerialNumber(),
				merchant.privateKeyPem(), null, merchant.apiV3Key(), null, null, null,
				MerchantProperties.Verification.PUBLIC_KEY, sandbox.platformPublicKeyPem(), null,
				sandbox.platformPublicKeyId(), null);
		// a read timeout of 1 s, so that a hanging endpoint outlasts it quickly
		orders = new SdkWechatOrders(new WechatPayDirectory(new WechatPayProperties(sandbox.baseUrl(),
				Duration.ofSeconds(2), Duration.ofSeconds(1), List.of(properties))));
	}

	@AfterAll
	static void stop() {
		if (sandbox != null) {
			sandbox.close();
		}
	}

	@AfterEach
	void recover() {
		sandbox.control().clearOutages();
	}

	@Test
	void systemErrorAndFrequencyLimitAreUnavailableAndTheOrderIsClosedOnceWechatRecovers() {
		sandbox.control().createOrder(MCHID, "OUTAGEQ1", 1250, "https://merchant.example/notify");
		sandbox.control().outage(MCHID, ApiEndpoint.QUERY_BY_OUT_TRADE_NO, ApiOutage.SYSTEM_ERROR, null);
		sandbox.control().outage(MCHID, ApiEndpoint.CLOSE, ApiOutage.FREQUENCY_LIMITED, null);

		assertThatExceptionOfType(WechatUnavailable.class).isThrownBy(() -> orders.query(MCHID, "OUTAGEQ1"))
			.withMessageStartingWith("query of OUTAGEQ1 answered 500 SYSTEM_ERROR");
		assertThatExceptionOfType(WechatUnavailable.class).isThrownBy(() -> orders.close(MCHID, "OUTAGEQ1"))
			.withMessageStartingWith("close of OUTAGEQ1 answered 429 FREQUENCY_LIMITED");
		assertThat(sandbox.control().groundTruth(MCHID, "OUTAGEQ1").tradeState()).isEqualTo("NOTPAY");

		sandbox.control().clearOutages();
		assertThat(orders.query(MCHID, "OUTAGEQ1")).get()
			.extracting(Transaction::getOutTradeNo, (t) -> t.getTradeState().name())
			.containsExactly("OUTAGEQ1", "NOTPAY");
		assertThat(orders.close(MCHID, "OUTAGEQ1")).isTrue();
		assertThat(sandbox.control().groundTruth(MCHID, "OUTAGEQ1").tradeState()).isEqualTo("CLOSED");
	}

	@Test
	void signErrorAfterAKeyRotationGoneWrongIsARefusal() {
		sandbox.control().createOrder(MCHID, "OUTAGEQ2", 990, "https://merchant.example/notify");
		sandbox.control().outage(MCHID, ApiEndpoint.QUERY_BY_OUT_TRADE_NO, ApiOutage.SIGN_ERROR, null);

		assertThatExceptionOfType(WechatRefused.class).isThrownBy(() -> orders.query(MCHID, "OUTAGEQ2"))
			.withMessageStartingWith("query of OUTAGEQ2 answered 401 SIGN_ERROR");
	}

	@Test
	void queryHangingPastTheReadTimeoutIsUnavailable() {
		sandbox.control().createOrder(MCHID, "OUTAGEQ3", 600, "https://merchant.example/notify");
		sandbox.control().outage(MCHID, ApiEndpoint.QUERY_BY_OUT_TRADE_NO, ApiOutage.HANG, null, Duration.ofSeconds(3));

		long start = System.nanoTime();
		assertThatExceptionOfType(WechatUnavailable.class).isThrownBy(() -> orders.query(MCHID, "OUTAGEQ3"))
			.withMessageStartingWith("Query of OUTAGEQ3 failed");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

}
