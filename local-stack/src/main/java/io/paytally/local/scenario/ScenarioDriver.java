package io.paytally.local.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paytally.local.scenario.DayResult.AnomalyKey;
import io.paytally.sandbox.ApiEndpoint;
import io.paytally.sandbox.ApiOutage;
import io.paytally.sandbox.CallbackAttempt;
import io.paytally.sandbox.ChaosAction;
import io.paytally.sandbox.OrderTruth;
import io.paytally.sandbox.SandboxControl;
import io.paytally.schemas.AnomalyType;
import io.paytally.schemas.DifferenceClass;
import io.paytally.schemas.MerchantKey;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStatus;

/**
 * Plays a business day through the real paths only: merchant orders are paid through the
 * payment intake API ({@code POST /payments}), payers pay, refunds are made and WeChat
 * misbehaves through the sandbox's control API; paytally's answer is read from the
 * topics. Waits until every order agrees with WeChat's truth (or the settle timeout).
 */
public final class ScenarioDriver {

	private static final Logger logger = LoggerFactory.getLogger(ScenarioDriver.class);

	/** Up to this many unsettled orders, the sandbox is asked about each alone. */
	private static final int ONE_BY_ONE = 200;

	/** How long the creation of a payment order is retried while the intake refuses. */
	private static final Duration INTAKE_PATIENCE = Duration.ofSeconds(60);

	private static final ChaosAction[] FORGERIES = { ChaosAction.FORGE_SIGNATURE, ChaosAction.STALE_TIMESTAMP,
			ChaosAction.WRONG_KEY };

	/**
	 * A v2 callback carries no timestamp: its forgeries are a wrong signature and one
	 * under another key.
	 */
	private static final ChaosAction[] V2_FORGERIES = { ChaosAction.FORGE_SIGNATURE, ChaosAction.WRONG_KEY };

	private final ScenarioSettings settings;

	private final ScenarioPlan plan;

	private final boolean v2Callbacks;

	private final ChaosAction[] forgeries;

	private final IntakeClient intake;

	private final SandboxControl control;

	private final StateWatcher watcher;

	private final Consumer<Progress> progressListener;

	private final Map<String, Tracked> tracked = new LinkedHashMap<>();

	private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

	private final AtomicInteger created = new AtomicInteger();

	private final AtomicInteger paid = new AtomicInteger();

	private final AtomicInteger refunds = new AtomicInteger();

	/**
	 * How much longer than the day's other orders the outage orders stay payable: they
	 * expire after the other orders' expiry checks were answered.
	 */
	static final Duration OUTAGE_ORDERS_LATER = Duration.ofSeconds(25);

	/** The query outage starts this long before the outage orders expire. */
	static final Duration OUTAGE_LEAD = Duration.ofSeconds(5);

	/**
	 * How long after the last outage order expired the query outage ends: longer than the
	 * demo's recheck interval, so that each outage order's first check goes unanswered
	 * past it (QUERY_UNANSWERED), shorter than the next recheck.
	 */
	static final Duration OUTAGE_TAIL = Duration.ofSeconds(22);

	/** The shortest wait between two comparisons with WeChat's truth while settling. */
	static final Duration SETTLE_PAUSE = Duration.ofMillis(1500);

	/** How long the payment callback of a cancel race is held back. */
	static final long CANCEL_RACE_CALLBACK_DELAY_MS = 3000;

	private volatile String phase = "starting";

	private MerchantOrderSystem orderSystem;

	private long outageStartsAt;

	private Duration outageLength;

	private boolean outageStarted;

	private volatile int disagreements = -1;

	private long startNanos;

	public ScenarioDriver(ScenarioSettings settings, IntakeClient intake, SandboxControl control, StateWatcher watcher,
			Consumer<Progress> progressListener) {
		this(settings, intake, control, watcher, progressListener, false);
	}

