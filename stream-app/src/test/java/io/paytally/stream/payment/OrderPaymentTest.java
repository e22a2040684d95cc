package io.paytally.stream.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.paytally.schemas.AnomalyType;
import io.paytally.schemas.ExpiryCheck;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.RefundStatus;
import io.paytally.schemas.SuggestedAction;
import io.paytally.schemas.TradeState;

import static io.paytally.stream.payment.OrderPaymentFixtures.AMOUNT;
import static io.paytally.stream.payment.OrderPaymentFixtures.CREATED_AT;
import static io.paytally.stream.payment.OrderPaymentFixtures.EXPIRE_AT;
import static io.paytally.stream.payment.OrderPaymentFixtures.FIRST_SUCCESS;
import static io.paytally.stream.payment.OrderPaymentFixtures.FIRST_TRANSACTION;
import static io.paytally.stream.payment.OrderPaymentFixtures.MCHID;
import static io.paytally.stream.payment.OrderPaymentFixtures.MERCHANT_ORDER_NO;
import static io.paytally.stream.payment.OrderPaymentFixtures.OUT_TRADE_NO;
import static io.paytally.stream.payment.OrderPaymentFixtures.RULES;
import static io.paytally.stream.payment.OrderPaymentFixtures.checkingOrder;
import static io.paytally.stream.payment.OrderPaymentFixtures.cancelled;
import static io.paytally.stream.payment.OrderPaymentFixtures.created;
import static io.paytally.stream.payment.OrderPaymentFixtures.paidOrder;
import static io.paytally.stream.payment.OrderPaymentFixtures.payment;
import static io.paytally.stream.payment.OrderPaymentFixtures.pendingOrder;
import static io.paytally.stream.payment.OrderPaymentFixtures.refund;
import static io.paytally.stream.payment.OrderPaymentFixtures.successCallback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class OrderPaymentTest {

	@Test
	void createsPendingOrderDueAtItsExpiry() {
		Outcome outcome = OrderPayment.unknown().create(created(), CREATED_AT, RULES);

		assertThat(outcome.transitions()).containsExactly(Transition.created(OrderPaymentState.pending(MCHID,
				OUT_TRADE_NO, MERCHANT_ORDER_NO, AMOUNT, "CNY", "Demo A", CREATED_AT, EXPIRE_AT)));
		assertThat(outcome.next().dueAt()).isEqualTo(EXPIRE_AT);
	}

	@Test
	void keepsTheOrderAmountAndThePayersPartOfACouponPaymentAndItsRefund() {
		Instant at = FIRST_SUCCESS;
		PaymentNotification coupon = new PaymentNotification("EV-C", NotificationSource.CALLBACK_V3, MCHID,
				"wx0000000000demo01", OUT_TRADE_NO, FIRST_TRANSACTION, TradeState.SUCCESS, "JSAPI", "OTHERS", AMOUNT,
				1050L, "CNY", at, null, at);
		Outcome paid = pendingOrder().payment(coupon, at, RULES);

		assertThat(paid.anomalies()).as("a coupon is no amount mismatch").isEmpty();
		OrderPaymentState state = paid.next().state();
		assertThat(List.of(state.status(), state.paidAmount(), state.payerTotal(), state.couponAmount()))
			.containsExactly(PaymentStatus.PAID, AMOUNT, 1050L, 200L);

		RefundNotification refund = new RefundNotification("EV-R", NotificationSource.CALLBACK_V3, MCHID, OUT_TRADE_NO,
				FIRST_TRANSACTION, "R1", "503R1", RefundStatus.SUCCESS, AMOUNT, 500, 1050L, 420L, at.plusSeconds(60),
				at.plusSeconds(61));
		OrderPaymentState refunded = paid.next().refund(refund, at.plusSeconds(61), RULES).next().state();

		assertThat(refunded.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
		assertThat(refunded.refundedAmount()).as("the amount the merchant asked back").isEqualTo(500);
		assertThat(refunded.payerTotal()).isEqualTo(1050L);
		assertThat(refunded.refunds()).containsExactly(
				new OrderPaymentState.Refund("R1", "503R1", 500, RefundStatus.SUCCESS, at.plusSeconds(60), 420L));
	}

	@Test
	void keepsFirstPaymentTimeOnRepeatedCallback() {
		OrderPayment paid = paidOrder();
		for (NotificationSource source : NotificationSource.values()) {
			Instant later = FIRST_SUCCESS.plusSeconds(3600);
			Outcome repeat = paid.payment(payment(TradeState.SUCCESS, source, later), later, RULES);
			assertThat(repeat.emitsNothing()).isTrue();
			assertThat(repeat.next()).isEqualTo(paid);
		}
		assertThat(paid.state().paidAt()).isEqualTo(FIRST_SUCCESS.minusSeconds(1));
		assertThat(paid.state().transactionId()).isEqualTo(FIRST_TRANSACTION);
		assertThat(paid.state().paidSource()).isEqualTo(NotificationSource.CALLBACK_V3);
		assertThat(paid.state().paidAmount()).isEqualTo(AMOUNT);
		assertThat(paid.dueAt()).isNull();
	}

	@Test
	void appliesNotificationHeldForUnknownOrderWhenTheOrderArrives() {
		Instant early = CREATED_AT.plusSeconds(5);
		Outcome held = OrderPayment.unknown().payment(successCallback(early), early, RULES);
		assertThat(held.emitsNothing()).isTrue();
		assertThat(held.next().dueAt()).isEqualTo(early.plus(RULES.unknownOrderGrace()));

		Instant arrival = early.plusSeconds(2);
		Outcome outcome = held.next().create(created(), arrival, RULES);

		assertThat(outcome.transitions()).extracting((t) -> t.to().status(), (t) -> t.to().version())
			.containsExactly(org.assertj.core.groups.Tuple.tuple(PaymentStatus.PENDING, 1L),
					org.assertj.core.groups.Tuple.tuple(PaymentStatus.PAID, 2L));
		assertThat(outcome.next().heldPayments()).isEmpty();
		assertThat(outcome.next().dueAt()).isNull();
		assertThat(outcome.next().state().paidAt()).isEqualTo(early.minusSeconds(1));
	}

	@Test
	void reportsUnknownOrderOnlyAfterTheGracePeriod() {
		Instant early = CREATED_AT.plusSeconds(5);
		OrderPayment held = OrderPayment.unknown().payment(successCallback(early), early, RULES).next();

		assertThat(held.due(early.plus(RULES.unknownOrderGrace()).minusMillis(1), RULES).emitsNothing()).isTrue();
		Instant graceOver = early.plus(RULES.unknownOrderGrace());
		Outcome outcome = held.due(graceOver, RULES);

		assertThat(outcome.anomalies())
			.containsExactly(new PaymentAnomaly("UNKNOWN_ORDER:" + MCHID + "@" + OUT_TRADE_NO,
					AnomalyType.UNKNOWN_ORDER, MCHID, OUT_TRADE_NO, null, null, null, AMOUNT, SuggestedAction.REVIEW,
					"1 notification(s) since " + early + " for an order never seen on orders.events", "stream-app",
					graceOver));
		assertThat(outcome.next().dueAt()).isNull();
		assertThat(outcome.next().due(graceOver.plusSeconds(3600), RULES).emitsNothing()).isTrue();
		// the order may still come: the held notification is applied then
		assertThat(outcome.next().create(created(), graceOver.plusSeconds(1), RULES).next().status())
			.isEqualTo(PaymentStatus.PAID);
	}

	@Test
	void amountMismatchIsNotPaidAndReported() {
		Outcome outcome = pendingOrder().payment(
				payment(TradeState.SUCCESS, NotificationSource.CALLBACK_V3, 1000, FIRST_SUCCESS), FIRST_SUCCESS, RULES);

		assertThat(outcome.next().status()).isEqualTo(PaymentStatus.AMOUNT_MISMATCH);
		assertThat(outcome.anomalies()).singleElement().satisfies((a) -> {
			assertThat(a.type()).isEqualTo(AnomalyType.AMOUNT_MISMATCH);
			assertThat(a.expectedAmount()).isEqualTo(AMOUNT);
			assertThat(a.actualAmount()).isEqualTo(1000L);
			assertThat(a.action()).isEqualTo(SuggestedAction.REVIEW);
		});
	}

	@Test
	void successAfterCloseIsPaidAndReported() {
		Instant late = EXPIRE_AT.plusSeconds(600);
		Outcome outcome = OrderPaymentFixtures.closedOrder().payment(successCallback(late), late, RULES);

		assertThat(outcome.next().status()).isEqualTo(PaymentStatus.PAID);
		assertThat(outcome.next().state().closedAt()).isEqualTo(EXPIRE_AT.plusSeconds(5));
		assertThat(outcome.anomalies()).singleElement()
			.satisfies((a) -> assertThat(a.action()).isEqualTo(SuggestedAction.FULFIL_OR_REFUND));
	}

	@Test
	void refundsAccumulateOncePerOutRefundNo() {
		Instant at = FIRST_SUCCESS.plusSeconds(60);
		OrderPayment partly = paidOrder().refund(refund("R-1", RefundStatus.PROCESSING, 500, at), at, RULES).next();
		partly = partly.refund(refund("R-1", RefundStatus.SUCCESS, 500, at), at, RULES).next();
		assertThat(partly.state().refundedAmount()).isEqualTo(500);
		assertThat(partly.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);

		Outcome repeat = partly.refund(refund("R-1", RefundStatus.SUCCESS, 500, at.plusSeconds(1)), at, RULES);
		assertThat(repeat.emitsNothing()).isTrue();
		Outcome lateProcessing = partly.refund(refund("R-1", RefundStatus.PROCESSING, 500, at), at, RULES);
		assertThat(lateProcessing.emitsNothing()).isTrue();

		OrderPayment full = partly.refund(refund("R-2", RefundStatus.SUCCESS, AMOUNT - 500, at), at, RULES).next();
		assertThat(full.status()).isEqualTo(PaymentStatus.REFUNDED);
		assertThat(full.state().refundedAmount()).isEqualTo(AMOUNT);
		assertThat(full.state().refunds()).extracting(OrderPaymentState.Refund::outRefundNo)
			.containsExactly("R-1", "R-2");
	}

	@Test
	void refundBeyondThePaidAmountIsAnAnomaly() {
		Instant at = FIRST_SUCCESS.plusSeconds(60);
		Outcome outcome = paidOrder().refund(refund("R-1", RefundStatus.SUCCESS, AMOUNT + 1, at), at, RULES);

		assertThat(outcome.next().status()).isEqualTo(PaymentStatus.REFUNDED);
		assertThat(outcome.anomalies()).singleElement().satisfies((a) -> {
			assertThat(a.type()).isEqualTo(AnomalyType.OVER_REFUND);
			assertThat(a.anomalyId()).isEqualTo("OVER_REFUND:" + MCHID + "@" + OUT_TRADE_NO + ":R-1");
			assertThat(a.expectedAmount()).isEqualTo(AMOUNT);
			assertThat(a.actualAmount()).isEqualTo(AMOUNT + 1);
		});
	}

	@Test
	void rechecksForAsLongAsItTakesWaitingTwiceAsLongEachTimeUpToTheCeiling() {
		OrderPayment order = checkingOrder();
		List<Duration> waits = new ArrayList<>();
		List<PaymentAnomaly> anomalies = new ArrayList<>();
		for (int check = 2; check <= 12; check++) {
			Instant at = order.dueAt();
			Outcome outcome = order.due(at, RULES);
			assertThat(outcome.checks()).singleElement()
				.satisfies((c) -> assertThat(c.attempt()).isEqualTo(outcome.next().state().expiryChecks()));
			anomalies.addAll(outcome.anomalies());
			waits.add(Duration.between(at, outcome.next().dueAt()));
			order = outcome.next();
		}

		assertThat(order.status()).isEqualTo(PaymentStatus.CHECKING);
		assertThat(order.state().expiryChecks()).isEqualTo(12);
		assertThat(waits).containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(240),
				Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5),
				Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5));
		assertThat(anomalies).singleElement().satisfies((a) -> {
			assertThat(a.anomalyId()).isEqualTo("QUERY_UNANSWERED:" + MCHID + "@" + OUT_TRADE_NO);
			assertThat(a.action()).isEqualTo(SuggestedAction.REVIEW);
		});
	}

	@Test
	void saysTheWaitIsOverWhenWechatFinallyAnswers() {
		OrderPayment order = checkingOrder();
		for (int check = 2; check <= RULES.unansweredChecksBeforeAnomaly() + 1; check++) {
			order = order.due(order.dueAt(), RULES).next();
		}
		Instant at = order.dueAt().minusSeconds(1);

		Outcome outcome = order.payment(successCallback(at), at, RULES);

		assertThat(outcome.next().status()).isEqualTo(PaymentStatus.PAID);
		assertThat(outcome.next().dueAt()).isNull();
		assertThat(outcome.anomalies()).singleElement().satisfies((a) -> {
			assertThat(a.anomalyId()).isEqualTo("QUERY_UNANSWERED:" + MCHID + "@" + OUT_TRADE_NO + ":answered");
			assertThat(a.action()).isEqualTo(SuggestedAction.NONE);
			assertThat(a.detail()).contains("the order is PAID");
		});
	}

	@Test
	void saysNothingAboutWaitingWhenWechatAnsweredInTime() {
		Outcome outcome = checkingOrder().payment(
				payment(TradeState.CLOSED, NotificationSource.ACTIVE_QUERY, EXPIRE_AT.plusSeconds(3)),
				EXPIRE_AT.plusSeconds(3), RULES);

		assertThat(outcome.next().status()).isEqualTo(PaymentStatus.CLOSED);
		assertThat(outcome.anomalies()).isEmpty();
	}

	@Test
	void userPayingLooksAgainShortlyWithoutCountingAsUnanswered() {
		Instant at = EXPIRE_AT.plusSeconds(2);
		Outcome outcome = checkingOrder().payment(payment(TradeState.USERPAYING, NotificationSource.ACTIVE_QUERY, at),
				at, RULES);

		assertThat(outcome.emitsNothing()).isTrue();
		assertThat(outcome.next().dueAt()).isEqualTo(at.plus(RULES.userPayingRecheck()));
		assertThat(outcome.next().checksUnanswered()).isZero();
	}

	@Test
	void notPaidTooEarlyToCloseLooksAgainWhenClosingIsAllowed() {
		OrderPayment checking = OrderPayment.unknown()
			.create(OrderPaymentFixtures.created(), CREATED_AT, RULES)
			.next()
			.cancel(OrderPaymentFixtures.cancelled(), CREATED_AT.plusSeconds(60), RULES)
			.next();
		Instant at = CREATED_AT.plusSeconds(62);
		Outcome outcome = checking.payment(payment(TradeState.NOTPAY, NotificationSource.ACTIVE_QUERY, at), at, RULES);

		assertThat(outcome.emitsNothing()).isTrue();
		assertThat(outcome.next().dueAt()).isEqualTo(CREATED_AT.plus(Duration.ofMinutes(5)));
		Outcome closed = outcome.next()
			.payment(payment(TradeState.CLOSED, NotificationSource.ACTIVE_QUERY, CREATED_AT.plusSeconds(301)),
					CREATED_AT.plusSeconds(301), RULES);
		assertThat(closed.next().state().closeReason()).isEqualTo(OrderPayment.CLOSED_CANCELLED);
	}

	@Test
	void orderNeverPlacedAtWechatIsClosed() {
		Instant at = EXPIRE_AT.plusSeconds(3);
		Outcome outcome = checkingOrder()
			.payment(payment(TradeState.ORDER_NOT_EXIST, NotificationSource.ACTIVE_QUERY, at), at, RULES);

		assertThat(outcome.next().state().closeReason()).isEqualTo(OrderPayment.CLOSED_NEVER_PLACED);
		assertThat(outcome.next().state().closedAt()).isEqualTo(at);
	}

	@Test
	void ignoresAPaymentOfAnotherMerchantWithTheSameOutTradeNo() {
		PaymentNotification mine = successCallback(FIRST_SUCCESS);
		PaymentNotification othersSuccess = new PaymentNotification(mine.notificationId(), mine.source(), "1900000002",
				mine.appid(), mine.outTradeNo(), "4200000000000000000000000002", mine.tradeState(), mine.tradeType(),
				mine.bankType(), mine.amountTotal(), mine.payerTotal(), mine.currency(), mine.successTime(),
				mine.attach(), mine.receivedAt());

		Outcome outcome = pendingOrder().payment(othersSuccess, FIRST_SUCCESS, RULES);

		assertThat(outcome.next()).isEqualTo(pendingOrder());
		assertThat(outcome.transitions()).isEmpty();
		assertThat(outcome.anomalies()).isEmpty();
	}

	@Test
	void ignoresARefundOfAnotherMerchantWithTheSameOutTradeNo() {
		RefundNotification mine = refund("R-1", RefundStatus.SUCCESS, 500, FIRST_SUCCESS.plusSeconds(60));
		RefundNotification othersRefund = new RefundNotification(mine.notificationId(), mine.source(), "1900000002",
				mine.outTradeNo(), mine.transactionId(), mine.outRefundNo(), mine.refundId(), mine.refundStatus(),
				mine.amountTotal(), mine.refundAmount(), mine.payerTotal(), mine.payerRefund(), mine.successTime(),
				mine.receivedAt());

		Outcome outcome = paidOrder().refund(othersRefund, FIRST_SUCCESS.plusSeconds(60), RULES);

		assertThat(outcome.next()).isEqualTo(paidOrder());
		assertThat(outcome.transitions()).isEmpty();
	}

	@Test
	void judgesRefundsThatCameBeforeThePaymentAgainstThePaidAmount() {
		Instant at = FIRST_SUCCESS;
		OrderPayment refundedFirst = OrderPayment.unknown()
			.refund(refund("R-1", RefundStatus.SUCCESS, AMOUNT, at), at, RULES)
			.next()
			.refund(refund("R-2", RefundStatus.SUCCESS, 1, at), at, RULES)
			.next()
			.create(created(), at, RULES)
			.next();

		Outcome paid = refundedFirst.payment(successCallback(at.plusSeconds(5)), at.plusSeconds(5), RULES);

		assertThat(paid.next().status()).isEqualTo(PaymentStatus.REFUNDED);
		assertThat(paid.anomalies())
			.extracting(PaymentAnomaly::type, PaymentAnomaly::expectedAmount, PaymentAnomaly::actualAmount)
			.contains(tuple(AnomalyType.OVER_REFUND, AMOUNT, AMOUNT + 1));
	}

	@Test
	void asksWechatAboutAPendingOrderThatWechatRefundedAndIsCorrectedByTheAnswer() {
		Instant at = FIRST_SUCCESS;
		Outcome refunded = pendingOrder().refund(refund("R-1", RefundStatus.SUCCESS, 500, at), at, RULES);

		assertThat(refunded.next().status()).isEqualTo(PaymentStatus.CHECKING);
		assertThat(refunded.next().state().refundedAmount()).isEqualTo(500);
		assertThat(refunded.checks()).extracting(ExpiryCheck::reason).containsExactly(ExpiryCheck.Reason.REFUNDED);
		assertThat(refunded.anomalies()).extracting(PaymentAnomaly::anomalyId)
			.containsExactly("REFUNDED_UNPAID:" + MCHID + "@" + OUT_TRADE_NO + ":R-1");

		Instant answered = at.plusSeconds(2);
		Outcome corrected = refunded.next()
			.payment(payment(TradeState.REFUND, NotificationSource.ACTIVE_QUERY, answered), answered, RULES);

		assertThat(corrected.next().state())
			.extracting(OrderPaymentState::status, OrderPaymentState::paidAmount, OrderPaymentState::refundedAmount,
					OrderPaymentState::paidSource, OrderPaymentState::version)
			.containsExactly(PaymentStatus.PARTIALLY_REFUNDED, AMOUNT, 500L, NotificationSource.ACTIVE_QUERY, 3L);
		assertThat(corrected.anomalies()).isEmpty();
	}

	@Test
	void reportsAnAbnormalRefundWithWhatToDo() {
		Instant at = FIRST_SUCCESS.plusSeconds(60);
		Outcome outcome = paidOrder().refund(refund("R-1", RefundStatus.ABNORMAL, 500, at), at, RULES);

		assertThat(outcome.next().status()).isEqualTo(PaymentStatus.PAID);
		assertThat(outcome.next().state().refunds()).extracting(OrderPaymentState.Refund::status)
			.containsExactly(RefundStatus.ABNORMAL);
		assertThat(outcome.anomalies()).singleElement().satisfies((a) -> {
			assertThat(a.anomalyId()).isEqualTo("REFUND_ABNORMAL:" + MCHID + "@" + OUT_TRADE_NO + ":R-1");
			assertThat(a.actualAmount()).isEqualTo(500);
			assertThat(a.detail()).contains("abnormal refund");
		});
	}

	@Test
	void endsPaidAndSaysSoWhenThePayerPaysWhileTheMerchantsCancelIsCarriedOut() {
		Instant cancelledAt = CREATED_AT.plusSeconds(90);
		OrderPayment cancelling = pendingOrder().cancel(cancelled(), cancelledAt, RULES).next();
		Instant paidAt = cancelledAt.plusSeconds(1);

		Outcome outcome = cancelling.payment(payment(TradeState.SUCCESS, NotificationSource.ACTIVE_QUERY, paidAt),
				paidAt, RULES);

		assertThat(outcome.next().status()).isEqualTo(PaymentStatus.PAID);
		assertThat(outcome.anomalies()).singleElement().satisfies((a) -> {
			assertThat(a.anomalyId()).isEqualTo("CANCELLED_BUT_PAID:" + MCHID + "@" + OUT_TRADE_NO);
			assertThat(a.action()).isEqualTo(SuggestedAction.FULFIL_OR_REFUND);
			assertThat(a.actualAmount()).isEqualTo(AMOUNT);
		});
	}

	@Test
	void answersTheCancelOfAPaidOrderWithAnAnomalyAndKeepsItPaid() {
		Outcome outcome = paidOrder().cancel(cancelled(), FIRST_SUCCESS.plusSeconds(30), RULES);

		assertThat(outcome.next()).isEqualTo(paidOrder());
		assertThat(outcome.transitions()).isEmpty();
		assertThat(outcome.anomalies()).extracting(PaymentAnomaly::type, PaymentAnomaly::action)
			.containsExactly(tuple(AnomalyType.CANCELLED_BUT_PAID, SuggestedAction.FULFIL_OR_REFUND));
	}

}
