package io.paytally.stream.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStatus;
import io.paytally.stream.intake.order.AlreadyPaid;
import io.paytally.stream.intake.order.Attempt;
import io.paytally.stream.intake.order.AttemptClosing;
import io.paytally.stream.intake.order.PaymentDataConflict;
import io.paytally.stream.intake.prepay.PayParameters;
import io.paytally.stream.intake.prepay.PrepayCall;
import io.paytally.stream.intake.prepay.TradeType;
import io.paytally.stream.intake.prepay.WechatPrepay;
import io.paytally.stream.intake.prepay.WechatRefusedOrder;
import io.paytally.testkit.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The intake against a WeChat that behaves like WeChat on repeated prepays and a state
 * store that applies OrderCreated like the stream (first creation wins).
 */
class PaymentIntakeTest {

	private static final String MCHID = "1900000001";

	private static final String ORDER = "ORDER20261123001";

	private static final Instant NOW = Instant.parse("2026-11-23T04:00:00.400Z");

	private final FakeWechat wechat = new FakeWechat();

	private final FakeStream stream = new FakeStream();

	@Test
	void createsOnePaymentOrderAndPublishesItsCreation() {
		PaymentResult result = intake(Clock.fixed(NOW, ZoneOffset.UTC)).pay(nativeRequest(1250L));

		Instant createdAt = Instant.parse("2026-11-23T04:00:00Z");
		assertThat(result.attempt())
			.isEqualTo(new Attempt(1, ORDER + "-1", createdAt, Instant.parse("2026-11-23T06:00:00Z"), true));
		assertThat(result.payParameters()).isEqualTo(PayParameters.nativePay("weixin://wxpay/bizpayurl?pr=1"));
		assertThat(result.prepayExpiresAt()).isEqualTo(Instant.parse("2026-11-23T06:00:00Z"));
		assertThat(this.stream.published).containsExactly(OrderEvent.created(MCHID, ORDER + "-1", ORDER, 1250, "Demo A",
				createdAt, Instant.parse("2026-11-23T06:00:00Z")));
		assertThat(this.wechat.calls).containsExactly(new PrepayCall(MCHID, ORDER + "-1", "Demo A", 1250,
				TradeType.NATIVE, null, Instant.parse("2026-11-23T06:00:00Z"), "https://pay.example/notify/" + MCHID));
	}

	@Test
	void sendsNothingToWechatUntilTheStoreShowsTheCreationAndTheRetryAdoptsIt() {
		this.stream.applyCreations = false;
		MutableClock clock = new MutableClock(NOW);
		PaymentIntake intake = intake(clock, shortStateWait());

		assertThatExceptionOfType(CreationNotYetApplied.class).isThrownBy(() -> intake.pay(nativeRequest(1250L)));
		assertThat(this.wechat.calls).isEmpty();
		this.stream.catchUp();
		clock.advance(Duration.ofMinutes(3));
		PaymentResult retried = intake.pay(nativeRequest(1250L));

		Instant createdAt = Instant.parse("2026-11-23T04:00:00Z");
		assertThat(retried.attempt())
			.isEqualTo(new Attempt(1, ORDER + "-1", createdAt, Instant.parse("2026-11-23T06:00:00Z"), false));
		assertThat(this.wechat.calls).extracting(PrepayCall::timeExpire)
			.containsExactly(Instant.parse("2026-11-23T06:00:00Z"));
		assertThat(this.stream.published).hasSize(1);
	}

