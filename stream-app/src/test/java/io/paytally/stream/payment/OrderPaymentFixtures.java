package io.paytally.stream.payment;

import java.time.Duration;
import java.time.Instant;

import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.RefundStatus;
import io.paytally.schemas.TradeState;

/**
 * Orders in every state, and the inputs that move them, for the domain tests.
 */
final class OrderPaymentFixtures {

	static final String MCHID = "1900000001";

	static final String OUT_TRADE_NO = "PT1900000001A0001";

	static final String MERCHANT_ORDER_NO = "SO-0001";

	static final long AMOUNT = 1250;

	static final Instant CREATED_AT = Instant.parse("2026-03-01T01:00:00Z");

	static final Instant EXPIRE_AT = CREATED_AT.plus(Duration.ofMinutes(15));

	static final String FIRST_TRANSACTION = "4200000000202603010000000001";

	static final Instant FIRST_SUCCESS = CREATED_AT.plus(Duration.ofMinutes(1));

	static final PaymentRules RULES = PaymentRules.DEFAULTS;

	private OrderPaymentFixtures() {
	}

	static OrderEvent created() {
		return OrderEvent.created(MCHID, OUT_TRADE_NO, MERCHANT_ORDER_NO, AMOUNT, "Demo A", CREATED_AT, EXPIRE_AT);
	}

	static OrderEvent cancelled() {
		return OrderEvent.cancelled(MCHID, OUT_TRADE_NO, CREATED_AT.plusSeconds(90), "customer gave up");
	}

	static PaymentNotification payment(TradeState tradeState, NotificationSource source, Instant receivedAt) {
		return payment(tradeState, source, AMOUNT, receivedAt);
	}

	static PaymentNotification payment(TradeState tradeState, NotificationSource source, long amount,
			Instant receivedAt) {
		boolean paid = tradeState == TradeState.SUCCESS || tradeState == TradeState.REFUND;
		return new PaymentNotification("EV-" + receivedAt.toEpochMilli(), source, MCHID, "wx0000000000demo01",
				OUT_TRADE_NO, paid ? FIRST_TRANSACTION : null, tradeState, "JSAPI", paid ? "OTHERS" : null, amount,
				paid ? amount : null, "CNY", paid ? receivedAt.minusSeconds(1) : null, null, receivedAt);
	}

	static PaymentNotification successCallback(Instant receivedAt) {
		return payment(TradeState.SUCCESS, NotificationSource.CALLBACK_V3, receivedAt);
	}

	static RefundNotification refund(String outRefundNo, RefundStatus status, long amount, Instant receivedAt) {
		return new RefundNotification("EV-R-" + receivedAt.toEpochMilli(), NotificationSource.CALLBACK_V3, MCHID,
				OUT_TRADE_NO, FIRST_TRANSACTION, outRefundNo, "503" + outRefundNo, status, AMOUNT, amount, AMOUNT,
				amount, (status == RefundStatus.SUCCESS) ? receivedAt.minusSeconds(1) : null, receivedAt);
	}

	static OrderPayment unknownOrder() {
		return OrderPayment.unknown();
	}

	static OrderPayment pendingOrder() {
		return OrderPayment.unknown().create(created(), CREATED_AT, RULES).next();
	}

	static OrderPayment checkingOrder() {
		return pendingOrder().due(EXPIRE_AT, RULES).next();
	}

	static OrderPayment paidOrder() {
		return pendingOrder()
			.payment(payment(TradeState.SUCCESS, NotificationSource.CALLBACK_V3, FIRST_SUCCESS), FIRST_SUCCESS, RULES)
			.next();
	}

	static OrderPayment closedOrder() {
		Instant at = EXPIRE_AT.plusSeconds(5);
		return checkingOrder().payment(payment(TradeState.CLOSED, NotificationSource.ACTIVE_QUERY, at), at, RULES)
			.next();
	}

	static OrderPayment partiallyRefundedOrder() {
		Instant at = FIRST_SUCCESS.plusSeconds(600);
		return paidOrder().refund(refund("R-1", RefundStatus.SUCCESS, 500, at), at, RULES).next();
	}

	static OrderPayment refundedOrder() {
		Instant at = FIRST_SUCCESS.plusSeconds(600);
		return paidOrder().refund(refund("R-1", RefundStatus.SUCCESS, AMOUNT, at), at, RULES).next();
	}

	static OrderPayment amountMismatchOrder() {
		return pendingOrder()
			.payment(payment(TradeState.SUCCESS, NotificationSource.CALLBACK_V3, 1000, FIRST_SUCCESS), FIRST_SUCCESS,
					RULES)
			.next();
	}

}
