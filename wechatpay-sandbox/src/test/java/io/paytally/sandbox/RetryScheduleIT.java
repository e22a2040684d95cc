package io.paytally.sandbox;

import java.time.Duration;
import java.util.List;

import com.wechat.pay.java.service.payments.jsapi.model.Amount;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest;
import io.paytally.sandbox.callback.CallbackDispatcher;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Callbacks are retried on WeChat's schedule (at a compressed time scale) and stop at the
 * first 2xx, or after the last retry.
 */
class RetryScheduleIT {

	static final String MCHID = "1900000003";

	@Test
	void retriesOnTheScheduleAndStopsOnTheFirst2xx() throws Exception {
		double timeScale = 0.001;
		try (Sandbox sandbox = Sandbox.start(options(timeScale)); CallbackReceiver receiver = new CallbackReceiver()) {
			receiver.answer((call) -> (call <= 4) ? 500 : 204);
			payOrder(sandbox, receiver, "RETRY0001");

			assertThat(sandbox.control().awaitCallbacksSettled(Duration.ofSeconds(60))).isTrue();
			await().during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(5))
				.until(() -> receiver.received().size() == 5);
			assertGapsFollowSchedule(receiver.received(), timeScale);
			assertThat(sandbox.control().callbacks("RETRY0001"))
				.extracting(CallbackAttempt::attempt, CallbackAttempt::status)
				.containsExactly(org.assertj.core.groups.Tuple.tuple(1, 500),
						org.assertj.core.groups.Tuple.tuple(2, 500), org.assertj.core.groups.Tuple.tuple(3, 500),
						org.assertj.core.groups.Tuple.tuple(4, 500), org.assertj.core.groups.Tuple.tuple(5, 204));
		}
	}

	@Test
	void givesUpAfterTheLastRetryOfTheDay() throws Exception {
		double timeScale = 0.0001;
		try (Sandbox sandbox = Sandbox.start(options(timeScale)); CallbackReceiver receiver = new CallbackReceiver()) {
			receiver.answer((call) -> 503);
			payOrder(sandbox, receiver, "RETRY0002");

			assertThat(sandbox.control().awaitCallbacksSettled(Duration.ofSeconds(120))).isTrue();
			List<CallbackReceiver.Received> received = receiver.received();
			assertThat(received).hasSize(CallbackDispatcher.RETRY_SCHEDULE.size() + 1);
			assertGapsFollowSchedule(received, timeScale);
			assertThat(sandbox.control().callbacks("RETRY0002")).hasSize(16)
				.allSatisfy((attempt) -> assertThat(attempt.status()).isEqualTo(503));
		}
	}

	static void assertGapsFollowSchedule(List<CallbackReceiver.Received> received, double timeScale) {
		for (int i = 1; i < received.size(); i++) {
			long gapNanos = received.get(i).nanoTime() - received.get(i - 1).nanoTime();
			long scheduled = (long) (CallbackDispatcher.RETRY_SCHEDULE.get(i - 1).toNanos() * timeScale);
			assertThat(gapNanos).as("gap before attempt %d", i + 1).isGreaterThanOrEqualTo(scheduled);
		}
	}

	static SandboxOptions options(double timeScale) {
		return SandboxOptions.builder().merchant(MCHID, "wx0000000000demo03").timeScale(timeScale).build();
	}

	static void payOrder(Sandbox sandbox, CallbackReceiver receiver, String outTradeNo) {
		SdkClients sdk = new SdkClients(sandbox, sandbox.merchant(MCHID));
		PrepayRequest request = new PrepayRequest();
		request.setAppid("wx0000000000demo03");
		request.setMchid(MCHID);
		request.setDescription("Retry");
		request.setOutTradeNo(outTradeNo);
		request.setNotifyUrl(receiver.url());
		Amount amount = new Amount();
		amount.setTotal(100);
		request.setAmount(amount);
		Payer payer = new Payer();
		payer.setOpenid("oRetry");
		request.setPayer(payer);
		sdk.jsapi().prepay(request);
		sandbox.control().pay(MCHID, outTradeNo);
	}

}