	@Test
	void repeatTooNearForANewOrderAdoptsTheCreationTheLaggingStoreAppliesWhileItWaits() {
		this.stream.creationDelay = Duration.ofSeconds(1);
		MutableClock clock = new MutableClock(NOW);
		PaymentIntake intake = intake(clock, waits(Duration.ofMillis(100), Duration.ofSeconds(5)));
		assertThatExceptionOfType(CreationNotYetApplied.class).isThrownBy(() -> intake.pay(expiringRequest(1250L)));

		clock.advance(Duration.ofSeconds(20));
		PaymentResult repeated = intake.pay(expiringRequest(1250L));

		Instant createdAt = Instant.parse("2026-11-23T04:00:00Z");
		Instant expireAt = Instant.parse("2026-11-23T04:01:10Z");
		assertThat(repeated.attempt()).isEqualTo(new Attempt(1, ORDER + "-1", createdAt, expireAt, false));
		assertThat(this.wechat.calls).extracting(PrepayCall::outTradeNo, PrepayCall::timeExpire)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(ORDER + "-1", expireAt));
		assertThat(this.stream.published)
			.containsExactly(OrderEvent.created(MCHID, ORDER + "-1", ORDER, 1250, "Demo A", createdAt, expireAt));
	}

	@Test
	void repeatTooNearForANewOrderIsAskedToRetryWhileTheStoreStillLagsBehindTheCreationPublishedHere() {
		this.stream.applyCreations = false;
		MutableClock clock = new MutableClock(NOW);
		PaymentIntake intake = intake(clock, waits(Duration.ofMillis(100), Duration.ofMillis(300)));
		assertThatExceptionOfType(CreationNotYetApplied.class).isThrownBy(() -> intake.pay(expiringRequest(1250L)));

		clock.advance(Duration.ofSeconds(20));
		assertThatExceptionOfType(CreationNotYetApplied.class).isThrownBy(() -> intake.pay(expiringRequest(1250L)))
			.withMessage("the creation of payment order " + ORDER + "-1"
					+ " is not applied by the payment state yet; retry the same request");
		assertThat(this.wechat.calls).isEmpty();
		assertThat(this.stream.published).hasSize(1);

		this.stream.catchUp();
		clock.advance(Duration.ofSeconds(30));
		PaymentResult repeated = intake.pay(expiringRequest(1250L));

		assertThat(repeated.attempt()).isEqualTo(new Attempt(1, ORDER + "-1", Instant.parse("2026-11-23T04:00:00Z"),
				Instant.parse("2026-11-23T04:01:10Z"), false));
		assertThat(this.wechat.calls).hasSize(1);
		assertThat(this.stream.published).hasSize(1);
	}

	@Test
	void refusesATimeExpireTooNearForANewOrderWhenNoCreationOfItIsUnderWay() {
		MutableClock clock = new MutableClock(NOW.plusSeconds(20));
		PaymentIntake intake = intake(clock, waits(Duration.ofMillis(100), Duration.ofMillis(300)));

		assertThatExceptionOfType(InvalidPaymentRequest.class).isThrownBy(() -> intake.pay(expiringRequest(1250L)))
			.satisfies((ex) -> assertThat(ex.errors()).extracting(FieldError::field).containsExactly("time_expire"));
		assertThat(this.stream.published).isEmpty();
		assertThat(this.wechat.calls).isEmpty();
	}

	@Test
	void neverAdoptsACreationUnderWayForARepeatWithOtherData() {
		this.stream.applyCreations = false;
		MutableClock clock = new MutableClock(NOW);
		PaymentIntake intake = intake(clock, waits(Duration.ofMillis(100), Duration.ofMillis(300)));
		assertThatExceptionOfType(CreationNotYetApplied.class).isThrownBy(() -> intake.pay(expiringRequest(1250L)));
		clock.advance(Duration.ofSeconds(20));

		// not the same request: nothing says a creation of it is under way
		assertThatExceptionOfType(InvalidPaymentRequest.class).isThrownBy(() -> intake.pay(expiringRequest(999L)));
		this.stream.catchUp();
		assertThatExceptionOfType(PaymentDataConflict.class).isThrownBy(() -> intake.pay(expiringRequest(999L)));
		assertThat(this.wechat.calls).isEmpty();
		assertThat(this.stream.published).hasSize(1);
	}

	@Test
	void brokerOutageDuringThePublishLeavesNothingAndTheRetryCreatesOnePaymentOrder() {
		MutableClock clock = new MutableClock(NOW);
		PaymentIntake intake = intake(clock);
		this.stream.brokerDown = true;

		assertThatExceptionOfType(OrderEventNotAcknowledged.class).isThrownBy(() -> intake.pay(nativeRequest(1250L)));
		assertThat(this.wechat.calls).isEmpty();
		this.stream.brokerDown = false;
		clock.advance(Duration.ofMinutes(5));
		PaymentResult retried = intake.pay(nativeRequest(1250L));
		PaymentResult again = intake.pay(nativeRequest(1250L));

		Instant createdAt = Instant.parse("2026-11-23T04:05:00Z");
		Instant expireAt = Instant.parse("2026-11-23T06:05:00Z");
		assertThat(retried.attempt()).isEqualTo(new Attempt(1, ORDER + "-1", createdAt, expireAt, true));
		assertThat(again.attempt()).isEqualTo(new Attempt(1, ORDER + "-1", createdAt, expireAt, false));
		assertThat(this.wechat.orders()).containsOnlyKeys(ORDER + "-1");
		assertThat(this.wechat.calls).hasSize(2).allMatch((c) -> c.equals(this.wechat.calls.get(0)));
		assertThat(this.stream.published)
			.containsExactly(OrderEvent.created(MCHID, ORDER + "-1", ORDER, 1250, "Demo A", createdAt, expireAt));
	}

	@Test
	void instanceDyingAfterThePublishIsContinuedByAFreshInstanceWithTheSameData() {
		PaymentIntake dying = new PaymentIntake(IntakeProperties.defaults(), new PaymentRequestValidator(MCHID::equals),
				this.stream, this.wechat, (event) -> {
					this.stream.publish(event);
					throw new InstanceDied();
				}, (mchid) -> "https://pay.example/notify/" + mchid, Clock.fixed(NOW, ZoneOffset.UTC));
		assertThatExceptionOfType(InstanceDied.class).isThrownBy(() -> dying.pay(nativeRequest(1250L)));

		PaymentResult retried = intake(Clock.fixed(NOW.plus(Duration.ofMinutes(4)), ZoneOffset.UTC))
			.pay(nativeRequest(1250L));

		assertThat(retried.attempt()).isEqualTo(new Attempt(1, ORDER + "-1", Instant.parse("2026-11-23T04:00:00Z"),
				Instant.parse("2026-11-23T06:00:00Z"), false));
		assertThat(this.wechat.calls).extracting(PrepayCall::timeExpire)
			.containsExactly(Instant.parse("2026-11-23T06:00:00Z"));
		assertThat(this.stream.published).hasSize(1);
	}

	@Test
	void instanceDyingAfterThePrepayIsContinuedByAFreshInstanceWithTheSameData() {
		PaymentIntake dying = new PaymentIntake(IntakeProperties.defaults(), new PaymentRequestValidator(MCHID::equals),
				this.stream, (call) -> {
					this.wechat.prepay(call);
					throw new InstanceDied();
				}, this.stream, (mchid) -> "https://pay.example/notify/" + mchid, Clock.fixed(NOW, ZoneOffset.UTC));
		assertThatExceptionOfType(InstanceDied.class).isThrownBy(() -> dying.pay(nativeRequest(1250L)));

		PaymentResult retried = intake(Clock.fixed(NOW.plus(Duration.ofMinutes(4)), ZoneOffset.UTC))
			.pay(nativeRequest(1250L));

		assertThat(retried.attempt().isNew()).isFalse();
		assertThat(retried.payParameters()).isEqualTo(PayParameters.nativePay("weixin://wxpay/bizpayurl?pr=2"));
		assertThat(this.wechat.orders()).containsOnlyKeys(ORDER + "-1");
		assertThat(this.wechat.calls).hasSize(2).allMatch((c) -> c.equals(this.wechat.calls.get(0)));
		assertThat(this.stream.published).hasSize(1);
	}

	@Test
	void wechatHoldingTheOrderWithOtherParametersIsAConflict() {
		this.wechat.prepay(new PrepayCall(MCHID, ORDER + "-1", "Demo A", 1250, TradeType.NATIVE, null,
				Instant.parse("2026-11-23T05:00:00Z"), "https://pay.example/notify/" + MCHID));

		assertThatExceptionOfType(PaymentDataConflict.class)
			.isThrownBy(() -> intake(Clock.fixed(NOW, ZoneOffset.UTC)).pay(nativeRequest(1250L)))
			.withMessageContaining("WeChat holds payment order " + ORDER + "-1");
	}

	@Test
	void reissuesPayParametersForTheSameOutTradeNoAfterThePrepayExpired() {
		MutableClock clock = new MutableClock(NOW);
		PaymentIntake intake = intake(clock);
		PaymentRequest request = new PaymentRequest(MCHID, ORDER, 1250L, "Demo A", "NATIVE", null,
				"2026-11-24T12:00:00+08:00");

		PaymentResult first = intake.pay(request);
		clock.advance(Duration.ofHours(2).plusMinutes(1));
		PaymentResult later = intake.pay(request);

		assertThat(later.attempt().outTradeNo()).isEqualTo(first.attempt().outTradeNo());
		assertThat(later.payParameters()).isEqualTo(PayParameters.nativePay("weixin://wxpay/bizpayurl?pr=2"));
		assertThat(later.prepayExpiresAt()).isEqualTo(Instant.parse("2026-11-23T08:01:00.400Z"));
	}

	@Test
	void refusesAnotherAmountAndChangesNothing() {
		PaymentIntake intake = intake(Clock.fixed(NOW, ZoneOffset.UTC));
		intake.pay(nativeRequest(1250L));

		assertThatExceptionOfType(PaymentDataConflict.class).isThrownBy(() -> intake.pay(nativeRequest(999L)));
		assertThat(this.wechat.calls).hasSize(1);
		assertThat(this.stream.published).hasSize(1);
	}

	@Test
	void refusesAPaidMerchantOrderWithoutCallingWechat() {
		PaymentIntake intake = intake(Clock.fixed(NOW, ZoneOffset.UTC));
		intake.pay(nativeRequest(1250L));
		this.stream.setStatus(ORDER + "-1", PaymentStatus.PAID);

		assertThatExceptionOfType(AlreadyPaid.class).isThrownBy(() -> intake.pay(nativeRequest(1250L)));
		assertThat(this.wechat.calls).hasSize(1);
		assertThat(this.stream.published).hasSize(1);
	}

	@Test
	void createsANewAttemptAfterTheFirstWasClosed() {
		PaymentIntake intake = intake(Clock.fixed(NOW, ZoneOffset.UTC));
		intake.pay(nativeRequest(1250L));
		this.stream.setStatus(ORDER + "-1", PaymentStatus.CLOSED);

		PaymentResult second = intake.pay(nativeRequest(1250L));

		assertThat(second.attempt().outTradeNo()).isEqualTo(ORDER + "-2");
		assertThat(second.attempt().isNew()).isTrue();
		assertThat(intake.find(MCHID, ORDER).attempts()).extracting(OrderPaymentState::outTradeNo)
			.containsExactly(ORDER + "-1", ORDER + "-2");
	}

	@Test
	void mapsWechatSayingPaidToAlreadyPaid() {
		PaymentIntake intake = intake(Clock.fixed(NOW, ZoneOffset.UTC));
		intake.pay(nativeRequest(1250L));
		this.wechat.paid.add(ORDER + "-1");

		assertThatExceptionOfType(AlreadyPaid.class).isThrownBy(() -> intake.pay(nativeRequest(1250L)));
	}

	@Test
	void asksTheStreamToCheckANewOrderThatWechatAlreadyHoldsClosed() {
		this.wechat.closed.add(ORDER + "-1");
		PaymentIntake intake = intake(Clock.fixed(NOW, ZoneOffset.UTC));

		assertThatExceptionOfType(AttemptClosing.class).isThrownBy(() -> intake.pay(nativeRequest(1250L)));
		assertThat(this.stream.published).extracting(OrderEvent::type, OrderEvent::outTradeNo)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(OrderEvent.Type.CREATED, ORDER + "-1"),
					org.assertj.core.groups.Tuple.tuple(OrderEvent.Type.CANCELLED, ORDER + "-1"));
	}

	@Test
	void asksTheStreamToCheckAnOrderWechatClosedBehindItsBack() {
		PaymentIntake intake = intake(Clock.fixed(NOW, ZoneOffset.UTC));
		intake.pay(nativeRequest(1250L));
		this.wechat.closed.add(ORDER + "-1");

		assertThatExceptionOfType(AttemptClosing.class).isThrownBy(() -> intake.pay(nativeRequest(1250L)))
			.withMessage("payment order ORDER20261123001-1 of merchant order ORDER20261123001 is closed at WeChat; "
					+ "it is being closed, retry after it is closed");
		assertThat(this.stream.published).last()
			.isEqualTo(OrderEvent.cancelled(MCHID, ORDER + "-1", NOW, "closed at WeChat"));
	}

	@Test
	void concurrentIdenticalRequestsOnOneInstanceCreateOnePaymentOrder() throws Exception {
		this.stream.creationDelay = Duration.ofMillis(200);
		PaymentIntake intake = intake(Clock.systemUTC());

		List<PaymentResult> results = inParallel(16, (i) -> intake.pay(nativeRequest(1250L)));

		assertThat(results).extracting((r) -> r.attempt().outTradeNo()).containsOnly(ORDER + "-1");
		assertThat(results).filteredOn((r) -> r.attempt().isNew()).hasSize(1);
		assertThat(this.wechat.orders()).containsOnlyKeys(ORDER + "-1");
		assertThat(this.stream.published).hasSize(1);
	}

	@Test
	void concurrentIdenticalRequestsOnSeveralInstancesCreateOnePaymentOrder() throws Exception {
		this.stream.creationDelay = Duration.ofMillis(100);
		this.wechat.latency = Duration.ofMillis(20);
		List<PaymentIntake> instances = List.of(intake(new SteppingClock(NOW, 0)), intake(new SteppingClock(NOW, 1)),
				intake(new SteppingClock(NOW, 2)), intake(new SteppingClock(NOW, 3)));

		List<PaymentResult> results = inParallel(16, (i) -> instances.get(i % 4).pay(nativeRequest(1250L)));

		assertThat(results).extracting((r) -> r.attempt().outTradeNo()).containsOnly(ORDER + "-1");
		assertThat(results).extracting((r) -> r.attempt().expireAt()).containsOnly(results.get(0).attempt().expireAt());
		assertThat(this.wechat.orders()).containsOnlyKeys(ORDER + "-1");
		assertThat(this.wechat.calls).allMatch((c) -> c.equals(this.wechat.calls.get(0)));
		assertThat(this.wechat.refusals.get()).isZero();
	}

	private PaymentIntake intake(Clock clock) {
		return intake(clock, IntakeProperties.defaults());
	}

	private PaymentIntake intake(Clock clock, IntakeProperties settings) {
		return new PaymentIntake(settings, new PaymentRequestValidator(MCHID::equals), this.stream, this.wechat,
				this.stream, (mchid) -> "https://pay.example/notify/" + mchid, clock);
	}

	private static IntakeProperties shortStateWait() {
		return waits(Duration.ofMillis(200), Duration.ofMillis(200));
	}

	private static IntakeProperties waits(Duration stateWait, Duration inFlightWait) {
		return new IntakeProperties(Duration.ofHours(2), Duration.ofHours(2), 20, null, Duration.ofSeconds(10),
				stateWait, inFlightWait, Duration.ofSeconds(30), Duration.ofSeconds(30));
	}

	/** What a test's instance does instead of dying between two steps. */
	static final class InstanceDied extends RuntimeException {

	}

	private static PaymentRequest nativeRequest(long amount) {
		return new PaymentRequest(MCHID, ORDER, amount, "Demo A", "NATIVE", null, null);
	}

	/** Payable until 70 s after {@link #NOW}: too near for a new order 11 s later. */
	private static PaymentRequest expiringRequest(long amount) {
		return new PaymentRequest(MCHID, ORDER, amount, "Demo A", "NATIVE", null, "2026-11-23T12:01:10+08:00");
	}

	private static <T> List<T> inParallel(int n, java.util.function.IntFunction<T> task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(n);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				int index = i;
				futures.add(pool.submit(() -> {
					start.await();
					return task.apply(index);
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * WeChat's prepay: the same parameters for an out_trade_no get a prepay again, other
	 * parameters are refused; a new code_url after each 2 h is not modelled, a new one
	 * per call after the first is.
	 */
	static final class FakeWechat implements WechatPrepay {

		final List<PrepayCall> calls = new CopyOnWriteArrayList<>();

		final Set<String> paid = ConcurrentHashMap.newKeySet();

		final Set<String> closed = ConcurrentHashMap.newKeySet();

		final AtomicInteger refusals = new AtomicInteger();

		volatile Duration latency = Duration.ZERO;

		private final Map<String, PrepayCall> orders = new ConcurrentHashMap<>();

		private final Map<String, AtomicInteger> prepays = new ConcurrentHashMap<>();

		@Override
		public PayParameters prepay(PrepayCall call) {
			sleep(this.latency);
			if (this.paid.contains(call.outTradeNo())) {
				throw new WechatRefusedOrder(WechatRefusedOrder.Kind.PAID, "ORDERPAID");
			}
			if (this.closed.contains(call.outTradeNo())) {
				throw new WechatRefusedOrder(WechatRefusedOrder.Kind.CLOSED, "ORDER_CLOSED");
			}
			PrepayCall held = this.orders.putIfAbsent(call.outTradeNo(), call);
			if (held != null && !held.equals(call)) {
				this.refusals.incrementAndGet();
				throw new WechatRefusedOrder(WechatRefusedOrder.Kind.OTHER_PARAMETERS, "201 商户订单号重复");
			}
			this.calls.add(call);
			int n = this.prepays.computeIfAbsent(call.outTradeNo(), (k) -> new AtomicInteger()).incrementAndGet();
			return PayParameters.nativePay("weixin://wxpay/bizpayurl?pr=" + n);
		}

		Map<String, PrepayCall> orders() {
			return this.orders;
		}

	}

	/**
	 * The stream as the intake sees it: creations land in the store (first wins) after a
	 * delay; tests set other states.
	 */
	static final class FakeStream implements PaymentStateLookup, OrderEvents {

		final List<OrderEvent> published = new CopyOnWriteArrayList<>();

		volatile boolean applyCreations = true;

		volatile boolean brokerDown;

		volatile Duration creationDelay = Duration.ZERO;

		private final Map<String, OrderPaymentState> store = new ConcurrentHashMap<>();

		@Override
		public Optional<OrderPaymentState> find(String mchid, String outTradeNo) {
			return Optional.ofNullable(this.store.get(outTradeNo)).filter((s) -> s.mchid().equals(mchid));
		}

		@Override
		public void publish(OrderEvent e) {
			if (this.brokerDown) {
				throw new OrderEventNotAcknowledged(e.outTradeNo(), new IllegalStateException("broker down"));
			}
			this.published.add(e);
			if (!this.applyCreations || e.type() != OrderEvent.Type.CREATED) {
				return;
			}
			Runnable apply = () -> apply(e);
			if (this.creationDelay.isZero()) {
				apply.run();
			}
			else {
				Thread thread = new Thread(() -> {
					sleep(this.creationDelay);
					apply.run();
				});
				thread.setDaemon(true);
				thread.start();
			}
		}

		/**
		 * Applies every creation published so far, in order (the first of an order wins).
		 */
		void catchUp() {
			this.published.stream().filter((e) -> e.type() == OrderEvent.Type.CREATED).forEach(this::apply);
		}

		private void apply(OrderEvent e) {
			this.store.putIfAbsent(e.outTradeNo(), OrderPaymentState.pending(e, e.occurredAt()));
		}

		void setStatus(String outTradeNo, PaymentStatus status) {
			OrderPaymentState s = this.store.get(outTradeNo);
			this.store.put(outTradeNo, s.withStatus(status).withVersion(s.version() + 1, s.updatedAt()));
		}

	}

	/**
	 * A clock that is {@code offset} seconds ahead, as instances whose requests straddle
	 * a second.
	 */
	static final class SteppingClock extends Clock {

		private final Instant base;

		private final long offset;

		SteppingClock(Instant base, long offset) {
			this.base = base;
			this.offset = offset;
		}

		@Override
		public Instant instant() {
			return this.base.plusSeconds(this.offset);
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

	static void sleep(Duration duration) {
		if (duration.isZero()) {
			return;
		}
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
