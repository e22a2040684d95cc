package io.paytally.stream.intake;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.paytally.sandbox.OrderTruth;
import io.paytally.sandbox.Sandbox;
import io.paytally.schemas.AnomalyType;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.SuggestedAction;
import io.paytally.schemas.TradeState;
import io.paytally.schemas.topics.Topic;
import io.paytally.stream.StreamApplication;
import io.paytally.testkit.KafkaTestBroker;
import io.paytally.testkit.MutableClock;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import static io.paytally.stream.intake.IntakeHarness.MCHID;
import static io.paytally.stream.intake.IntakeHarness.get;
import static io.paytally.stream.intake.IntakeHarness.post;
import static io.paytally.stream.intake.IntakeHarness.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The intake inside the real stream-app (topology, interactive queries, active-query
 * worker) against the sandbox and the in-JVM broker. Payments reach the stream as
 * notify-ingest would put them there: the test relays the sandbox's truth to
 * {@code wxpay.payment-notifications}.
 */
class PaymentIntakeStreamIT {

	private static final Duration WAIT = Duration.ofSeconds(60);

	static KafkaTestBroker broker;

	static MutableClock clock;

	static Sandbox sandbox;

	static Path stateDir;

	static ConfigurableApplicationContext context;

	static URI base;

	@BeforeAll
	static void start() throws Exception {
		broker = KafkaTestBroker.startInJvm();
		clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		sandbox = IntakeHarness.startSandbox(clock);
		stateDir = Files.createTempDirectory("intake-stream-it");
		Map<String, Object> properties = new LinkedHashMap<>(IntakeHarness.properties(sandbox, broker));
		properties.put("spring.kafka.streams.bootstrap-servers", broker.bootstrapServers());
		properties.put("spring.kafka.streams.application-id", KafkaTestBroker.uniqueName("intake-stream-it"));
		properties.put("spring.kafka.streams.state-dir", stateDir.toString());
		properties.put("paytally.stream.create-topics", "false");
		properties.put("paytally.stream.close-not-before", "0s");
		properties.put("paytally.stream.active-query.retry-delay", "200ms");
		context = new SpringApplicationBuilder(StreamApplication.class)
			.properties(Map.of("spring.config.name", StreamApplication.CONFIG_NAME))
			.initializers(IntakeHarness.overriding(properties),
					(ctx) -> ctx.getBeanFactory().registerSingleton("testClock", clock))
			.run();
		base = IntakeHarness.baseUri(context.getEnvironment());
		awaitStateReadable();
	}

