package io.paytally.sandbox;

import java.time.Duration;
import java.util.List;

import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.jsapi.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.payments.model.Transaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chaos on request: dropped, duplicated, delayed, reordered and stale callbacks, all
 * recorded.
 */
class ChaosIT {

	@BeforeAll
	static void start() throws Exception {
		MerchantApiIT.start();
	}

	@AfterAll
	static void stop() {
		MerchantApiIT.stop();
	}

	@BeforeEach
	void calm() {
		MerchantApiIT.sandbox.control().clearChaos();
	}

	@Test
	void aDroppedCallbackIsNeverSentButTheOrderIsPaid() {
		String outTradeNo = MerchantApiIT.prepaidOrder(100);
		control().chaos(MerchantApiIT.MCHID, outTradeNo, ChaosAction.DROP, 1);
		control().pay(MerchantApiIT.MCHID, outTradeNo);
		assertThat(control().awaitCallbacksSettled(Duration.ofSeconds(30))).isTrue();
		assertThat(MerchantApiIT.callbacksFor(outTradeNo, "TRANSACTION.SUCCESS")).isEmpty();
		assertThat(control().callbacks(outTradeNo)).singleElement().satisfies((attempt) -> {
			assertThat(attempt.status()).isNull();
			assertThat(attempt.chaos()).isEqualTo("DROP");
		});
		QueryOrderByOutTradeNoRequest query = MerchantApiIT.query(outTradeNo);
		assertThat(MerchantApiIT.sdk.jsapi().queryOrderByOutTradeNo(query).getTradeState().name()).isEqualTo("SUCCESS");
	}

	@Test
	void aDuplicatedCallbackArrivesTwiceWithTheSameId() {
		String outTradeNo = MerchantApiIT.prepaidOrder(100);
		control().chaos(MerchantApiIT.MCHID, outTradeNo, ChaosAction.DUPLICATE, 1);
		control().pay(MerchantApiIT.MCHID, outTradeNo);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> MerchantApiIT.callbacksFor(outTradeNo, "TRANSACTION.SUCCESS").size() == 2);
		List<RequestParam> both = MerchantApiIT.callbacksFor(outTradeNo, "TRANSACTION.SUCCESS");
		assertThat(both.get(0).getBody()).isEqualTo(both.get(1).getBody());
		for (RequestParam callback : both) {
			assertThat(MerchantApiIT.sdk.notificationParser().parse(callback, Transaction.class).getOutTradeNo())
				.isEqualTo(outTradeNo);
		}
	}

	@Test
	void aDelayedCallbackWaits() {
		String outTradeNo = MerchantApiIT.prepaidOrder(100);
		control().chaos(MerchantApiIT.MCHID, outTradeNo, ChaosAction.DELAY, 1, 1500);
		long paidAt = System.nanoTime();
		control().pay(MerchantApiIT.MCHID, outTradeNo);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !MerchantApiIT.callbacksFor(outTradeNo, "TRANSACTION.SUCCESS").isEmpty());
		long arrivedAt = MerchantApiIT.receiver.received()
			.stream()
			.filter((r) -> Envelopes.plaintext(r.body(), MerchantApiIT.merchant.apiV3Key()).contains(outTradeNo))
			.findFirst()
			.orElseThrow()
			.nanoTime();
		assertThat(Duration.ofNanos(arrivedAt - paidAt)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void aReorderedPaymentCallbackArrivesAfterTheRefundCallback() {
		String outTradeNo = MerchantApiIT.prepaidOrder(100);
		control().chaos(MerchantApiIT.MCHID, outTradeNo, ChaosAction.REORDER, 1);
		control().pay(MerchantApiIT.MCHID, outTradeNo);
		control().refund(MerchantApiIT.MCHID, outTradeNo, "R" + outTradeNo, 100);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> control().callbacks(outTradeNo).stream().filter(CallbackAttempt::answered2xx).count() == 2);
		assertThat(control().callbacks(outTradeNo)).extracting(CallbackAttempt::eventType)
			.containsExactly("REFUND.SUCCESS", "TRANSACTION.SUCCESS");
	}

	@Test
	void aStaleCallbackCarriesAnHourOldTimestamp() {
		String outTradeNo = MerchantApiIT.prepaidOrder(100);
		control().chaos(MerchantApiIT.MCHID, outTradeNo, ChaosAction.STALE_TIMESTAMP, 1);
		control().pay(MerchantApiIT.MCHID, outTradeNo);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> MerchantApiIT.callbacksFor(outTradeNo, "TRANSACTION.SUCCESS").size() == 2);
		List<CallbackReceiver.Received> both = MerchantApiIT.receiver.received()
			.stream()
			.filter((r) -> Envelopes.plaintext(r.body(), MerchantApiIT.merchant.apiV3Key()).contains(outTradeNo))
			.toList();
		long now = System.currentTimeMillis() / 1000;
		assertThat(now - Long.parseLong(both.get(0).timestamp())).isBetween(3500L, 3700L);
		assertThat(now - Long.parseLong(both.get(1).timestamp())).isLessThan(100L);
		assertThat(control().callbacks(outTradeNo)).extracting(CallbackAttempt::forged)
			.containsExactly("STALE_TIMESTAMP", null);
	}

	static SandboxControl control() {
		return MerchantApiIT.sandbox.control();
	}

}
