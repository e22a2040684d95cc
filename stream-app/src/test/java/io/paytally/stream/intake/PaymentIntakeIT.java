package io.paytally.stream.intake;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import io.paytally.sandbox.OrderTruth;
import io.paytally.sandbox.Sandbox;
import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.topics.Topic;
import io.paytally.stream.intake.prepay.PrepayCall;
import io.paytally.stream.intake.prepay.SdkWechatPrepay;
import io.paytally.stream.intake.prepay.TradeType;
import io.paytally.stream.intake.prepay.WechatPrepay;
import io.paytally.stream.intake.prepay.WechatRefusedOrder;
import io.paytally.testkit.KafkaTestBroker;
import io.paytally.testkit.MutableClock;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static io.paytally.stream.intake.IntakeHarness.MCHID;
import static io.paytally.stream.intake.IntakeHarness.get;
import static io.paytally.stream.intake.IntakeHarness.post;
import static io.paytally.stream.intake.IntakeHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake API over HTTP against the sandbox (through the SDK) and the in-JVM broker,
 * with the stream's state stood in for by {@link EventSourcedStates}.
 */
class PaymentIntakeIT {

	private static final Duration READ = Duration.ofSeconds(30);

	/** The RFC 3339 form of time_expire, in Beijing time as WeChat's examples. */
	private static final DateTimeFormatter TIME_EXPIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
		.withZone(ZoneOffset.ofHours(8));

	static KafkaTestBroker broker;

	static MutableClock clock;

	static Sandbox sandbox;

	static EventSourcedStates states;

	static ConfigurableApplicationContext context;

	static URI base;

	@BeforeAll
	static void start() {
		broker = KafkaTestBroker.startInJvm();
		clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		sandbox = IntakeHarness.startSandbox(clock);
		states = new EventSourcedStates(broker.consumerProperties(KafkaTestBroker.uniqueName("intake-states")));
		context = new SpringApplicationBuilder(IntakeItApplication.class).properties("spring.config.name=intake-it")
			.initializers(IntakeHarness.overriding(withShortTimeouts(IntakeHarness.properties(sandbox, broker))),
					(ctx) -> {
						ctx.getBeanFactory().registerSingleton("testClock", clock);
						ctx.getBeanFactory().registerSingleton("eventSourcedStates", states);
					})
			.run();
		base = IntakeHarness.baseUri(context.getEnvironment());
	}

	private static Map<String, Object> withShortTimeouts(Map<String, Object> properties) {
		properties.put("paytally.intake.publish-timeout", "2s");
		// a time_expire too near for a new payment order is refused after this wait for
		// a creation under way (none here)
		properties.put("paytally.intake.in-flight-wait", "500ms");
		return properties;
	}