	/** Until the stream's store answers (503 while Kafka Streams starts). */
	private static void awaitStateReadable() {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (get(base, "/payments/READY-PROBE?mchid=" + MCHID).status() != 404) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("the stream's state did not become readable");
			}
			PaymentIntakeTest.sleep(Duration.ofMillis(250));
		}
	}

	@AfterAll
	static void stop() throws Exception {
		if (context != null) {
			context.close();
		}
		if (sandbox != null) {
			sandbox.close();
		}
		if (broker != null) {
			broker.close();
		}
		if (stateDir != null) {
			FileSystemUtils.deleteRecursively(stateDir);
		}
	}

	@Test
	void repeatedAndConcurrentCallsMakeOnePaymentOrderThatTheStreamKnows() throws Exception {
		List<IntakeHarness.Reply> replies = PaymentIntakeIT.inParallel(16,
				() -> post(base, request("STREAM-RACE-1", 1250)));
		awaitStatus("STREAM-RACE-1", 1, "PENDING");
		IntakeHarness.Reply later = post(base, request("STREAM-RACE-1", 1250));

		assertThat(replies).extracting(IntakeHarness.Reply::status).containsOnly(200, 201);
		assertThat(replies).filteredOn((r) -> r.status() == 201).hasSize(1);
		assertThat(replies).extracting((r) -> r.json().get("out_trade_no")).containsOnly("STREAM-RACE-1-1");
		assertThat(later.status()).isEqualTo(200);
		assertThat(later.json()).containsEntry("out_trade_no", "STREAM-RACE-1-1").containsEntry("created", false);
		List<KeyValue<String, OrderEvent>> events = broker.readAll(Topic.ORDER_EVENTS, 1, WAIT);
		assertThat(events.stream()
			.filter((kv) -> "STREAM-RACE-1".equals(kv.value.merchantOrderNo()))
			.map((kv) -> kv.key)
			.distinct()).containsExactly(MCHID + "@STREAM-RACE-1-1");
		assertThat(truths("STREAM-RACE-1")).extracting(OrderTruth::outTradeNo).containsExactly("STREAM-RACE-1-1");
	}

	@Test
	void paidMerchantOrderRefusesANewPayment() {
		post(base, request("STREAM-PAID-1", 1250));
		relay(sandbox.control().pay(MCHID, "STREAM-PAID-1-1"));
		awaitStatus("STREAM-PAID-1", 1, "PAID");

		IntakeHarness.Reply again = post(base, request("STREAM-PAID-1", 1250));

		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json()).isEqualTo(Map.of("code", "ALREADY_PAID", "message",
				"merchant order STREAM-PAID-1 is already paid (out_trade_no STREAM-PAID-1-1)", "out_trade_no",
				"STREAM-PAID-1-1"));
		assertThat(truths("STREAM-PAID-1")).extracting(OrderTruth::outTradeNo).containsExactly("STREAM-PAID-1-1");
	}

	@Test
	void closedAttemptGetsANewOneAndALatePaymentOnTheOldOneIsADuplicatePayment() {
		post(base, request("STREAM-DUP-1", 1250));
		awaitStatus("STREAM-DUP-1", 1, "PENDING");
		broker.send(Topic.ORDER_EVENTS, MCHID + "@STREAM-DUP-1-1",
				OrderEvent.cancelled(MCHID, "STREAM-DUP-1-1", clock.instant(), "payer gave up"));
		awaitStatus("STREAM-DUP-1", 1, "CLOSED");

		IntakeHarness.Reply second = post(base, request("STREAM-DUP-1", 1250));
		relay(sandbox.control().pay(MCHID, "STREAM-DUP-1-2"));
		awaitStatus("STREAM-DUP-1", 2, "PAID");
		relay(sandbox.control().payAfterClose(MCHID, "STREAM-DUP-1-1"));

		assertThat(second.status()).isEqualTo(201);
		assertThat(second.json()).containsEntry("out_trade_no", "STREAM-DUP-1-2").containsEntry("attempt", 2);
		List<PaymentAnomaly> duplicates = awaitAnomalies("STREAM-DUP-1", AnomalyType.DUPLICATE_PAYMENT);
		assertThat(duplicates).hasSize(1);
		assertThat(duplicates.get(0)).usingRecursiveComparison()
			.ignoringFields("detectedAt")
			.isEqualTo(new PaymentAnomaly("DUPLICATE_PAYMENT:" + MCHID + "@STREAM-DUP-1-1",
					AnomalyType.DUPLICATE_PAYMENT, MCHID, "STREAM-DUP-1-1", "STREAM-DUP-1", "STREAM-DUP-1-2", null,
					1250L, SuggestedAction.REFUND,
					"Merchant order STREAM-DUP-1 was paid twice: STREAM-DUP-1-2 and STREAM-DUP-1-1; refund STREAM-DUP-1-1",
					"stream-app", Instant.EPOCH));
		assertThat(truths("STREAM-DUP-1")).extracting(OrderTruth::outTradeNo, OrderTruth::tradeState)
			.containsExactlyInAnyOrder(tuple("STREAM-DUP-1-1", "SUCCESS"), tuple("STREAM-DUP-1-2", "SUCCESS"));
		IntakeHarness.Reply third = post(base, request("STREAM-DUP-1", 1250));
		assertThat(third.status()).isEqualTo(409);
		assertThat(third.json()).containsEntry("code", "ALREADY_PAID");
	}

	@Test
	@SuppressWarnings("unchecked")
	void olderAttemptPaidAfterCloseClosesTheOpenNewerAttemptAtWechat() {
		post(base, request("STREAM-PAC-1", 1250));
		awaitStatus("STREAM-PAC-1", 1, "PENDING");
		broker.send(Topic.ORDER_EVENTS, MCHID + "@STREAM-PAC-1-1",
				OrderEvent.cancelled(MCHID, "STREAM-PAC-1-1", clock.instant(), "payer gave up"));
		awaitStatus("STREAM-PAC-1", 1, "CLOSED");
		IntakeHarness.Reply second = post(base, request("STREAM-PAC-1", 1250));
		awaitStatus("STREAM-PAC-1", 2, "PENDING");

		relay(sandbox.control().payAfterClose(MCHID, "STREAM-PAC-1-1"));

		awaitStatus("STREAM-PAC-1", 2, "CLOSED");
		assertThat(second.status()).isEqualTo(201);
		assertThat(second.json()).containsEntry("out_trade_no", "STREAM-PAC-1-2");
		assertThat(truths("STREAM-PAC-1")).extracting(OrderTruth::outTradeNo, OrderTruth::tradeState)
			.containsExactlyInAnyOrder(tuple("STREAM-PAC-1-1", "SUCCESS"), tuple("STREAM-PAC-1-2", "CLOSED"));
		IntakeHarness.Reply listed = get(base, "/payments/STREAM-PAC-1?mchid=" + MCHID);
		assertThat((List<Map<String, Object>>) listed.json().get("payment_orders"))
			.extracting((o) -> o.get("out_trade_no"), (o) -> o.get("status"))
			.containsExactly(tuple("STREAM-PAC-1-1", "PAID"), tuple("STREAM-PAC-1-2", "CLOSED"));
		assertThat(awaitAnomalies("STREAM-PAC-1", AnomalyType.PAID_AFTER_CLOSE))
			.extracting(PaymentAnomaly::outTradeNo, PaymentAnomaly::action)
			.containsExactly(tuple("STREAM-PAC-1-1", SuggestedAction.FULFIL_OR_REFUND));
		assertThat(broker.<OrderEvent>readAll(Topic.ORDER_EVENTS)
			.stream()
			.map((kv) -> kv.value)
			.filter((e) -> e.type() == OrderEvent.Type.CANCELLED && "STREAM-PAC-1-2".equals(e.outTradeNo())))
			.singleElement()
			.satisfies((e) -> assertThat(e.reason()).startsWith(
					"payment order STREAM-PAC-1-1 of merchant order " + "STREAM-PAC-1 was paid after it was closed"));
		IntakeHarness.Reply third = post(base, request("STREAM-PAC-1", 1250));
		assertThat(third.status()).isEqualTo(409);
		assertThat(third.json()).containsEntry("code", "ALREADY_PAID").containsEntry("out_trade_no", "STREAM-PAC-1-1");
	}

	/** What notify-ingest writes for a TRANSACTION.SUCCESS callback of this order. */
	private static void relay(OrderTruth truth) {
		broker.send(Topic.PAYMENT_NOTIFICATIONS, truth.mchid() + "@" + truth.outTradeNo(),
				new PaymentNotification("EV-" + truth.transactionId(), NotificationSource.CALLBACK_V3, truth.mchid(),
						IntakeHarness.APPID, truth.outTradeNo(), truth.transactionId(), TradeState.SUCCESS,
						truth.tradeType(), "OTHERS", truth.amountTotal(), truth.paidAmount(), "CNY",
						truth.successTime().toInstant(), null, Instant.now()));
	}

	@SuppressWarnings("unchecked")
	private static void awaitStatus(String merchantOrderNo, int attempt, String status) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		Object seen = null;
		while (System.nanoTime() < deadline) {
			IntakeHarness.Reply reply = get(base, "/payments/" + merchantOrderNo + "?mchid=" + MCHID);
			if (reply.status() == 200) {
				List<Map<String, Object>> orders = (List<Map<String, Object>>) reply.json().get("payment_orders");
				seen = orders;
				if (orders.size() >= attempt && status.equals(orders.get(attempt - 1).get("status"))) {
					return;
				}
			}
			PaymentIntakeTest.sleep(Duration.ofMillis(200));
		}
		throw new AssertionError("attempt " + attempt + " of " + merchantOrderNo + " did not become " + status
				+ " within " + WAIT + "; last seen " + seen);
	}

	private static List<PaymentAnomaly> awaitAnomalies(String merchantOrderNo, AnomalyType type) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		List<PaymentAnomaly> found = List.of();
		while (System.nanoTime() < deadline && found.isEmpty()) {
			List<KeyValue<String, PaymentAnomaly>> all = broker.readAll(Topic.ANOMALIES);
			found = all.stream()
				.map((kv) -> kv.value)
				.filter(Objects::nonNull)
				.filter((a) -> a.type() == type && merchantOrderNo.equals(a.merchantOrderNo()))
				.toList();
			if (found.isEmpty()) {
				PaymentIntakeTest.sleep(Duration.ofMillis(300));
			}
		}
		return found;
	}

	private static List<OrderTruth> truths(String outTradeNoPrefix) {
		return sandbox.control()
			.groundTruth(MCHID)
			.stream()
			.filter((t) -> t.outTradeNo().startsWith(outTradeNoPrefix))
			.toList();
	}

}
