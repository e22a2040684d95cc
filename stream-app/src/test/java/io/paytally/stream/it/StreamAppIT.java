package io.paytally.stream.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import com.wechat.pay.java.service.payments.jsapi.model.Amount;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.paytally.sandbox.ApiEndpoint;
import io.paytally.sandbox.ApiOutage;
import io.paytally.sandbox.ChaosAction;
import io.paytally.sandbox.OrderTruth;
import io.paytally.sandbox.Sandbox;
import io.paytally.sandbox.SandboxOptions;
import io.paytally.schemas.AnomalyType;
import io.paytally.schemas.MerchantKey;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.SuggestedAction;
import io.paytally.schemas.serde.Json;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import io.paytally.stream.internal.DeadLetterHandler;
import io.paytally.stream.payment.OrderPayment;
import io.paytally.testkit.KafkaTestBroker;
import io.paytally.wechat.MerchantProperties;
import io.paytally.wechat.WechatPayClients;
import io.paytally.wechat.WechatPayProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * stream-app end to end on the in-JVM broker with the sandbox: orders are placed at the
 * sandbox through the SDK, paid (or not) there, callbacks go through a verifying bridge
 * to {@code wxpay.payment-notifications}; the active-query worker asks the sandbox about
 * expired orders and closes them there.
 */
class StreamAppIT {

	static final String MCHID = "1900000001";

	static final String APPID = "wx0000000000demo01";

	static KafkaTestBroker broker;

	static Sandbox sandbox;

	static CallbackBridge bridge;

	static StreamAppRunner app;

	static JsapiService jsapi;

