package io.paytally.ingest.callback;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.paytally.ingest.verification.Merchants;
import io.paytally.ingest.verification.ReplayWindow;
import io.paytally.ingest.verification.V3CallbackVerifier;
import io.paytally.wechat.WechatPayProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class V3CallbackServletTest {

	@Test
	void readsTheMerchantFromThePath() {
		assertThat(V3CallbackServlet.mchid("/1900000001")).isEqualTo("1900000001");
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "/", "/1900000001/", "/1900000001/x" })
	void findsNoMerchantInAPathThatIsNotOneSegment(String pathInfo) {
		assertThat(V3CallbackServlet.mchid(pathInfo)).isNull();
	}

	@Test
	void answersNotFoundForAPathWithoutMerchant() throws Exception {
		MockHttpServletResponse response = post(servlet(new SimpleMeterRegistry()), "/1900000001/x");

		assertThat(response.getStatus()).isEqualTo(404);
	}

	@Test
	void answersARefusalWithItsStatusWeChatsFailureBodyAndACount() throws Exception {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();

		MockHttpServletResponse response = post(servlet(registry), "/1900000999");

		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(response.getContentType()).isEqualTo("application/json;charset=UTF-8");
		assertThat(response.getContentAsString(StandardCharsets.UTF_8))
			.isEqualTo("{\"code\":\"FAIL\",\"message\":\"merchant not served here\"}");
		assertThat(registry.get("paytally.ingest.callbacks.refused")
			.tag("protocol", "v3")
			.tag("reason", "unknown_merchant")
			.counter()
			.count()).isEqualTo(1.0);
		assertThat(registry.get("paytally.ingest.callbacks.received").tag("protocol", "v3").counter().count())
			.isEqualTo(1.0);
	}

	private static MockHttpServletResponse post(V3CallbackServlet servlet, String pathInfo) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/wechatpay/v3/notify" + pathInfo);
		request.setServletPath("/wechatpay/v3/notify");
		request.setPathInfo(pathInfo);
		request.setContent("{}".getBytes(StandardCharsets.UTF_8));
		MockHttpServletResponse response = new MockHttpServletResponse();
		servlet.service(request, response);
		return response;
	}

	private static V3CallbackServlet servlet(SimpleMeterRegistry registry) {
		Clock clock = Clock.systemUTC();
		WechatPayProperties properties = new WechatPayProperties(URI.create("http://127.0.0.1:1"),
				Duration.ofSeconds(1), Duration.ofSeconds(1), List.of());
		V3CallbackVerifier verifier = new V3CallbackVerifier(new Merchants(properties),
				new ReplayWindow(clock, Duration.ofMinutes(5)), clock);
		CallbackMetrics metrics = new CallbackMetrics(registry);
		return new V3CallbackServlet(new CallbackBodies(65536), verifier, null, metrics,
				new CallbackAdvice(metrics, new RefusalLog(org.slf4j.LoggerFactory.getLogger(CallbackAdvice.class),
						java.time.Clock.systemUTC(), 20)));
	}

}
