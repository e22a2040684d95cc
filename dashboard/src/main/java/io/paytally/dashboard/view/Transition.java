package io.paytally.dashboard.view;

import java.time.Instant;

import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStatus;

/**
 * One version of an order on {@code orders.state}: what it became, when, and by which
 * road WeChat's word came (the source of its first success).
 *
 * @param version the order's version
 * @param status its state after the transition
 * @param at when the transition happened
 * @param paidSource which source reported the payment, once paid
 * @param paidAt WeChat's success time, once paid
 * @param paidAmount what WeChat says was paid in fen, once paid
 * @param refundedAmount the sum of successful refunds in fen
 * @param refunds how many refunds were seen
 * @param transactionId WeChat's order number, once paid
 * @param closeReason why it was closed, if it was
 * @param expiryChecks how many expiry checks were asked for
 */
public record Transition(long version, PaymentStatus status, Instant at, NotificationSource paidSource, Instant paidAt,
		Long paidAmount, long refundedAmount, int refunds, String transactionId, String closeReason, int expiryChecks) {

	static Transition of(OrderPaymentState state) {
		return new Transition(state.version(), state.status(), state.updatedAt(), state.paidSource(), state.paidAt(),
				state.paidAmount(), state.refundedAmount(), state.refunds().size(), state.transactionId(),
				state.closeReason(), state.expiryChecks());
	}

}
