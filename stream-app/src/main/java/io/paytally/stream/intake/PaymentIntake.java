package io.paytally.stream.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.stream.intake.order.AlreadyPaid;
import io.paytally.stream.intake.order.Attempt;
import io.paytally.stream.intake.order.AttemptClosing;
import io.paytally.stream.intake.order.MerchantOrder;
import io.paytally.stream.intake.order.OutTradeNos;
import io.paytally.stream.intake.order.PaymentDataConflict;
import io.paytally.stream.intake.order.PaymentOrder;
import io.paytally.stream.intake.prepay.PayParameters;
import io.paytally.stream.intake.prepay.PrepayCall;
import io.paytally.stream.intake.prepay.WechatPrepay;
import io.paytally.stream.intake.prepay.WechatRefusedOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one door through which payment orders reach WeChat and {@code orders.events}: at
 * most one open payment order per merchant order, the same one for every repeat.
 * <p>
 * Safe at every crash point because the stream's state store, not this instance, decides
 * a new payment order's data, and WeChat only ever sees data read from it:
 * <ol>
 * <li>a request for a payment order the store does not know publishes its OrderCreated
 * first (the intent, acknowledged by the broker; nothing is at WeChat yet);</li>
 * <li>it waits until the store shows the order, and takes the order's data from there:
 * the state machine keeps the first OrderCreated of an out_trade_no and ignores later
 * ones, so every request and every instance reads the same creation and expiry
 * times;</li>
 * <li>only then it prepays at WeChat, with exactly those data.</li>
 * </ol>
 * A broker outage at step 1 answers 503 and leaves nothing anywhere (or an intent the
 * retry adopts); a crash after step 1 or 3 leaves an intent in the store that the retry
 * adopts, so its prepay carries the same time_expire and WeChat answers it as the same
 * order; a prepay that never happens leaves a PENDING order the state machine checks at
 * its expiry (WeChat: ORDER_NOT_EXIST, recorded closed as never placed). Requests for one
 * merchant order take turns on this instance; across instances the first intent in the
 * partition wins the same way.
 */
public final class PaymentIntake {

	private static final Logger log = LoggerFactory.getLogger(PaymentIntake.class);

	private final IntakeProperties settings;

	private final PaymentRequestValidator validator;

	private final PaymentStateLookup states;

	private final MerchantOrderLocks locks;

	private final WechatPrepay wechat;

	private final OrderEvents events;

	private final Function<String, String> notifyUrls;

	private final Clock clock;

	private final CreationsInFlight inFlight = new CreationsInFlight();

	PaymentIntake(IntakeProperties settings, PaymentRequestValidator validator, PaymentStateLookup states,
			WechatPrepay wechat, OrderEvents events, Function<String, String> notifyUrls, Clock clock) {
		this.settings = settings;
		this.validator = validator;
		this.states = states;
		this.locks = new MerchantOrderLocks(settings.lockTimeout());
		this.wechat = wechat;
		this.events = events;
		this.notifyUrls = notifyUrls;
		this.clock = clock;
	}

	/**
	 * Pays a merchant order: creates its payment order or repeats the current one.
	 * @throws InvalidPaymentRequest for a request outside the limits
	 * @throws AlreadyPaid, PaymentUnderReview, PaymentDataConflict, AttemptClosing,
	 * AttemptsExhausted when the merchant order cannot be paid (again) with this request
	 * @throws OrderEventNotAcknowledged, CreationNotYetApplied, PaymentStateUnavailable,
	 * WechatPayUnavailable when a step failed: the same request again continues where
	 * this one stopped
	 */
	public PaymentResult pay(PaymentRequest request) {
		PaymentOrder order = this.validator.validate(request);
		ReentrantLock lock;
		try {
			lock = this.locks.acquire(order.mchid(), order.merchantOrderNo());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MerchantOrderBusy(order.merchantOrderNo());
		}
		if (lock == null) {
			throw new MerchantOrderBusy(order.merchantOrderNo());
		}
		try {
			return pay(order);
		}
		finally {
			lock.unlock();
		}
	}

