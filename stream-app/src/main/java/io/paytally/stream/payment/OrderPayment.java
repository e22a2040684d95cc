package io.paytally.stream.payment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.paytally.schemas.AnomalyType;
import io.paytally.schemas.ExpiryCheck;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.OrderPaymentState.Refund;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.RefundStatus;
import io.paytally.schemas.SuggestedAction;

/**
 * One payment order as the state machine keeps it: its published state (absent while the
 * order is not known yet), the notifications waiting for it, and when it must be looked
 * at next. Every verb is pure: it takes the time as an argument and returns an
 * {@link Outcome}. The full rule set is written down as a test,
 * {@code OrderPaymentTransitionTableTest}.
 *
 * @param state the published state, {@code null} while the order is unknown
 * @param heldPayments payment notifications that came before their order
 * @param heldRefunds refund notifications that came before their order
 * @param heldSince when the first held notification came
 * @param dueAt when the order must be looked at again (expiry, recheck, unknown-order
 * grace), {@code null} for never; the expiry index holds exactly this time
 * @param checkReason why the order is being checked at WeChat, while CHECKING
 * @param checksUnanswered expiry checks asked since the last answer
 * @param unknownReported whether UNKNOWN_ORDER was reported
 */
public record OrderPayment(OrderPaymentState state, List<PaymentNotification> heldPayments,
		List<RefundNotification> heldRefunds, Instant heldSince, Instant dueAt, ExpiryCheck.Reason checkReason,
		int checksUnanswered, boolean unknownReported) {

	static final String DETECTED_BY = "stream-app";

	/** The close reason of an order that expired unpaid. */
	public static final String CLOSED_EXPIRED = "expired";

	/** The close reason of an order the merchant cancelled unpaid. */
	public static final String CLOSED_CANCELLED = "cancelled";

	/** The close reason of an order WeChat never heard of. */
	public static final String CLOSED_NEVER_PLACED = "never placed at WeChat";

	/** The close reason of an order WeChat reported closed while we were not checking. */
	public static final String CLOSED_AT_WECHAT = "closed at WeChat";

	public OrderPayment {
		heldPayments = (heldPayments != null) ? List.copyOf(heldPayments) : List.of();
		heldRefunds = (heldRefunds != null) ? List.copyOf(heldRefunds) : List.of();
	}

	/** An order nothing is known about yet. */
	public static OrderPayment unknown() {
		return new OrderPayment(null, List.of(), List.of(), null, null, null, 0, false);
	}

	/** Whether the order event was seen. */
	@JsonIgnore
	public boolean isKnown() {
		return this.state != null;
	}

	/** The published state, if the order is known. */
	public Optional<OrderPaymentState> currentState() {
		return Optional.ofNullable(this.state);
	}

	/** The status, {@code null} while the order is unknown. */
	public PaymentStatus status() {
		return (this.state != null) ? this.state.status() : null;
	}

	// ------------------------------------------------------------------ verbs

	/**
	 * The merchant created the order: PENDING until its expiry; notifications held for it
	 * are applied now. A repeated creation changes nothing.
	 */
	public Outcome create(OrderEvent event, Instant now, PaymentRules rules) {
		if (isKnown() || event.type() != OrderEvent.Type.CREATED || !isSameOrder(event.mchid(), event.outTradeNo())) {
			return Outcome.nothing(this);
		}
		OrderPaymentState created = OrderPaymentState.pending(event, now);
		OrderPayment order = new OrderPayment(created, List.of(), List.of(), null, event.expireAt(), null, 0, false);
		Outcome outcome = new Outcome(order, List.of(Transition.created(created)), List.of(), List.of());
		for (PaymentNotification held : this.heldPayments) {
			outcome = outcome.andThen(outcome.next().payment(held, now, rules));
		}
		for (RefundNotification held : this.heldRefunds) {
			outcome = outcome.andThen(outcome.next().refund(held, now, rules));
		}
		return outcome;
	}

	/**
	 * The merchant cancelled the order. Unpaid (PENDING): checked and closed at WeChat at
	 * once, like an expiry. Already paid: the state stays, and CANCELLED_BUT_PAID tells
	 * the merchant to fulfil or refund. Otherwise nothing changes.
	 */
	public Outcome cancel(OrderEvent event, Instant now, PaymentRules rules) {
		if (!isSameOrder(event.mchid(), event.outTradeNo())) {
			return Outcome.nothing(this);
		}
		if (status() == PaymentStatus.PAID || status() == PaymentStatus.PARTIALLY_REFUNDED) {
			return new Outcome(this, List.of(), List.of(),
					List.of(cancelledButPaid("The merchant cancelled the order at " + event.occurredAt()
							+ " after it was paid at " + this.state.paidAt(), this.state.paidAmount(), now)));
		}
		if (status() != PaymentStatus.PENDING) {
			return Outcome.nothing(this);
		}
		return startCheck(ExpiryCheck.Reason.CANCELLED, now, rules);
	}

	/**
	 * What WeChat says about the payment, from any source. The first success wins;
	 * repeats change nothing.
	 */
	public Outcome payment(PaymentNotification notification, Instant now, PaymentRules rules) {
		if (!isSameOrder(notification.mchid(), notification.outTradeNo())) {
			return Outcome.nothing(this);
		}
		if (!isKnown()) {
			return hold(notification, null, now, rules);
		}
		return switch (notification.tradeState()) {
			case SUCCESS, REFUND -> markPaid(notification, now, rules);
			case CLOSED, REVOKED -> close(closeReason(), now, rules);
			case ORDER_NOT_EXIST -> close(CLOSED_NEVER_PLACED, now, rules);
			case USERPAYING, ACCEPT -> lookAgainAt(now.plus(rules.userPayingRecheck()), notification, now, rules);
			case NOTPAY,
					PAYERROR ->
				(notification.source() == NotificationSource.ACTIVE_QUERY)
						? lookAgainAt(latest(now.plus(rules.userPayingRecheck()), closableFrom(rules)), notification,
								now, rules)
						: Outcome.nothing(this);
		};
	}

	/**
	 * A refund's state. Successful refunds accumulate once per out_refund_no; beyond the
	 * paid amount they are an anomaly.
	 */
	public Outcome refund(RefundNotification notification, Instant now, PaymentRules rules) {
		if (!isSameOrder(notification.mchid(), notification.outTradeNo())) {
			return Outcome.nothing(this);
		}
		if (!isKnown()) {
			return hold(null, notification, now, rules);
		}
		List<Refund> refunds = new ArrayList<>(this.state.refunds());
		Refund existing = null;
		int index = -1;
		for (int i = 0; i < refunds.size(); i++) {
			if (refunds.get(i).outRefundNo().equals(notification.outRefundNo())) {
				existing = refunds.get(i);
				index = i;
			}
		}
		if (existing != null
				&& (existing.status() == notification.refundStatus() || existing.status() == RefundStatus.SUCCESS)) {
			return Outcome.nothing(this);
		}
		Refund refund = new Refund(notification.outRefundNo(), notification.refundId(), notification.refundAmount(),
				notification.refundStatus(), notification.successTime(), notification.payerRefund());
		if (index >= 0) {
			refunds.set(index, refund);
		}
		else {
			refunds.add(refund);
		}
		boolean succeeded = notification.refundStatus() == RefundStatus.SUCCESS;
		long refunded = this.state.refundedAmount() + (succeeded ? notification.refundAmount() : 0);
		PaymentStatus status = this.state.status();
		if (isPaidStatus(status)) {
			status = paidStatus(this.state.paidAmount(), refunded);
		}
		OrderPaymentState next = with(this.state, status, now).refunds(refunds).refundedAmount(refunded).build();
		List<PaymentAnomaly> anomalies = new ArrayList<>();
		Long paid = this.state.paidAmount();
		if (succeeded && paid != null && refunded > paid) {
			anomalies.add(overRefund(notification.outRefundNo(), paid, refunded, now));
		}
		switch (notification.refundStatus()) {
			case ABNORMAL -> anomalies.add(anomaly(AnomalyType.REFUND_ABNORMAL, ":" + notification.outRefundNo(), null,
					null, notification.refundAmount(), SuggestedAction.REVIEW,
					"WeChat could not return refund " + notification.outRefundNo() + " of "
							+ notification.refundAmount()
							+ " fen to the payer (card or account cannot take it): apply WeChat's abnormal refund"
							+ " to the payer's bank card or to the merchant's account and return it offline",
					now));
			case CLOSED -> anomalies.add(anomaly(AnomalyType.REFUND_CLOSED, ":" + notification.outRefundNo(), null,
					null, notification.refundAmount(), SuggestedAction.REVIEW,
					"WeChat closed refund " + notification.outRefundNo() + " of " + notification.refundAmount()
							+ " fen: the payer did not get it; refund again with a new out_refund_no if it is owed",
					now));
			default -> {
			}
		}
		if (succeeded && !isPaidStatus(status) && status != PaymentStatus.AMOUNT_MISMATCH) {
			return refundedUnpaid(next, notification, anomalies, now, rules);
		}
		return transition(next, this.dueAt, List.of(), anomalies);
	}

	/**
	 * WeChat refunded an order that paytally shows PENDING, CHECKING or CLOSED: WeChat
	 * took the money, and a callback was lost or is late. The refund is kept, and WeChat
	 * is asked what the payment was, so that the answer comes back on the road of every
	 * notification and corrects the order.
	 */
	private Outcome refundedUnpaid(OrderPaymentState refunded, RefundNotification notification,
			List<PaymentAnomaly> anomalies, Instant now, PaymentRules rules) {
		anomalies.add(anomaly(AnomalyType.REFUNDED_UNPAID, ":" + notification.outRefundNo(), null, null,
				notification.refundAmount(), SuggestedAction.REVIEW,
				"WeChat refunded " + notification.refundAmount() + " fen (" + notification.outRefundNo()
						+ ") of an order shown " + refunded.status()
						+ ": WeChat took the money; the order is checked at WeChat and corrected",
				now));
		if (refunded.status() == PaymentStatus.PENDING) {
			OrderPaymentState checking = with(this.state, PaymentStatus.CHECKING, now).refunds(refunded.refunds())
				.refundedAmount(refunded.refundedAmount())
				.expiryChecks(this.state.expiryChecks() + 1)
				.build();
			OrderPayment order = new OrderPayment(checking, List.of(), List.of(), null, now.plus(rules.recheckAfter(1)),
					ExpiryCheck.Reason.REFUNDED, 1, false);
			return new Outcome(order, List.of(Transition.of(this.state, checking)),
					List.of(check(checking, ExpiryCheck.Reason.REFUNDED, now)), anomalies);
		}
		List<ExpiryCheck> checks = (refunded.status() == PaymentStatus.CLOSED)
				? List.of(check(refunded, ExpiryCheck.Reason.REFUNDED, now)) : List.of();
		return transition(refunded, this.dueAt, checks, anomalies);
	}

	/**
	 * Time has come for the order's {@link #dueAt()}: a PENDING order expires and is
	 * checked; a CHECKING order without an answer is checked again, less often each time
	 * down to the ceiling, until WeChat answers (and reported once when that takes long);
	 * an unknown order's notifications are reported after the grace period.
	 */
	public Outcome due(Instant now, PaymentRules rules) {
		if (this.dueAt == null || this.dueAt.isAfter(now)) {
			return Outcome.nothing(this);
		}
		if (!isKnown()) {
			if (this.unknownReported || (this.heldPayments.isEmpty() && this.heldRefunds.isEmpty())) {
				return Outcome.quietly(withDue(null));
			}
			OrderPayment next = new OrderPayment(null, this.heldPayments, this.heldRefunds, this.heldSince, null, null,
					0, true);
			return new Outcome(next, List.of(), List.of(), List.of(unknownOrderAnomaly(now)));
		}
		return switch (status()) {
			case PENDING -> startCheck(ExpiryCheck.Reason.EXPIRED, now, rules);
			case CHECKING -> recheck(now, rules);
			default -> Outcome.quietly(withDue(null));
		};
	}

	/**
	 * Whether a notification or event names this order: the same merchant and the same
	 * out_trade_no (out_trade_no is unique only within one merchant). While the order is
	 * unknown, the first notification held for it decides.
	 */
	public boolean isSameOrder(String mchid, String outTradeNo) {
		if (this.state != null) {
			return this.state.mchid().equals(mchid) && this.state.outTradeNo().equals(outTradeNo);
		}
		if (!this.heldPayments.isEmpty()) {
			PaymentNotification first = this.heldPayments.get(0);
			return first.mchid().equals(mchid) && first.outTradeNo().equals(outTradeNo);
		}
		if (!this.heldRefunds.isEmpty()) {
			RefundNotification first = this.heldRefunds.get(0);
			return first.mchid().equals(mchid) && first.outTradeNo().equals(outTradeNo);
		}
		return true;
	}

	// ------------------------------------------------------------------ rules

	private Outcome startCheck(ExpiryCheck.Reason reason, Instant now, PaymentRules rules) {
		OrderPaymentState next = with(this.state, PaymentStatus.CHECKING, now)
			.expiryChecks(this.state.expiryChecks() + 1)
			.build();
		OrderPayment order = new OrderPayment(next, List.of(), List.of(), null, now.plus(rules.recheckAfter(1)), reason,
				1, false);
		return new Outcome(order, List.of(Transition.of(this.state, next)), List.of(check(next, reason, now)),
				List.of());
	}

	/**
	 * The last check went unanswered (WeChat down, rate-limited, refusing our key): ask
	 * again, waiting longer each time up to the ceiling, for as long as it takes. Once
	 * enough checks in a row went unanswered, QUERY_UNANSWERED is reported, once.
	 */
	private Outcome recheck(Instant now, PaymentRules rules) {
		OrderPaymentState next = with(this.state, PaymentStatus.CHECKING, now)
			.expiryChecks(this.state.expiryChecks() + 1)
			.build();
		ExpiryCheck.Reason reason = (this.checkReason != null) ? this.checkReason : ExpiryCheck.Reason.EXPIRED;
		int unanswered = this.checksUnanswered + 1;
		OrderPayment order = new OrderPayment(next, List.of(), List.of(), null,
				now.plus(rules.recheckAfter(unanswered)), reason, unanswered, false);
		List<PaymentAnomaly> anomalies = List.of();
		if (this.checksUnanswered == rules.unansweredChecksBeforeAnomaly()) {
			anomalies = List.of(anomaly(AnomalyType.QUERY_UNANSWERED, "", null, null, null, SuggestedAction.REVIEW,
					this.checksUnanswered
							+ " expiry checks in a row got no answer from WeChat; still asking, at least every "
							+ rules.recheckCeiling(),
					now));
		}
		return new Outcome(order, List.of(Transition.of(this.state, next)), List.of(check(next, reason, now)),
				anomalies);
	}

	/**
	 * The follow-up of a reported QUERY_UNANSWERED once WeChat answered: nothing left to
	 * do.
	 */
	private List<PaymentAnomaly> answeredAfterWaiting(String answer, PaymentRules rules, Instant now) {
		if (this.state.status() != PaymentStatus.CHECKING
				|| this.checksUnanswered <= rules.unansweredChecksBeforeAnomaly()) {
			return List.of();
		}
		return List.of(anomaly(AnomalyType.QUERY_UNANSWERED, ":answered", null, null, null, SuggestedAction.NONE,
				"WeChat answered after " + this.checksUnanswered + " unanswered checks: " + answer
						+ "; nothing left to do for the wait",
				now));
	}

	private Outcome markPaid(PaymentNotification n, Instant now, PaymentRules rules) {
		PaymentStatus before = status();
		if (before != PaymentStatus.PENDING && before != PaymentStatus.CHECKING && before != PaymentStatus.CLOSED) {
			return Outcome.nothing(this);
		}
		boolean amountMatches = n.amountTotal() == this.state.amountTotal();
		PaymentStatus status = amountMatches ? paidStatus(n.amountTotal(), this.state.refundedAmount())
				: PaymentStatus.AMOUNT_MISMATCH;
		Instant paidAt = (n.successTime() != null) ? n.successTime() : n.receivedAt();
		OrderPaymentState next = with(this.state, status, now)
			.paid(n.transactionId(), paidAt, n.amountTotal(), n.payerTotal(), n.source())
			.build();
		List<PaymentAnomaly> anomalies = new ArrayList<>();
		if (before == PaymentStatus.CLOSED) {
			anomalies.add(anomaly(AnomalyType.PAID_AFTER_CLOSE, "", null, this.state.amountTotal(), n.amountTotal(),
					SuggestedAction.FULFIL_OR_REFUND, "Paid at " + paidAt + " after the order was closed ("
							+ this.state.closeReason() + "): fulfil it after all or refund it",
					now));
		}
		if (!amountMatches) {
			anomalies.add(anomaly(AnomalyType.AMOUNT_MISMATCH, "", null, this.state.amountTotal(), n.amountTotal(),
					SuggestedAction.REVIEW, "WeChat took " + n.amountTotal() + " fen for an order of "
							+ this.state.amountTotal() + " fen: not paid, nothing is shipped on it",
					now));
		}
		if (amountMatches && before == PaymentStatus.CHECKING && this.checkReason == ExpiryCheck.Reason.CANCELLED) {
			anomalies.add(cancelledButPaid(
					"The payer paid at " + paidAt + " while the merchant's cancel was being carried out at WeChat",
					n.amountTotal(), now));
		}
		if (amountMatches && this.state.refundedAmount() > n.amountTotal()) {
			anomalies.add(overRefund("paid", n.amountTotal(), this.state.refundedAmount(), now));
		}
		anomalies.addAll(answeredAfterWaiting("the order is " + status, rules, now));
		return transition(next, null, List.of(), anomalies);
	}

	private Outcome close(String reason, Instant now, PaymentRules rules) {
		if (status() != PaymentStatus.PENDING && status() != PaymentStatus.CHECKING) {
			return Outcome.nothing(this);
		}
		OrderPaymentState next = with(this.state, PaymentStatus.CLOSED, now).closed(now, reason).build();
		return transition(next, null, List.of(),
				answeredAfterWaiting("the order is CLOSED (" + reason + ")", rules, now));
	}

	/** WeChat answered a check without a final state: ask again at {@code when}. */
	private Outcome lookAgainAt(Instant when, PaymentNotification answer, Instant now, PaymentRules rules) {
		if (status() != PaymentStatus.CHECKING) {
			return Outcome.nothing(this);
		}
		return new Outcome(new OrderPayment(this.state, List.of(), List.of(), null, when, this.checkReason, 0, false),
				List.of(), List.of(),
				answeredAfterWaiting("WeChat says " + answer.tradeState() + ", asking again at " + when, rules, now));
	}

	private Outcome hold(PaymentNotification payment, RefundNotification refund, Instant now, PaymentRules rules) {
		List<PaymentNotification> payments = new ArrayList<>(this.heldPayments);
		List<RefundNotification> refunds = new ArrayList<>(this.heldRefunds);
		if (payments.size() + refunds.size() >= rules.maxHeldNotifications()) {
			return Outcome.nothing(this);
		}
		if (payment != null) {
			payments.add(payment);
		}
		if (refund != null) {
			refunds.add(refund);
		}
		Instant since = (this.heldSince != null) ? this.heldSince : now;
		Instant due = this.unknownReported ? null : since.plus(rules.unknownOrderGrace());
		return Outcome.quietly(new OrderPayment(null, payments, refunds, since, due, null, 0, this.unknownReported));
	}

	private Outcome transition(OrderPaymentState next, Instant due, List<ExpiryCheck> checks,
			List<PaymentAnomaly> anomalies) {
		boolean stillChecking = next.status() == PaymentStatus.CHECKING;
		OrderPayment order = new OrderPayment(next, List.of(), List.of(), null, due,
				stillChecking ? this.checkReason : null, stillChecking ? this.checksUnanswered : 0, false);
		return new Outcome(order, List.of(Transition.of(this.state, next)), checks, anomalies);
	}

	private OrderPayment withDue(Instant due) {
		return new OrderPayment(this.state, this.heldPayments, this.heldRefunds, this.heldSince, due, this.checkReason,
				this.checksUnanswered, this.unknownReported);
	}

	private String closeReason() {
		if (status() == PaymentStatus.CHECKING) {
			return (this.checkReason == ExpiryCheck.Reason.CANCELLED) ? CLOSED_CANCELLED : CLOSED_EXPIRED;
		}
		return CLOSED_AT_WECHAT;
	}

	private Instant closableFrom(PaymentRules rules) {
		return (this.state.createdAt() != null) ? this.state.createdAt().plus(rules.closeNotBefore()) : Instant.EPOCH;
	}

	private ExpiryCheck check(OrderPaymentState s, ExpiryCheck.Reason reason, Instant now) {
		return new ExpiryCheck(s.mchid(), s.outTradeNo(), reason, s.createdAt(), s.expireAt(), s.expiryChecks(), now);
	}

	private PaymentAnomaly anomaly(AnomalyType type, String idSuffix, String related, Long expected, Long actual,
			SuggestedAction action, String detail, Instant now) {
		return new PaymentAnomaly(PaymentAnomaly.idOf(type, this.state.mchid(), this.state.outTradeNo()) + idSuffix,
				type, this.state.mchid(), this.state.outTradeNo(), this.state.merchantOrderNo(), related, expected,
				actual, action, detail, DETECTED_BY, now);
	}

	private PaymentAnomaly cancelledButPaid(String what, Long paidAmount, Instant now) {
		return anomaly(AnomalyType.CANCELLED_BUT_PAID, "", null, this.state.amountTotal(), paidAmount,
				SuggestedAction.FULFIL_OR_REFUND, what + ": the order is paid; fulfil it after all or refund it", now);
	}

	private PaymentAnomaly overRefund(String idSuffix, long paid, long refunded, Instant now) {
		return anomaly(AnomalyType.OVER_REFUND, ":" + idSuffix, null, paid, refunded, SuggestedAction.REVIEW,
				"Refunds of " + refunded + " fen exceed the " + paid + " fen paid", now);
	}

	private PaymentAnomaly unknownOrderAnomaly(Instant now) {
		String mchid;
		String outTradeNo;
		Long amount;
		if (!this.heldPayments.isEmpty()) {
			PaymentNotification first = this.heldPayments.get(0);
			mchid = first.mchid();
			outTradeNo = first.outTradeNo();
			amount = first.amountTotal();
		}
		else {
			RefundNotification first = this.heldRefunds.get(0);
			mchid = first.mchid();
			outTradeNo = first.outTradeNo();
			amount = first.refundAmount();
		}
		int count = this.heldPayments.size() + this.heldRefunds.size();
		return new PaymentAnomaly(PaymentAnomaly.idOf(AnomalyType.UNKNOWN_ORDER, mchid, outTradeNo),
				AnomalyType.UNKNOWN_ORDER, mchid, outTradeNo, null, null, null, amount, SuggestedAction.REVIEW,
				count + " notification(s) since " + this.heldSince + " for an order never seen on orders.events",
				DETECTED_BY, now);
	}

	private static boolean isPaidStatus(PaymentStatus status) {
		return status == PaymentStatus.PAID || status == PaymentStatus.PARTIALLY_REFUNDED
				|| status == PaymentStatus.REFUNDED;
	}

	private static PaymentStatus paidStatus(Long paid, long refunded) {
		if (refunded <= 0) {
			return PaymentStatus.PAID;
		}
		return (paid == null || refunded >= paid) ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
	}

	private static Instant latest(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static StateBuilder with(OrderPaymentState s, PaymentStatus status, Instant now) {
		return new StateBuilder(s, status, now);
	}

	/** Copies a state into its next version. */
	private static final class StateBuilder {

		private final OrderPaymentState s;

		private final PaymentStatus status;

		private final Instant now;

		private String transactionId;

		private Instant paidAt;

		private Long paidAmount;

		private Long payerTotal;

		private NotificationSource paidSource;

		private long refundedAmount;

		private List<Refund> refunds;

		private Instant closedAt;

		private String closeReason;

		private int expiryChecks;

		StateBuilder(OrderPaymentState s, PaymentStatus status, Instant now) {
			this.s = s;
			this.status = status;
			this.now = now;
			this.transactionId = s.transactionId();
			this.paidAt = s.paidAt();
			this.paidAmount = s.paidAmount();
			this.payerTotal = s.payerTotal();
			this.paidSource = s.paidSource();
			this.refundedAmount = s.refundedAmount();
			this.refunds = s.refunds();
			this.closedAt = s.closedAt();
			this.closeReason = s.closeReason();
			this.expiryChecks = s.expiryChecks();
		}

		StateBuilder paid(String transactionId, Instant paidAt, Long paidAmount, Long payerTotal,
				NotificationSource source) {
			this.transactionId = transactionId;
			this.paidAt = paidAt;
			this.paidAmount = paidAmount;
			this.payerTotal = payerTotal;
			this.paidSource = source;
			return this;
		}

		StateBuilder refunds(List<Refund> refunds) {
			this.refunds = refunds;
			return this;
		}

		StateBuilder refundedAmount(long refundedAmount) {
			this.refundedAmount = refundedAmount;
			return this;
		}

		StateBuilder closed(Instant closedAt, String closeReason) {
			this.closedAt = closedAt;
			this.closeReason = closeReason;
			return this;
		}

		StateBuilder expiryChecks(int expiryChecks) {
			this.expiryChecks = expiryChecks;
			return this;
		}

		OrderPaymentState build() {
			return new OrderPaymentState(this.s.mchid(), this.s.outTradeNo(), this.s.merchantOrderNo(), this.status,
					this.s.amountTotal(), this.s.currency(), this.s.description(), this.s.createdAt(),
					this.s.expireAt(), this.transactionId, this.paidAt, this.paidAmount, this.paidSource,
					this.refundedAmount, this.refunds, this.closedAt, this.closeReason, this.expiryChecks,
					this.s.version() + 1, this.now, this.payerTotal);
		}

	}

}
