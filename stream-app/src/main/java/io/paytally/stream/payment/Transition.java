package io.paytally.stream.payment;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStatus;

/**
 * One state change of an order.
 *
 * @param from the status before, {@code null} when the order was created
 * @param to the state after (its version is one more than before)
 */
public record Transition(PaymentStatus from, OrderPaymentState to) {

	/** Whether this transition is the order's first success (paid or mismatched). */
	@JsonIgnore
	public boolean isFirstSuccess() {
		return (this.from == null || this.from == PaymentStatus.PENDING || this.from == PaymentStatus.CHECKING
				|| this.from == PaymentStatus.CLOSED) && this.to.transactionId() != null;
	}

}
