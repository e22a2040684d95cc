package io.paytally.ingest.edge;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TarpitTest {

	private final Tarpit tarpit = new Tarpit(Duration.ofMillis(300), 2);

	@AfterEach
	void close() {
		this.tarpit.close();
	}

	@Test
	void answersAfterTheDelayWithoutHoldingTheThread() throws Exception {
		MockHttpServletRequest request = asyncRequest();
		MockHttpServletResponse response = new MockHttpServletResponse();
		long start = System.nanoTime();

		assertThat(this.tarpit.hold(request, response, TarpitTest::tooMany)).isTrue();

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300));
		assertThat(request.isAsyncStarted()).isTrue();
		assertThat(this.tarpit.held()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.tarpit.held() == 0);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(response.getStatus()).isEqualTo(429);
		assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo("too many");
	}

	@Test
	void answersAtOnceBeyondTheCap() {
		assertThat(this.tarpit.hold(asyncRequest(), new MockHttpServletResponse(), TarpitTest::tooMany)).isTrue();
		assertThat(this.tarpit.hold(asyncRequest(), new MockHttpServletResponse(), TarpitTest::tooMany)).isTrue();
		MockHttpServletRequest third = asyncRequest();

		assertThat(this.tarpit.hold(third, new MockHttpServletResponse(), TarpitTest::tooMany)).isFalse();

		assertThat(third.isAsyncStarted()).isFalse();
		assertThat(this.tarpit.held()).isEqualTo(2);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.tarpit.held() == 0);
		assertThat(this.tarpit.hold(asyncRequest(), new MockHttpServletResponse(), TarpitTest::tooMany)).isTrue();
	}

	@Test
	void answersAtOnceWithoutAsynchronousSupport() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/wechatpay/v3/notify/1900000001");

		assertThat(this.tarpit.hold(request, new MockHttpServletResponse(), TarpitTest::tooMany)).isFalse();
		assertThat(this.tarpit.held()).isZero();
	}

	private static MockHttpServletRequest asyncRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/wechatpay/v3/notify/1900000001");
		request.setAsyncSupported(true);
		return request;
	}

	private static void tooMany(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
		response.setStatus(429);
		response.getOutputStream().write("too many".getBytes(StandardCharsets.UTF_8));
	}

}