	@BeforeAll
	static void start() throws Exception {
		broker = KafkaTestBroker.startInJvm();
		sandbox = Sandbox.start(SandboxOptions.builder().port(0).merchant(MCHID, APPID).timeScale(0.001).build());
		var merchant = sandbox.merchant(MCHID);
		WechatPayProperties wechat = new WechatPayProperties(sandbox.baseUrl(), Duration.ofSeconds(2),
				Duration.ofSeconds(5),
				List.of(new MerchantProperties(MCHID, APPID, merchant.merchantSerialNumber(), merchant.privateKeyPem(),
						null, merchant.apiV3Key(), null, null, null, MerchantProperties.Verification.PUBLIC_KEY,
						sandbox.platformPublicKeyPem(), null, sandbox.platformPublicKeyId(), null)));
		WechatPayClients clients = new WechatPayClients(wechat, wechat.merchants().get(0));
		jsapi = new JsapiService.Builder().httpClient(clients.httpClient()).build();
		bridge = new CallbackBridge(clients.notificationParser(), broker);
		// unanswered checks: 5 s, then 10 s apart at most; QUERY_UNANSWERED after two
		app = new StreamAppRunner(broker.bootstrapServers(), sandbox, MCHID,
				KafkaTestBroker.uniqueName("paytally-stream-it"), Map.of("paytally.stream.recheck-ceiling", "10s",
						"paytally.stream.unanswered-checks-before-anomaly", "2"));
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		if (bridge != null) {
			bridge.close();
		}
		if (sandbox != null) {
			sandbox.close();
		}
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void bringsEveryOrderToWechatsTruth() throws Exception {
		String run = Long.toString(System.currentTimeMillis() % 100000);
		List<String> paid = List.of("P1-" + run, "P2-" + run);
		List<String> lost = List.of("L1-" + run, "L2-" + run, "L3-" + run);
		String repeated = "D1-" + run;
		List<String> unpaid = List.of("U1-" + run, "U2-" + run);
		String neverPlaced = "N1-" + run;

		List<String> placed = new ArrayList<>(paid);
		placed.addAll(lost);
		placed.add(repeated);
		placed.addAll(unpaid);
		for (String no : placed) {
			place(no, 1250);
		}
		broker.send(Topic.ORDER_EVENTS, MerchantKey.encode(MCHID, neverPlaced), created(neverPlaced, 990));
		for (String no : lost) {
			sandbox.control().chaos(MCHID, no, ChaosAction.DROP, 100);
		}
		sandbox.control().chaos(MCHID, repeated, ChaosAction.DUPLICATE, 1);
		for (String no : paid) {
			sandbox.control().pay(MCHID, no);
		}
		for (String no : lost) {
			sandbox.control().pay(MCHID, no);
		}
		sandbox.control().pay(MCHID, repeated);
		broker.send(Topic.ORDER_EVENTS.topicName(), MCHID + "@BAD-" + run,
				"{not an order".getBytes(StandardCharsets.UTF_8), new ByteArraySerializer());

		List<String> all = new ArrayList<>(placed);
		all.add(neverPlaced);
		Map<String, OrderPaymentState> finalStates = awaitFinal(all, Duration.ofSeconds(120));

		for (String no : paid) {
			assertPaidAsAtWechat(finalStates.get(no), NotificationSource.CALLBACK_V3);
		}
		for (String no : lost) {
			assertPaidAsAtWechat(finalStates.get(no), NotificationSource.ACTIVE_QUERY);
		}
		assertPaidAsAtWechat(finalStates.get(repeated), NotificationSource.CALLBACK_V3);
		for (String no : unpaid) {
			assertThat(finalStates.get(no).status()).as(no).isEqualTo(PaymentStatus.CLOSED);
			assertThat(finalStates.get(no).closeReason()).isEqualTo(OrderPayment.CLOSED_EXPIRED);
			assertThat(sandbox.control().groundTruth(MCHID, no).tradeState()).isEqualTo("CLOSED");
		}
		assertThat(finalStates.get(neverPlaced).status()).isEqualTo(PaymentStatus.CLOSED);
		assertThat(finalStates.get(neverPlaced).closeReason()).isEqualTo(OrderPayment.CLOSED_NEVER_PLACED);

		// the repeated callback was delivered and changed nothing
		assertThat(sandbox.control().callbacks(repeated)).hasSizeGreaterThanOrEqualTo(2);
		List<KeyValue<String, OrderPaymentState>> history = broker.readAll(Topic.ORDER_STATE);
		assertThat(history.stream()
			.filter((kv) -> kv.key.equals(MCHID + "@" + repeated) && kv.value.status() == PaymentStatus.PAID)
			.map((kv) -> kv.value.paidAt())).containsExactly(finalStates.get(repeated).paidAt());
		// every transition once, in order
		Map<String, List<Long>> versions = new HashMap<>();
		history.stream()
			.filter((kv) -> kv.key.startsWith(MCHID + "@") && all.contains(MerchantKey.parse(kv.key).number()))
			.forEach((kv) -> versions.computeIfAbsent(kv.key, (k) -> new ArrayList<>()).add(kv.value.version()));
		versions.forEach((no, v) -> assertThat(v).as(no)
			.isEqualTo(java.util.stream.LongStream.rangeClosed(1, v.size()).boxed().toList()));

		// the Kafka Streams metrics reach Prometheus: those the Grafana dashboard shows
		// (process rate, lag, commit latency)
		HttpResponse<String> prometheus = get("/actuator/prometheus");
		assertThat(prometheus.statusCode()).isEqualTo(200);
		assertThat(prometheus.body()).contains("kafka_stream_thread_process_rate",
				"kafka_stream_thread_commit_latency_avg", "kafka_consumer_fetch_manager_records_lag_max",
				"application_id=\"");

		// interactive query
		HttpResponse<String> found = get("/orders/" + paid.get(0) + "?mchid=" + MCHID);
		assertThat(found.statusCode()).isEqualTo(200);
		assertThat(Json.mapper().readValue(found.body(), OrderPaymentState.class))
			.isEqualTo(finalStates.get(paid.get(0)));
		assertThat(get("/orders/NO-SUCH-ORDER?mchid=" + MCHID).statusCode()).isEqualTo(404);
		// another merchant's order: this caller may not even ask
		assertThat(get("/orders/" + paid.get(0) + "?mchid=1900000999").statusCode()).isEqualTo(403);
		HttpResponse<String> withoutMerchant = get("/orders/" + paid.get(0));
		assertThat(withoutMerchant.statusCode()).isEqualTo(400);
		assertThat(Json.mapper().readTree(withoutMerchant.body()).get("code").asString()).isEqualTo("PARAM_ERROR");

		// the unreadable order event went to the dead letters, with its reason
		List<ConsumerRecord<String, byte[]>> deadLetters = broker.readRecords(Topic.DEAD_LETTERS.topicName(),
				new ByteArrayDeserializer(), 1, Duration.ofSeconds(30));
		assertThat(deadLetters).anySatisfy((r) -> {
			assertThat(r.key()).isEqualTo(MCHID + "@BAD-" + run);
			assertThat(new String(r.headers().lastHeader(DeadLetterHandler.REASON).value(), StandardCharsets.UTF_8))
				.startsWith("Cannot read OrderEvent");
		});
	}

	static void assertPaidAsAtWechat(OrderPaymentState state, NotificationSource source) {
		OrderTruth truth = sandbox.control().groundTruth(MCHID, state.outTradeNo());
		assertThat(state.status()).as(state.outTradeNo()).isEqualTo(PaymentStatus.PAID);
		assertThat(state.paidSource()).as(state.outTradeNo()).isEqualTo(source);
		assertThat(state.transactionId()).isEqualTo(truth.transactionId());
		assertThat(state.paidAt()).isEqualTo(truth.successTime().toInstant());
		assertThat(state.paidAmount()).isEqualTo(truth.paidAmount());
	}

	static Map<String, OrderPaymentState> awaitFinal(List<String> orders, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		Map<String, OrderPaymentState> latest = Map.of();
		while (System.nanoTime() - deadline < 0) {
			List<KeyValue<String, OrderPaymentState>> states = broker.readAll(Topic.ORDER_STATE);
			latest = ofThisMerchant(KafkaTestBroker.latestByKey(states));
			Map<String, OrderPaymentState> seen = latest;
			if (orders.stream()
				.allMatch((no) -> seen.containsKey(no) && (seen.get(no).status() == PaymentStatus.PAID
						|| seen.get(no).status() == PaymentStatus.CLOSED))) {
				return latest;
			}
			Thread.sleep(500);
		}
		Map<String, OrderPaymentState> seen = latest;
		throw new AssertionError("Not final within " + timeout + ": "
				+ orders.stream()
					.map((no) -> no + "=" + (seen.containsKey(no) ? seen.get(no).status() : "-"))
					.toList());
	}

	@Test
	void closesEveryOrderThatExpiredDuringAWechatOutageOnceWechatRecoversAndSaysWhichOnesWaited() throws Exception {
		String run = Long.toString(System.currentTimeMillis() % 100000);
		List<String> unpaid = List.of("O1-" + run, "O2-" + run, "O3-" + run);
		String paidMeanwhile = "OP-" + run;
		// WeChat's query and close answer 500 SYSTEM_ERROR for 25 s, from before the
		// orders expire (3 s after creation) until several checks have gone unanswered
		sandbox.control()
			.outage(MCHID, ApiEndpoint.QUERY_BY_OUT_TRADE_NO, ApiOutage.SYSTEM_ERROR, Duration.ofSeconds(25));
		sandbox.control().outage(MCHID, ApiEndpoint.CLOSE, ApiOutage.SYSTEM_ERROR, Duration.ofSeconds(25));
		for (String no : unpaid) {
			place(no, 990);
		}
		place(paidMeanwhile, 1250);
		sandbox.control().pay(MCHID, paidMeanwhile);

		List<String> all = new ArrayList<>(unpaid);
		all.add(paidMeanwhile);
		Map<String, OrderPaymentState> finalStates;
		try {
			finalStates = awaitFinal(all, Duration.ofSeconds(120));
		}
		finally {
			sandbox.control().clearOutages();
		}

		for (String no : unpaid) {
			assertThat(finalStates.get(no).status()).as(no).isEqualTo(PaymentStatus.CLOSED);
			assertThat(finalStates.get(no).closeReason()).as(no).isEqualTo(OrderPayment.CLOSED_EXPIRED);
			assertThat(finalStates.get(no).expiryChecks()).as(no).isGreaterThanOrEqualTo(3);
			assertThat(sandbox.control().groundTruth(MCHID, no).tradeState()).as(no).isEqualTo("CLOSED");
		}
		assertPaidAsAtWechat(finalStates.get(paidMeanwhile), NotificationSource.CALLBACK_V3);
		// each order that waited is reported once, and once more when WeChat answered
		Map<String, List<PaymentAnomaly>> anomalies = awaitAnomalies(unpaid, 2, Duration.ofSeconds(30));
		for (String no : unpaid) {
			assertThat(anomalies.get(no)).as(no)
				.extracting(PaymentAnomaly::anomalyId, PaymentAnomaly::type, PaymentAnomaly::action)
				.containsExactlyInAnyOrder(
						tuple("QUERY_UNANSWERED:" + MCHID + "@" + no, AnomalyType.QUERY_UNANSWERED,
								SuggestedAction.REVIEW),
						tuple("QUERY_UNANSWERED:" + MCHID + "@" + no + ":answered", AnomalyType.QUERY_UNANSWERED,
								SuggestedAction.NONE));
		}
	}

	static Map<String, List<PaymentAnomaly>> awaitAnomalies(List<String> orders, int each, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Map<String, List<PaymentAnomaly>> byOrder = new HashMap<>();
			broker.<PaymentAnomaly>readAll(Topic.ANOMALIES)
				.stream()
				.filter((kv) -> kv.value.mchid().equals(MCHID))
				.forEach(
						(kv) -> byOrder.computeIfAbsent(kv.value.outTradeNo(), (k) -> new ArrayList<>()).add(kv.value));
			boolean complete = orders.stream().allMatch((no) -> byOrder.getOrDefault(no, List.of()).size() >= each);
			if (complete || System.nanoTime() - deadline > 0) {
				return byOrder;
			}
			Thread.sleep(500);
		}
	}

