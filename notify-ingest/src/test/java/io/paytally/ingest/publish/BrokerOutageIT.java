package io.paytally.ingest.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.paytally.ingest.support.IngestApp;
import io.paytally.ingest.support.SandboxMerchants;
import io.paytally.sandbox.CallbackAttempt;
import io.paytally.sandbox.OrderTruth;
import io.paytally.sandbox.Sandbox;
import io.paytally.sandbox.SandboxOptions;
import io.paytally.schemas.MerchantKey;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import io.paytally.testkit.KafkaTestBroker;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the broker down, callbacks are answered 5xx and readiness is DOWN; once it is
 * back, WeChat's retries (the sandbox's schedule at compressed time) land every
 * notification: the set of out_trade_no on the topic is the set paid in the sandbox.
 */
class BrokerOutageIT {

	private static final String MCHID = "1900000001";

	private static KafkaTestBroker broker;

	private static Sandbox sandbox;

	private static IngestApp app;

	@BeforeAll
	static void start() {
		broker = KafkaTestBroker.start();
		sandbox = Sandbox
			.start(SandboxOptions.builder().merchant(MCHID, "wx0000000000demo01").timeScale(0.002).build());
		List<String> properties = new ArrayList<>(SandboxMerchants.properties(sandbox, MCHID, 0));
		properties.add("--paytally.ingest.ack-timeout=1s");
		properties.add("--paytally.ingest.readiness-cache-ttl=100ms");
		app = IngestApp.start(broker.bootstrapServers(), properties);
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		if (sandbox != null) {
			sandbox.close();
		}
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void answers5xxWhileTheBrokerIsDownAndLosesNothingOnceItIsBack() {
		List<String> before = placeAndPay("OUTAGEA", 3);
		assertThat(sandbox.control().awaitCallbacksSettled(Duration.ofSeconds(60))).isTrue();
		assertThat(app.getManagement("/actuator/health/readiness").statusCode()).isEqualTo(200);

		broker.stop();
		List<String> during = placeAndPay("OUTAGEB", 10);
		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(sandbox.control().callbacks(null))
				.filteredOn((attempt) -> attempt.outTradeNo().startsWith("OUTAGEB") && attempt.status() != null
						&& attempt.status() >= 500)
				.extracting(CallbackAttempt::outTradeNo)
				.containsAll(during));
		assertThat(sandbox.control().callbacks(null))
			.filteredOn((attempt) -> attempt.outTradeNo().startsWith("OUTAGEB") && attempt.status() != null)
			.allSatisfy((attempt) -> assertThat(attempt.status()).isEqualTo(503));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(app.getManagement("/actuator/health/readiness").statusCode()).isEqualTo(503));

		broker.restart();
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(app.getManagement("/actuator/health/readiness").statusCode()).isEqualTo(200));
		assertThat(sandbox.control().awaitCallbacksSettled(Duration.ofSeconds(240))).isTrue();

		Set<String> paid = sandbox.control()
			.groundTruth(MCHID)
			.stream()
			.filter((truth) -> truth.tradeState().equals("SUCCESS"))
			.map(OrderTruth::outTradeNo)
			.collect(Collectors.toSet());
		List<KeyValue<String, PaymentNotification>> written = broker.readAll(Topic.PAYMENT_NOTIFICATIONS,
				Serdes.paymentNotification(), paid.size(), Duration.ofSeconds(60));
		assertThat(paid).hasSize(13).containsAll(before).containsAll(during);
		assertThat(written.stream().map((kv) -> kv.key).collect(Collectors.toSet())).isEqualTo(
				paid.stream().map((outTradeNo) -> MerchantKey.encode(MCHID, outTradeNo)).collect(Collectors.toSet()));
		assertThat(written).allSatisfy((kv) -> assertThat(kv.key).isEqualTo(kv.value.key()));
		assertThat(sandbox.control().callbacks(null))
			.filteredOn((attempt) -> attempt.outTradeNo().startsWith("OUTAGEB"))
			.filteredOn(CallbackAttempt::answered2xx)
			.extracting(CallbackAttempt::outTradeNo)
			.containsExactlyInAnyOrderElementsOf(during);
	}

	private static List<String> placeAndPay(String prefix, int count) {
		List<String> orders = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			String outTradeNo = prefix + String.format("%04d", i);
			SandboxMerchants.prepay(sandbox, MCHID, outTradeNo, 100 * i, app.v3NotifyUrl(MCHID));
			sandbox.control().pay(MCHID, outTradeNo);
			orders.add(outTradeNo);
		}
		return orders;
	}

}