	private PaymentResult pay(PaymentOrder order) {
		Instant now = this.clock.instant();
		Attempt attempt = attempt(order, now);
		PrepayCall call = new PrepayCall(order.mchid(), attempt.outTradeNo(), order.description(), order.amount(),
				order.tradeType(), order.payerOpenid(), attempt.expireAt(), this.notifyUrls.apply(order.mchid()));
		PayParameters payParameters;
		try {
			payParameters = this.wechat.prepay(call);
		}
		catch (WechatRefusedOrder ex) {
			switch (ex.kind()) {
				case PAID -> throw new AlreadyPaid(order.merchantOrderNo(), attempt.outTradeNo());
				case CLOSED -> {
					askToCheck(order, attempt, now);
					throw new AttemptClosing(order.merchantOrderNo(), attempt.outTradeNo(), "is closed at WeChat");
				}
				default -> throw new PaymentDataConflict(attempt.outTradeNo(),
						"WeChat holds payment order " + attempt.outTradeNo() + " of merchant order "
								+ order.merchantOrderNo() + " with other parameters: " + ex.getMessage());
			}
		}
		if (attempt.isNew()) {
			log.info("Created payment order {} (attempt {}) of merchant order {}, {} fen, payable until {}",
					attempt.outTradeNo(), attempt.attempt(), order.merchantOrderNo(), order.amount(),
					attempt.expireAt());
		}
		else {
			log.debug("Repeated payment order {} of merchant order {}", attempt.outTradeNo(), order.merchantOrderNo());
		}
		Instant prepayExpiresAt = min(now.plus(this.settings.prepayValidity()), attempt.expireAt());
		return new PaymentResult(order, attempt, payParameters, prepayExpiresAt);
	}

	/**
	 * The payment order this request goes to, with its data as the state store holds
	 * them. A payment order the store does not know yet is announced first and then read
	 * back: whichever OrderCreated of it the state machine applied first decides its
	 * data.
	 */
	private Attempt attempt(PaymentOrder order, Instant now) {
		Attempt attempt = find(order.mchid(), order.merchantOrderNo()).pay(order, now,
				this.settings.defaultPayablePeriod(), this.settings.maxAttempts());
		if (!attempt.isNew()) {
			this.inFlight.applied(order.mchid(), attempt.outTradeNo());
			return attempt;
		}
		if (this.validator.tooNearForNewOrder(attempt.expireAt(), attempt.createdAt())) {
			attempt = creationUnderWay(order, attempt, now);
			if (!attempt.isNew()) {
				return attempt;
			}
		}
		this.validator.checkNewExpiry(attempt.expireAt(), attempt.createdAt());
		OrderEvent created = OrderEvent.created(order.mchid(), attempt.outTradeNo(), order.merchantOrderNo(),
				order.amount(), order.description(), attempt.createdAt(), attempt.expireAt());
		// remembered before the publish: an unacknowledged publish may have landed
		this.inFlight.publishing(created, now);
		this.events.publish(created);
		if (!awaitState(order.mchid(), attempt.outTradeNo(), this.settings.stateWait())) {
			log.warn("The stream has not applied the creation of payment order {} within {}", attempt.outTradeNo(),
					this.settings.stateWait());
			throw new CreationNotYetApplied(attempt.outTradeNo());
		}
		this.inFlight.applied(order.mchid(), attempt.outTradeNo());
		Attempt applied = find(order.mchid(), order.merchantOrderNo()).pay(order, now,
				this.settings.defaultPayablePeriod(), this.settings.maxAttempts());
		if (applied.isNew() || !applied.outTradeNo().equals(attempt.outTradeNo())) {
			throw new CreationNotYetApplied(attempt.outTradeNo());
		}
		boolean ours = applied.createdAt().equals(attempt.createdAt()) && applied.expireAt().equals(attempt.expireAt());
		if (!ours) {
			log.info("Payment order {} was created concurrently by another request; repeating it",
					attempt.outTradeNo());
		}
		return new Attempt(applied.attempt(), applied.outTradeNo(), applied.createdAt(), applied.expireAt(), ours);
	}

