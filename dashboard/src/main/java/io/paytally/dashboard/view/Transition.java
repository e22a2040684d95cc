package io.paytally.dashboard.view;

import java.time.Instant;
import java.util.List;

import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStatus;

/**
 * One version of an order on {@code orders.state}: what it became and when. By which road
 * it came and what WeChat said is {@link Road}, from this version and the one before.
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
 * @param refundList every refund seen with its status and amount; {@code null} in a
 * version stored before the dashboard kept them
 */
public record Transition(long version, PaymentStatus status, Instant at, NotificationSource paidSource, Instant paidAt,
		Long paidAmount, long refundedAmount, int refunds, String transactionId, String closeReason, int expiryChecks,
		List<OrderPaymentState.Refund> refundList) {

	static Transition of(OrderPaymentState state) {
		return new Transition(state.version(), state.status(), state.updatedAt(), state.paidSource(), state.paidAt(),
				state.paidAmount(), state.refundedAmount(), state.refunds().size(), state.transactionId(),
				state.closeReason(), state.expiryChecks(), state.refunds());
	}

}
