package io.paytally.stream.payment;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStatus;

/**
 * One state change of an order.
 *
 * @param from the status before, {@code null} when the order was created
 * @param to the state after (its version is one more than before)
 * @param refundedBefore the refunded amount before, in fen
 */
public record Transition(PaymentStatus from, OrderPaymentState to, long refundedBefore) {

	/** The transition of a newly created order. */
	static Transition created(OrderPaymentState to) {
		return new Transition(null, to, 0);
	}

	/** The transition from one state to its next version. */
	static Transition of(OrderPaymentState from, OrderPaymentState to) {
		return new Transition(from.status(), to, from.refundedAmount());
	}

	/** How much more was refunded in this transition, in fen. */
	public long newlyRefunded() {
		return this.to.refundedAmount() - this.refundedBefore;
	}

	/** Whether this transition is the order's first success (paid or mismatched). */
	@JsonIgnore
	public boolean isFirstSuccess() {
		return (this.from == null || this.from == PaymentStatus.PENDING || this.from == PaymentStatus.CHECKING
				|| this.from == PaymentStatus.CLOSED) && this.to.transactionId() != null;
	}

}