	/**
	 * A driver of a merchant whose callbacks are v2 XML ({@code v2Callbacks}) or v3 JSON.
	 */
	public ScenarioDriver(ScenarioSettings settings, IntakeClient intake, SandboxControl control, StateWatcher watcher,
			Consumer<Progress> progressListener, boolean v2Callbacks) {
		this.settings = settings;
		this.v2Callbacks = v2Callbacks;
		this.forgeries = v2Callbacks ? V2_FORGERIES : FORGERIES;
		this.plan = ScenarioPlan.of(settings);
		this.intake = intake;
		this.control = control;
		this.watcher = watcher;
		this.progressListener = progressListener;
		this.plan.orders().forEach((order) -> this.tracked.put(order.merchantOrderNo(), new Tracked(order)));
	}

	public ScenarioPlan plan() {
		return this.plan;
	}

	/** The merchant and the scenario this driver plays. */
	public ScenarioSettings settings() {
		return this.settings;
	}

	/** Plays the day and waits until it settles. */
	public DayResult play() {
		this.startNanos = System.nanoTime();
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "paytally-progress");
			thread.setDaemon(true);
			return thread;
		});
		ticker.scheduleAtFixedRate(() -> this.progressListener.accept(progress()), 2, 2, TimeUnit.SECONDS);
		try {
			this.phase = "ordering";
			createAndPay();
			this.phase = "following";
			followUp();
			this.phase = "settling";
			List<OrderTruth> truths = settle();
			this.progressListener.accept(progress());
			return result(truths);
		}
		finally {
			ticker.shutdownNow();
			if (this.orderSystem != null) {
				this.orderSystem.close();
			}
		}
	}

	/** Creates every order through the intake API and pays those paid at once. */
	private void createAndPay() {
		ExecutorService pool = Executors.newFixedThreadPool(this.settings.concurrency());
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (Tracked order : this.tracked.values()) {
				if (order.planned.kind() != Kind.OUTAGE_EXPIRY) {
					futures.add(pool.submit(() -> createAndPay(order)));
				}
			}
			for (Future<?> future : futures) {
				try {
					future.get();
				}
				catch (java.util.concurrent.ExecutionException ex) {
					this.errors.add(ex.getCause().getMessage());
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private void createAndPay(Tracked order) {
		PlannedOrder planned = order.planned;
		String mchid = this.settings.mchid();
		String no = createAttempt(order, this.settings.expiry());
		switch (planned.kind()) {
			case DUPLICATE_CALLBACK -> this.control.chaos(mchid, no, ChaosAction.DUPLICATE, 1);
			case DROPPED_CALLBACK -> this.control.chaos(mchid, no, ChaosAction.DROP, 1);
			case DELAYED_CALLBACK ->
				this.control.chaos(mchid, no, ChaosAction.DELAY, 1, this.settings.expiry().plusSeconds(15).toMillis());
			case FORGED_CALLBACK ->
				this.control.chaos(mchid, no, this.forgeries[planned.index() % this.forgeries.length], 1);
			default -> {
			}
		}
		if (planned.kind() == Kind.AMOUNT_MISMATCH) {
			this.control.pay(mchid, no, planned.wrongAmount());
			this.paid.incrementAndGet();
		}
		else if (planned.kind() == Kind.CANCEL_RACE) {
			// the payer pays, and before WeChat's callback arrives the merchant cancels
			this.control.chaos(mchid, no, ChaosAction.DELAY, 1, CANCEL_RACE_CALLBACK_DELAY_MS);
			this.control.pay(mchid, no);
			this.paid.incrementAndGet();
			orderSystem().cancel(mchid, no, Instant.now());
		}
		else if (planned.kind().withCoupon()) {
			this.control.payWithCoupon(mchid, no, planned.couponAmount(), planned.couponType());
			this.paid.incrementAndGet();
		}
		else if (planned.kind().paidAtOnce()) {
			this.control.pay(mchid, no);
			this.paid.incrementAndGet();
		}
	}

	/**
	 * Refunds paid orders, and plays what happens after a close: the payment after close
	 * and the second payment of a merchant order.
	 */
	private void followUp() {
		createOutageOrders();
		// the settle timeout counts from the moment the last of these orders can settle:
		// the outage orders cannot be closed before WeChat's query answers again
		long deadline = System.nanoTime() + this.settings.settleTimeout().toNanos();
		if (this.outageLength != null) {
			long outageEnds = this.outageStartsAt + this.outageLength.toNanos();
			if (outageEnds - System.nanoTime() > 0) {
				deadline = outageEnds + this.settings.settleTimeout().toNanos();
			}
		}
		List<Tracked> open = new ArrayList<>(this.tracked.values()
			.stream()
			.filter((order) -> !order.outTradeNos.isEmpty())
			.filter((order) -> order.planned.kind().refunded() || order.planned.kind().awaitsClose())
			.toList());
		while (!open.isEmpty()) {
			startOutageWhenDue();
			open.removeIf(this::step);
			if (open.isEmpty()) {
				break;
			}
			if (System.nanoTime() - deadline > 0) {
				open.forEach((order) -> this.errors.add("merchant order " + order.planned.merchantOrderNo() + " ("
						+ order.planned.kind().description() + ") did not get past step " + order.step + ": "
						+ order.outTradeNos + " " + statuses(order)));
				return;
			}
			sleep(300);
		}
	}

	/** One step of a follow-up; true when the order needs nothing more. */
	private boolean step(Tracked order) {
		String mchid = this.settings.mchid();
		String first = order.outTradeNos.get(0);
		PaymentStatus status = status(first);
		try {
			switch (order.planned.kind()) {
				case FULL_REFUND, PARTIAL_REFUND, COUPON_REFUND, ABNORMAL_REFUND -> {
					if (status != PaymentStatus.PAID) {
						return false;
					}
					this.control.refund(mchid, first, "R" + first, order.planned.refundAmount(),
							(order.planned.kind() == Kind.ABNORMAL_REFUND) ? "ABNORMAL" : "SUCCESS");
					this.refunds.incrementAndGet();
					return true;
				}
				case NEVER_PAID, OUTAGE_EXPIRY -> {
					return status == PaymentStatus.CLOSED;
				}
				case PAID_AFTER_CLOSE_NEWER_ATTEMPT -> {
					return newerAttemptStep(order, status);
				}
				case PAID_AFTER_CLOSE -> {
					if (status != PaymentStatus.CLOSED) {
						return false;
					}
					this.control.payAfterClose(mchid, first);
					this.paid.incrementAndGet();
					return true;
				}
				case DUPLICATE_PAYMENT -> {
					return duplicatePaymentStep(order, status);
				}
				default -> {
					return true;
				}
			}
		}
		catch (RuntimeException ex) {
			this.errors.add("merchant order " + order.planned.merchantOrderNo() + ": " + ex.getMessage());
			return true;
		}
	}

	/**
	 * Asks the intake for a new payment order of the merchant order (retrying for up to
	 * {@link #INTAKE_PATIENCE}), keeps and counts it.
	 * @return its out_trade_no
	 */
	private String createAttempt(Tracked order, Duration payable) {
		String no = this.intake.pay(this.settings.mchid(), order.planned, payable, INTAKE_PATIENCE).outTradeNo();
		if (order.outTradeNos.contains(no)) {
			throw new IllegalStateException("the intake repeated payment order " + no + " instead of making a new one");
		}
		order.outTradeNos.add(no);
		this.created.incrementAndGet();
		return no;
	}

	private boolean duplicatePaymentStep(Tracked order, PaymentStatus firstStatus) {
		String mchid = this.settings.mchid();
		String first = order.outTradeNos.get(0);
		if (order.step == 0) {
			if (firstStatus != PaymentStatus.CLOSED) {
				return false;
			}
			// the merchant asks again: the first payment order is closed, a second is
			// made
			this.control.pay(mchid, createAttempt(order, this.settings.expiry()));
			this.paid.incrementAndGet();
			order.step = 1;
			return false;
		}
		if (status(order.outTradeNos.get(1)) != PaymentStatus.PAID) {
			return false;
		}
		// the payer still had the first QR code open and pays it too
		this.control.payAfterClose(mchid, first);
		this.paid.incrementAndGet();
		return true;
	}

	/**
	 * The first payment order was closed; the merchant asks again and gets a second, open
	 * one; then the payer pays the first after all (paytally must close the second at
	 * WeChat at once).
	 */
	private boolean newerAttemptStep(Tracked order, PaymentStatus firstStatus) {
		String mchid = this.settings.mchid();
		String first = order.outTradeNos.get(0);
		if (order.step == 0) {
			if (firstStatus != PaymentStatus.CLOSED) {
				return false;
			}
			createAttempt(order, this.settings.expiry());
			order.step = 1;
			return false;
		}
		if (status(order.outTradeNos.get(1)) != PaymentStatus.PENDING) {
			return false;
		}
		this.control.payAfterClose(mchid, first);
		this.paid.incrementAndGet();
		return true;
	}

	/**
	 * Creates the orders that expire during the query outage, once the day's other orders
	 * are made: they stay payable {@link #OUTAGE_ORDERS_LATER} longer, so that they
	 * expire after the others were checked, and the outage is timed around their expiry.
	 */
	private void createOutageOrders() {
		List<Tracked> outage = this.tracked.values()
			.stream()
			.filter((order) -> order.planned.kind() == Kind.OUTAGE_EXPIRY)
			.toList();
		if (outage.isEmpty()) {
			return;
		}
		Duration expiry = this.settings.expiry().plus(OUTAGE_ORDERS_LATER);
		long first = System.nanoTime();
		for (Tracked order : outage) {
			createAttempt(order, expiry);
		}
		long last = System.nanoTime();
		this.outageStartsAt = first + expiry.minus(OUTAGE_LEAD).toNanos();
		this.outageLength = Duration.ofNanos(last - first).plus(OUTAGE_LEAD).plus(OUTAGE_TAIL);
	}

	/**
	 * Takes WeChat's order query down for the merchant when the outage orders near
	 * expiry.
	 */
	private void startOutageWhenDue() {
		if (this.outageLength == null || this.outageStarted || System.nanoTime() - this.outageStartsAt < 0) {
			return;
		}
		this.outageStarted = true;
		logger.info("WeChat's order query answers 500 SYSTEM_ERROR to {} for {} s", this.settings.mchid(),
				this.outageLength.toSeconds());
		this.control.outage(this.settings.mchid(), ApiEndpoint.QUERY_BY_OUT_TRADE_NO, ApiOutage.SYSTEM_ERROR,
				this.outageLength);
	}

	private synchronized MerchantOrderSystem orderSystem() {
		if (this.orderSystem == null) {
			this.orderSystem = new MerchantOrderSystem(this.watcher.bootstrapServers());
		}
		return this.orderSystem;
	}

	/**
	 * Waits until every order agrees with WeChat, or the timeout. Only the orders that
	 * did not agree yet are compared again (asked one by one at the sandbox once few are
	 * left); when none is left, every order is compared once more, so an order that
	 * changed after it agreed is waited for too.
	 */
	private List<OrderTruth> settle() {
		long deadline = System.nanoTime() + this.settings.settleTimeout().toNanos();
		Set<String> unsettled = null;
		while (true) {
			boolean callbacksSettled = this.control.awaitCallbacksSettled(Duration.ofSeconds(1));
			long checkStarted = System.nanoTime();
			List<OrderTruth> truths = (unsettled == null) ? truths() : truthsOf(unsettled);
			List<Expectations.Disagreement> differences = Expectations.compare(truths, this.watcher.states(),
					this.v2Callbacks);
			Duration check = Duration.ofNanos(System.nanoTime() - checkStarted);
			this.disagreements = differences.size();
			if (differences.isEmpty() && callbacksSettled) {
				if (unsettled == null) {
					return truths;
				}
				unsettled = null;
				continue;
			}
			unsettled = new LinkedHashSet<>();
			for (Expectations.Disagreement difference : differences) {
				unsettled.add(difference.outTradeNo());
			}
			if (System.nanoTime() - deadline > 0) {
				logger.warn("The day did not settle within {}: {} orders differ", this.settings.settleTimeout(),
						differences.size());
				return truths();
			}
			sleep(pauseAfter(check).toMillis());
		}
	}

	/**
	 * How long to wait after a comparison that took {@code check} before the next one:
	 * {@link #SETTLE_PAUSE}, or twice the comparison's time when that is longer. While
	 * many orders of a large day are unsettled, each comparison fetches the merchant's
	 * whole truth from the sandbox (100,000 orders: tens of megabytes, seconds of CPU on
	 * both sides); a fixed pause would let the comparisons take most of the machine the
	 * day runs on, this keeps them to a third of the wall time at most.
	 */
	static Duration pauseAfter(Duration check) {
		Duration twice = check.multipliedBy(2);
		return (twice.compareTo(SETTLE_PAUSE) > 0) ? twice : SETTLE_PAUSE;
	}

	/** WeChat's truth about this day's orders. */
	private List<OrderTruth> truths() {
		Set<String> ours = new LinkedHashSet<>();
		this.tracked.values().forEach((order) -> ours.addAll(order.outTradeNos));
		return this.control.groundTruth(this.settings.mchid())
			.stream()
			.filter((truth) -> ours.contains(truth.outTradeNo()))
			.toList();
	}

	/**
	 * WeChat's truth about some of this merchant's orders (keys
	 * {@code mchid@out_trade_no}): one by one when they are few, else filtered from the
	 * merchant's whole truth.
	 */
	private List<OrderTruth> truthsOf(Set<String> keys) {
		if (keys.size() > ONE_BY_ONE) {
			return this.control.groundTruth(this.settings.mchid())
				.stream()
				.filter((truth) -> keys.contains(MerchantKey.encode(truth.mchid(), truth.outTradeNo())))
				.toList();
		}
		List<OrderTruth> truths = new ArrayList<>(keys.size());
		for (String key : keys) {
			truths.add(this.control.groundTruth(this.settings.mchid(), MerchantKey.parse(key).number()));
		}
		return truths;
	}

	private DayResult result(List<OrderTruth> truths) {
		Map<String, List<String>> outTradeNos = new LinkedHashMap<>();
		Set<String> streamIds = new LinkedHashSet<>();
		Set<AnomalyKey> statementAnomalies = new LinkedHashSet<>();
		Map<DifferenceClass, Long> differenceCounts = new EnumMap<>(DifferenceClass.class);
		Set<AnomalyKey> planted = new LinkedHashSet<>();
		String mchid = this.settings.mchid();
		for (Tracked order : this.tracked.values()) {
			String merchantOrderNo = order.planned.merchantOrderNo();
			outTradeNos.put(merchantOrderNo, List.copyOf(order.outTradeNos));
			if (order.outTradeNos.isEmpty()) {
				continue;
			}
			String first = MerchantKey.encode(mchid, order.outTradeNos.get(0));
			List<String> ids = new ArrayList<>();
			switch (order.planned.kind()) {
				case AMOUNT_MISMATCH -> {
					ids.add(AnomalyType.AMOUNT_MISMATCH + ":" + first);
					statementAnomalies.add(new AnomalyKey(AnomalyType.AMOUNT_MISMATCH.name(), merchantOrderNo));
					differenceCounts.merge(DifferenceClass.AMOUNT_MISMATCH, 1L, Long::sum);
				}
				case PAID_AFTER_CLOSE, PAID_AFTER_CLOSE_NEWER_ATTEMPT ->
					ids.add(AnomalyType.PAID_AFTER_CLOSE + ":" + first);
				case DUPLICATE_PAYMENT -> {
					// the first payment order is paid last: it is the duplicate
					ids.add(AnomalyType.PAID_AFTER_CLOSE + ":" + first);
					ids.add(AnomalyType.DUPLICATE_PAYMENT + ":" + first);
					statementAnomalies.add(new AnomalyKey(AnomalyType.DUPLICATE_PAYMENT.name(), merchantOrderNo));
					differenceCounts.merge(DifferenceClass.DUPLICATE_PAYMENT, 1L, Long::sum);
				}
				case CANCEL_RACE -> ids.add(AnomalyType.CANCELLED_BUT_PAID + ":" + first);
				case ABNORMAL_REFUND -> {
					ids.add(AnomalyType.REFUND_ABNORMAL + ":" + first + ":R" + order.outTradeNos.get(0));
					differenceCounts.merge(DifferenceClass.REFUND_ABNORMAL, 1L, Long::sum);
				}
				case OUTAGE_EXPIRY -> {
					ids.add(AnomalyType.QUERY_UNANSWERED + ":" + first);
					ids.add(AnomalyType.QUERY_UNANSWERED + ":" + first + ":answered");
				}
				default -> {
				}
			}
			streamIds.addAll(ids);
			ids.forEach((id) -> planted.add(new AnomalyKey(id.substring(0, id.indexOf(':')), merchantOrderNo)));
		}
		planted.addAll(statementAnomalies);
		long forgedSent = 0;
		long forgedRefused = 0;
		try {
			// only the orders planned with a forged callback can have one: ask for theirs
			for (Tracked order : this.tracked.values()) {
				if (order.planned.kind() != Kind.FORGED_CALLBACK) {
					continue;
				}
				for (String no : List.copyOf(order.outTradeNos)) {
					for (CallbackAttempt attempt : this.control.callbacks(no)) {
						if (attempt.forged() != null && this.settings.mchid().equals(attempt.mchid())) {
							forgedSent++;
							if (attempt.status() != null && attempt.status() >= 400 && attempt.status() < 500) {
								forgedRefused++;
							}
						}
					}
				}
			}
		}
		catch (RuntimeException ex) {
			this.errors.add("could not read the sandbox's callbacks: " + ex.getMessage());
		}
		List<Expectations.Disagreement> differences = Expectations.compare(truths, this.watcher.states(),
				this.v2Callbacks);
		return new DayResult(outTradeNos, truths, differences, planted, forgedSent, forgedRefused,
				List.copyOf(this.errors), Duration.ofNanos(System.nanoTime() - this.startNanos), Set.copyOf(streamIds),
				Set.copyOf(statementAnomalies), Map.copyOf(differenceCounts));
	}

	/** Where the day stands. */
	public Progress progress() {
		return new Progress(this.phase, Duration.ofNanos(System.nanoTime() - this.startNanos),
				this.plan.orders().size(), this.created.get(), this.paid.get(), this.refunds.get(),
				this.watcher.countByStatus(),
				this.watcher.notifications(NotificationSource.CALLBACK_V3)
						+ this.watcher.notifications(NotificationSource.CALLBACK_V2),
				this.watcher.notifications(NotificationSource.ACTIVE_QUERY), this.watcher.expiryChecks(),
				this.watcher.anomalyCount(), this.disagreements);
	}

	private PaymentStatus status(String outTradeNo) {
		OrderPaymentState state = this.watcher.state(this.settings.mchid(), outTradeNo);
		return (state != null) ? state.status() : null;
	}

	private String statuses(Tracked order) {
		return order.outTradeNos.stream().map((no) -> String.valueOf(status(no))).toList().toString();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/** A merchant order and what was done to it so far. */
	private static final class Tracked {

		final PlannedOrder planned;

		final List<String> outTradeNos = Collections.synchronizedList(new ArrayList<>());

		volatile int step;

		Tracked(PlannedOrder planned) {
			this.planned = planned;
		}

	}

}