	@AfterAll
	static void stop() throws Exception {
		if (context != null) {
			context.close();
		}
		if (states != null) {
			states.close();
		}
		if (sandbox != null) {
			sandbox.close();
		}
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void createsOnePaymentOrderAndRepeatsItForTheSameRequest() {
		Instant now = clock.instant();

		IntakeHarness.Reply first = post(base, request("REPEAT-0001", 1250));
		IntakeHarness.Reply again = post(base, request("REPEAT-0001", 1250));

		assertThat(first.status()).isEqualTo(201);
		String codeUrl = (String) first.json().get("code_url");
		assertThat(codeUrl).startsWith("weixin://wxpay/bizpayurl?pr=");
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("mchid", MCHID);
		expected.put("merchant_order_no", "REPEAT-0001");
		expected.put("out_trade_no", "REPEAT-0001-1");
		expected.put("attempt", 1);
		expected.put("created", true);
		expected.put("amount", 1250);
		expected.put("description", "Demo A");
		expected.put("trade_type", "NATIVE");
		expected.put("created_at", now.toString());
		expected.put("time_expire", now.plus(Duration.ofHours(2)).toString());
		expected.put("prepay_expires_at", now.plus(Duration.ofHours(2)).toString());
		expected.put("code_url", codeUrl);
		assertThat(first.json()).isEqualTo(expected);
		expected.put("created", false);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json()).isEqualTo(expected);
		OrderEvent created = OrderEvent.created(MCHID, "REPEAT-0001-1", "REPEAT-0001", 1250, "Demo A", now,
				now.plus(Duration.ofHours(2)));
		assertThat(events("REPEAT-0001-1")).containsExactly(created);
		assertThat(truths("REPEAT-0001"))
			.extracting(OrderTruth::outTradeNo, OrderTruth::tradeState, OrderTruth::amountTotal)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("REPEAT-0001-1", "NOTPAY", 1250L));
	}

	@Test
	void concurrentIdenticalRequestsCreateOnePaymentOrder() throws Exception {
		List<IntakeHarness.Reply> replies = inParallel(16, () -> post(base, request("RACE-0001", 880)));

		assertThat(replies).extracting(IntakeHarness.Reply::status).containsOnly(200, 201);
		assertThat(replies).filteredOn((r) -> r.status() == 201).hasSize(1);
		assertThat(replies).extracting((r) -> r.json().get("out_trade_no")).containsOnly("RACE-0001-1");
		assertThat(replies).extracting((r) -> r.json().get("code_url"))
			.containsOnly(replies.get(0).json().get("code_url"));
		assertThat(events("RACE-0001-1")).hasSize(1);
		assertThat(broker.<OrderEvent>readAll(Topic.ORDER_EVENTS)
			.stream()
			.filter((kv) -> kv.value.merchantOrderNo() != null && kv.value.merchantOrderNo().equals("RACE-0001"))
			.map((kv) -> kv.key)
			.distinct()).containsExactly(MCHID + "@RACE-0001-1");
		assertThat(truths("RACE-0001")).extracting(OrderTruth::outTradeNo).containsExactly("RACE-0001-1");
	}

	@Test
	void reclickAfterThePrepayExpiredStillPaysTheSameOutTradeNo() {
		Instant createdAt = clock.instant();
		Map<String, Object> request = withExpiry(request("RECLICK-0001", 4200), createdAt.plus(Duration.ofDays(1)));
		IntakeHarness.Reply first = post(base, request);
		// two hours later the order's state is long in the store, as it is in production
		awaitState("RECLICK-0001-1");

		clock.advance(Duration.ofHours(2).plusMinutes(1));
		Instant later = clock.instant();
		IntakeHarness.Reply reclick = post(base, request);
		OrderTruth paid = sandbox.control().pay(MCHID, "RECLICK-0001-1");

		assertThat(first.status()).isEqualTo(201);
		assertThat(first.json()).containsEntry("prepay_expires_at", createdAt.plus(Duration.ofHours(2)).toString());
		assertThat(reclick.status()).isEqualTo(200);
		assertThat(reclick.json()).containsEntry("out_trade_no", "RECLICK-0001-1")
			.containsEntry("created_at", createdAt.toString())
			.containsEntry("time_expire", createdAt.plus(Duration.ofDays(1)).toString())
			.containsEntry("prepay_expires_at", later.plus(Duration.ofHours(2)).toString())
			.containsKey("code_url");
		assertThat(paid.tradeState()).isEqualTo("SUCCESS");
		assertThat(truths("RECLICK-0001")).extracting(OrderTruth::outTradeNo, OrderTruth::tradeState)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("RECLICK-0001-1", "SUCCESS"));
	}

	@Test
	void brokerOutageDuringThePublishIs503AndTheRetryCreatesOnePaymentOrder() {
		IntakeHarness.Reply duringOutage;
		List<OrderTruth> atWechatDuringOutage;
		broker.stop();
		try {
			duringOutage = post(base, request("OUTAGE-0001", 1250));
			atWechatDuringOutage = truths("OUTAGE-0001");
		}
		finally {
			broker.restart();
		}
		clock.advance(Duration.ofMinutes(2));
		Instant retriedAt = clock.instant();
		IntakeHarness.Reply retried = post(base, request("OUTAGE-0001", 1250));
		IntakeHarness.Reply again = post(base, request("OUTAGE-0001", 1250));

		assertThat(duringOutage.status()).isEqualTo(503);
		assertThat(duringOutage.retryAfter()).isEqualTo("30");
		assertThat(duringOutage.json()).isEqualTo(Map.of("code", "EVENT_NOT_ACKNOWLEDGED", "message",
				"orders.events did not acknowledge the creation of OUTAGE-0001-1; retry the same request",
				"out_trade_no", "OUTAGE-0001-1"));
		assertThat(atWechatDuringOutage).isEmpty();
		assertThat(retried.status()).isEqualTo(201);
		assertThat(retried.json()).containsEntry("out_trade_no", "OUTAGE-0001-1")
			.containsEntry("amount", 1250)
			.containsEntry("description", "Demo A")
			.containsEntry("created_at", retriedAt.toString())
			.containsEntry("time_expire", retriedAt.plus(Duration.ofHours(2)).toString());
		assertThat(again.status()).isEqualTo(200);
		assertThat(withoutCreated(again.json())).isEqualTo(withoutCreated(retried.json()));
		assertThat(events("OUTAGE-0001-1")).containsExactly(OrderEvent.created(MCHID, "OUTAGE-0001-1", "OUTAGE-0001",
				1250, "Demo A", retriedAt, retriedAt.plus(Duration.ofHours(2))));
		assertThat(truths("OUTAGE-0001"))
			.extracting(OrderTruth::outTradeNo, OrderTruth::tradeState, OrderTruth::amountTotal, OrderTruth::notifyUrl)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("OUTAGE-0001-1", "NOTPAY", 1250L,
					"http://127.0.0.1:9/wechatpay/v3/notify/" + MCHID));
	}

	@Test
	void instanceKilledAfterPublishingTheCreationIsContinuedByTheRetry() {
		Instant createdAt = clock.instant();
		PaymentIntake dying = intake(context.getBean(SdkWechatPrepay.class), (event) -> {
			context.getBean(KafkaOrderEvents.class).publish(event);
			throw new PaymentIntakeTest.InstanceDied();
		});

		org.assertj.core.api.Assertions.assertThatExceptionOfType(PaymentIntakeTest.InstanceDied.class)
			.isThrownBy(() -> dying.pay(paymentRequest("KILLED-0001")));
		List<OrderTruth> atWechatAfterTheCrash = truths("KILLED-0001");
		awaitState("KILLED-0001-1");
		clock.advance(Duration.ofMinutes(3));
		IntakeHarness.Reply retried = post(base, request("KILLED-0001", 1250));
		IntakeHarness.Reply again = post(base, request("KILLED-0001", 1250));

		assertThat(atWechatAfterTheCrash).isEmpty();
		assertThat(retried.status()).isEqualTo(200);
		assertThat(retried.json()).containsEntry("out_trade_no", "KILLED-0001-1")
			.containsEntry("created", false)
			.containsEntry("created_at", createdAt.toString())
			.containsEntry("time_expire", createdAt.plus(Duration.ofHours(2)).toString())
			.containsKey("code_url");
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json()).isEqualTo(retried.json());
		assertThat(events("KILLED-0001-1")).containsExactly(OrderEvent.created(MCHID, "KILLED-0001-1", "KILLED-0001",
				1250, "Demo A", createdAt, createdAt.plus(Duration.ofHours(2))));
		assertThat(truths("KILLED-0001")).extracting(OrderTruth::outTradeNo, OrderTruth::tradeState)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("KILLED-0001-1", "NOTPAY"));
	}

	@Test
	void instanceKilledBetweenPrepayAndAnswerIsContinuedByTheRetryWithTheSameTimeExpire() {
		Instant createdAt = clock.instant();
		SdkWechatPrepay sdk = context.getBean(SdkWechatPrepay.class);
		PaymentIntake dying = intake((call) -> {
			sdk.prepay(call);
			throw new PaymentIntakeTest.InstanceDied();
		}, context.getBean(KafkaOrderEvents.class));

		org.assertj.core.api.Assertions.assertThatExceptionOfType(PaymentIntakeTest.InstanceDied.class)
			.isThrownBy(() -> dying.pay(paymentRequest("PREPAID-0001")));
		List<OrderTruth> atWechatAfterTheCrash = truths("PREPAID-0001");
		clock.advance(Duration.ofMinutes(3));
		IntakeHarness.Reply retried = post(base, request("PREPAID-0001", 1250));
		PrepayCall otherExpiry = new PrepayCall(MCHID, "PREPAID-0001-1", "Demo A", 1250, TradeType.NATIVE, null,
				clock.instant().plus(Duration.ofHours(2)), "http://127.0.0.1:9/wechatpay/v3/notify/" + MCHID);

		assertThat(atWechatAfterTheCrash).extracting(OrderTruth::outTradeNo, OrderTruth::tradeState)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("PREPAID-0001-1", "NOTPAY"));
		assertThat(retried.status()).isEqualTo(200);
		assertThat(retried.json()).containsEntry("out_trade_no", "PREPAID-0001-1")
			.containsEntry("created_at", createdAt.toString())
			.containsEntry("time_expire", createdAt.plus(Duration.ofHours(2)).toString())
			.containsKey("code_url");
		org.assertj.core.api.Assertions.assertThatExceptionOfType(WechatRefusedOrder.class)
			.isThrownBy(() -> sdk.prepay(otherExpiry))
			.extracting(WechatRefusedOrder::kind)
			.isEqualTo(WechatRefusedOrder.Kind.OTHER_PARAMETERS);
		assertThat(events("PREPAID-0001-1")).hasSize(1);
		assertThat(truths("PREPAID-0001")).extracting(OrderTruth::outTradeNo, OrderTruth::tradeState)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("PREPAID-0001-1", "NOTPAY"));
	}

	/** A second intake instance in this JVM, sharing the application's settings. */
	private static PaymentIntake intake(WechatPrepay wechat, OrderEvents events) {
		IntakeProperties settings = context.getBean(IntakeProperties.class);
		return new PaymentIntake(settings, new PaymentRequestValidator(MCHID::equals), states, wechat, events,
				IntakeConfiguration.notifyUrls(settings, context.getBean(io.paytally.wechat.WechatPayProperties.class)),
				clock);
	}

	private static PaymentRequest paymentRequest(String merchantOrderNo) {
		return new PaymentRequest(MCHID, merchantOrderNo, 1250L, "Demo A", "NATIVE", null, null);
	}

	private static Map<String, Object> withoutCreated(Map<String, Object> reply) {
		Map<String, Object> copy = new LinkedHashMap<>(reply);
		copy.remove("created");
		return copy;
	}

	@Test
	void paidMerchantOrderRefusesANewPayment() {
		post(base, request("PAID-0001", 1250));
		sandbox.control().pay(MCHID, "PAID-0001-1");

		IntakeHarness.Reply wechatSaysPaid = post(base, request("PAID-0001", 1250));
		states.mark("PAID-0001-1", PaymentStatus.PAID);
		IntakeHarness.Reply stateSaysPaid = post(base, request("PAID-0001", 1250));

		Map<String, Object> alreadyPaid = Map.of("code", "ALREADY_PAID", "message",
				"merchant order PAID-0001 is already paid (out_trade_no PAID-0001-1)", "out_trade_no", "PAID-0001-1");
		assertThat(wechatSaysPaid.status()).isEqualTo(409);
		assertThat(wechatSaysPaid.json()).isEqualTo(alreadyPaid);
		assertThat(stateSaysPaid.status()).isEqualTo(409);
		assertThat(stateSaysPaid.json()).isEqualTo(alreadyPaid);
		assertThat(events("PAID-0001-1")).hasSize(1);
		assertThat(truths("PAID-0001")).extracting(OrderTruth::outTradeNo).containsExactly("PAID-0001-1");
	}

	@Test
	void sameMerchantOrderWithAnotherAmountIsAConflictAndChangesNothing() {
		post(base, request("AMOUNT-0001", 1250));

		IntakeHarness.Reply other = post(base, request("AMOUNT-0001", 999));

		assertThat(other.status()).isEqualTo(409);
		assertThat(other.json())
			.isEqualTo(
					Map.of("code", "PAYMENT_DATA_CONFLICT", "message",
							"merchant order AMOUNT-0001 was already ordered with other data: "
									+ "payment order AMOUNT-0001-1 has amount 1250 fen",
							"out_trade_no", "AMOUNT-0001-1"));
		assertThat(events("AMOUNT-0001-1")).hasSize(1);
		assertThat(truths("AMOUNT-0001")).extracting(OrderTruth::amountTotal).containsExactly(1250L);
	}

	@Test
	void closedAttemptGetsANewOneAndTheOldStaysListed() {
		post(base, request("CLOSED-0001", 1250));
		new NativePayService.Builder().httpClient(IntakeHarness.wechatClients(sandbox).httpClient())
			.build()
			.closeOrder(closeRequest("CLOSED-0001-1"));
		states.mark("CLOSED-0001-1", PaymentStatus.CLOSED);

		IntakeHarness.Reply second = post(base, request("CLOSED-0001", 1250));
		OrderTruth latePayment = sandbox.control().payAfterClose(MCHID, "CLOSED-0001-1");
		IntakeHarness.Reply listed = get(base, "/payments/CLOSED-0001?mchid=" + MCHID);

		assertThat(second.status()).isEqualTo(201);
		assertThat(second.json()).containsEntry("out_trade_no", "CLOSED-0001-2").containsEntry("attempt", 2);
		assertThat(latePayment.tradeState()).isEqualTo("SUCCESS");
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.json()).containsEntry("paid", false);
		assertThat((List<Map<String, Object>>) listed.json().get("payment_orders"))
			.extracting((o) -> o.get("out_trade_no"), (o) -> o.get("attempt"), (o) -> o.get("status"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("CLOSED-0001-1", 1, "CLOSED"),
					org.assertj.core.groups.Tuple.tuple("CLOSED-0001-2", 2, "PENDING"));
		assertThat(truths("CLOSED-0001")).extracting(OrderTruth::outTradeNo, OrderTruth::tradeState)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("CLOSED-0001-1", "SUCCESS"),
					org.assertj.core.groups.Tuple.tuple("CLOSED-0001-2", "NOTPAY"));
	}

	@Test
	void jsapiAnswersSignedPayParametersForTheSamePrepay() throws Exception {
		Map<String, Object> request = request("JSAPI-0001", 1250);
		request.put("trade_type", "JSAPI");
		request.put("payer_openid", "oDemoOpenid01");

		IntakeHarness.Reply first = post(base, request);
		IntakeHarness.Reply again = post(base, request);

		assertThat(first.status()).isEqualTo(201);
		@SuppressWarnings("unchecked")
		Map<String, Object> jsapi = (Map<String, Object>) first.json().get("jsapi");
		assertThat(jsapi).containsOnlyKeys("appId", "timeStamp", "nonceStr", "package", "signType", "paySign")
			.containsEntry("appId", IntakeHarness.APPID)
			.containsEntry("signType", "RSA");
		assertThat((String) jsapi.get("package")).startsWith("prepay_id=wx");
		assertThat(first.json()).doesNotContainKey("code_url");
		String signed = jsapi.get("appId") + "\n" + jsapi.get("timeStamp") + "\n" + jsapi.get("nonceStr") + "\n"
				+ jsapi.get("package") + "\n";
		Signature verifier = Signature.getInstance("SHA256withRSA");
		verifier.initVerify(merchantPublicKey());
		verifier.update(signed.getBytes(StandardCharsets.UTF_8));
		assertThat(verifier.verify(Base64.getDecoder().decode((String) jsapi.get("paySign")))).isTrue();
		assertThat(again.status()).isEqualTo(200);
		assertThat(((Map<?, ?>) again.json().get("jsapi")).get("package")).isEqualTo(jsapi.get("package"));
	}

	@Test
	void invalidRequestsAre400WithEveryFieldAndReason() {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("mchid", "1900000009");
		request.put("merchant_order_no", "BAD-0001");
		request.put("amount", 0);
		request.put("description", "x".repeat(128));
		request.put("trade_type", "JSAPI");

		IntakeHarness.Reply invalid = post(base, request);
		IntakeHarness.Reply wrongType = post(base, "{\"mchid\":\"1900000001\",\"amount\":\"twelve\"}");
		IntakeHarness.Reply tooSoon = post(base, withExpiry(request("BAD-0002", 1), clock.instant().plusSeconds(30)));

		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.json()).isEqualTo(Map.of("code", "INVALID_REQUEST", "message",
				"mchid: merchant 1900000009 is not served here; amount: must be at least 1 fen, was 0; "
						+ "description: must have at most 127 characters, has 128; payer_openid: is required for JSAPI",
				"errors",
				List.of(Map.of("field", "mchid", "reason", "merchant 1900000009 is not served here"),
						Map.of("field", "amount", "reason", "must be at least 1 fen, was 0"),
						Map.of("field", "description", "reason", "must have at most 127 characters, has 128"),
						Map.of("field", "payer_openid", "reason", "is required for JSAPI"))));
		assertThat(wrongType.status()).isEqualTo(400);
		assertThat(wrongType.json())
			.isEqualTo(Map.of("code", "INVALID_REQUEST", "message", "amount: has the wrong type", "errors",
					List.of(Map.of("field", "amount", "reason", "has the wrong type"))));
		assertThat(tooSoon.status()).isEqualTo(400);
		assertThat(((List<?>) tooSoon.json().get("errors")).stream()
			.map((e) -> (Object) ((Map<?, ?>) e).get("field"))
			.toList()).containsExactly("time_expire");
		assertThat(truths("BAD-000")).isEmpty();
	}

	@Test
	void unknownMerchantOrderIsNotFoundAndTheMerchantIsRequired() {
		IntakeHarness.Reply unknown = get(base, "/payments/NEVER-0001?mchid=" + MCHID);
		IntakeHarness.Reply noMerchant = get(base, "/payments/NEVER-0001");

		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json()).isEqualTo(Map.of("code", "NOT_FOUND", "message",
				"merchant order NEVER-0001 of merchant 1900000001 has no payment order"));
		assertThat(noMerchant.status()).isEqualTo(400);
		assertThat(noMerchant.json()).isEqualTo(Map.of("code", "INVALID_REQUEST", "message", "mchid: is required",
				"errors", List.of(Map.of("field", "mchid", "reason", "is required"))));
	}

	private static Map<String, Object> withExpiry(Map<String, Object> request, Instant timeExpire) {
		request.put("time_expire", TIME_EXPIRE.format(timeExpire));
		return request;
	}

	private static CloseOrderRequest closeRequest(String outTradeNo) {
		CloseOrderRequest close = new CloseOrderRequest();
		close.setMchid(MCHID);
		close.setOutTradeNo(outTradeNo);
		return close;
	}

	private static List<OrderEvent> events(String outTradeNo) {
		List<KeyValue<String, OrderEvent>> all = broker.readAll(Topic.ORDER_EVENTS, 0, READ);
		return all.stream().filter((kv) -> (MCHID + "@" + outTradeNo).equals(kv.key)).map((kv) -> kv.value).toList();
	}

	private static List<OrderTruth> truths(String outTradeNoPrefix) {
		return sandbox.control()
			.groundTruth(MCHID)
			.stream()
			.filter((t) -> t.outTradeNo().startsWith(outTradeNoPrefix))
			.toList();
	}

	private static PublicKey merchantPublicKey() throws Exception {
		String pem = sandbox.merchant(MCHID).privateKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		KeyFactory rsa = KeyFactory.getInstance("RSA");
		RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa
			.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
		return rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
	}

	static <T> List<T> inParallel(int n, java.util.concurrent.Callable<T> task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(n);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				futures.add(pool.submit(() -> {
					start.await();
					return task.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(120, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static void awaitState(String outTradeNo) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (states.find(MCHID, outTradeNo).isEmpty()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("No state for " + outTradeNo + " after 60 s");
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

}