	/**
	 * A request whose time_expire is too near for a new payment order may repeat one
	 * whose OrderCreated was published but is not applied by the store yet (the stream
	 * lags): it waits for the store once ({@code in-flight-wait}) and, if the payment
	 * order appears, goes where the stored merchant order sends it (the same data and
	 * time_expire adopt the stored creation; other data are refused by
	 * {@link io.paytally.stream.intake.order.MerchantOrder#pay}). Still not shown: when
	 * this instance published a creation of that payment order with the request's data,
	 * the request is a repeat to retry ({@link CreationNotYetApplied}); otherwise the new
	 * attempt is returned, to be refused as too near. Nothing is published here.
	 */
	private Attempt creationUnderWay(PaymentOrder order, Attempt attempt, Instant now) {
		if (awaitState(order.mchid(), attempt.outTradeNo(), this.settings.inFlightWait())) {
			this.inFlight.applied(order.mchid(), attempt.outTradeNo());
			Attempt stored = find(order.mchid(), order.merchantOrderNo()).pay(order, now,
					this.settings.defaultPayablePeriod(), this.settings.maxAttempts());
			if (!stored.isNew()) {
				log.info("Payment order {} of merchant order {}: the stream applied its creation while the repeat "
						+ "waited; adopting it", stored.outTradeNo(), order.merchantOrderNo());
			}
			return stored;
		}
		if (this.inFlight.holds(order, attempt.outTradeNo(), attempt.expireAt(), now)) {
			log.warn(
					"Payment order {} of merchant order {}: its creation was published here but the stream has not "
							+ "applied it within {}; time_expire {} is too near for a new one, asking to retry",
					attempt.outTradeNo(), order.merchantOrderNo(), this.settings.inFlightWait(), attempt.expireAt());
			throw new CreationNotYetApplied(attempt.outTradeNo());
		}
		return attempt;
	}

	/**
	 * WeChat closed a payment order the stream still shows open: a cancellation makes the
	 * stream check it at WeChat and record it closed, after which a new attempt can be
	 * made. The stream always knows the order by now: even a new one was announced before
	 * its prepay.
	 */
	private void askToCheck(PaymentOrder order, Attempt attempt, Instant now) {
		try {
			this.events.publish(OrderEvent.cancelled(order.mchid(), attempt.outTradeNo(), now, "closed at WeChat"));
			log.info("Payment order {} is closed at WeChat; asked the stream to check it", attempt.outTradeNo());
		}
		catch (OrderEventNotAcknowledged ex) {
			log.warn("Payment order {} is closed at WeChat; could not ask the stream to check it", attempt.outTradeNo(),
					ex);
		}
	}

	/**
	 * The payment orders of a merchant order, for {@code GET}.
	 * @throws InvalidPaymentRequest when the merchant or the order number is missing or
	 * wrong
	 * @throws MerchantOrderNotFound when it has no payment order
	 */
	public MerchantOrder lookUp(String mchid, String merchantOrderNo) {
		this.validator.validateKey(mchid, merchantOrderNo);
		MerchantOrder merchantOrder = find(mchid, merchantOrderNo);
		if (merchantOrder.attempts().isEmpty()) {
			throw new MerchantOrderNotFound(mchid, merchantOrderNo);
		}
		return merchantOrder;
	}

	/**
	 * The payment orders of a merchant order so far: attempt 1, 2, ... until one is
	 * unknown.
	 */
	MerchantOrder find(String mchid, String merchantOrderNo) {
		List<OrderPaymentState> attempts = new ArrayList<>();
		for (int attempt = 1; attempt <= OutTradeNos.MAX_ATTEMPT; attempt++) {
			Optional<OrderPaymentState> state = state(mchid, OutTradeNos.of(mchid, merchantOrderNo, attempt));
			if (state.isEmpty()) {
				break;
			}
			attempts.add(state.get());
		}
		return new MerchantOrder(mchid, merchantOrderNo, attempts);
	}

	private Optional<OrderPaymentState> state(String mchid, String outTradeNo) {
		Optional<OrderPaymentState> stored;
		try {
			stored = this.states.find(mchid, outTradeNo);
		}
		catch (RuntimeException ex) {
			log.warn("The payment state of {} cannot be read right now", outTradeNo, ex);
			throw new PaymentStateUnavailable(outTradeNo, ex);
		}
		return stored;
	}

	/**
	 * Until the store shows the payment order, at most {@code wait}, looking after 5 ms,
	 * then twice as long each time up to 50 ms (the stream usually applies a creation
	 * within tens of ms).
	 */
	private boolean awaitState(String mchid, String outTradeNo, Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		long pause = 5;
		while (System.nanoTime() < deadline) {
			if (state(mchid, outTradeNo).isPresent()) {
				return true;
			}
			try {
				Thread.sleep(pause);
				pause = Math.min(pause * 2, 50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return state(mchid, outTradeNo).isPresent();
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

}