	/** The latest states of {@link #MCHID}'s orders, by out_trade_no. */
	static Map<String, OrderPaymentState> ofThisMerchant(Map<String, OrderPaymentState> byKey) {
		Map<String, OrderPaymentState> mine = new HashMap<>();
		byKey.forEach((key, state) -> {
			MerchantKey order = MerchantKey.parse(key);
			if (order.mchid().equals(MCHID)) {
				mine.put(order.number(), state);
			}
		});
		return mine;
	}

	static void place(String outTradeNo, long amount) {
		PrepayRequest request = new PrepayRequest();
		request.setAppid(APPID);
		request.setMchid(MCHID);
		request.setDescription("Demo");
		request.setOutTradeNo(outTradeNo);
		request.setNotifyUrl(bridge.url());
		request.setTimeExpire(OffsetDateTime.now(ZoneOffset.ofHours(8)).plusMinutes(10).withNano(0).toString());
		Amount total = new Amount();
		total.setTotal((int) amount);
		total.setCurrency("CNY");
		request.setAmount(total);
		Payer payer = new Payer();
		payer.setOpenid("oDemoOpenid01");
		request.setPayer(payer);
		jsapi.prepay(request);
		broker.send(Topic.ORDER_EVENTS, MerchantKey.encode(MCHID, outTradeNo), created(outTradeNo, amount));
	}

	static OrderEvent created(String outTradeNo, long amount) {
		Instant now = Instant.now();
		// payable for 3 s here: the expiry check comes then (the close waits for 2 s
		// after creation in this test instead of WeChat's 5 min)
		return OrderEvent.created(MCHID, outTradeNo, "SO-" + outTradeNo, amount, "Demo", now, now.plusSeconds(3));
	}

	static HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
				.header("Authorization", "Bearer " + StreamAppRunner.CALLER_KEY)
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
