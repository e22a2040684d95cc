package io.paytally.stream.topology;

import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.RefundNotification;

/**
 * One input of the order processor: exactly one of its components is set.
 */
record OrderInput(OrderEvent event, PaymentNotification payment, RefundNotification refund) {

	static OrderInput of(OrderEvent event) {
		return new OrderInput(event, null, null);
	}

	static OrderInput of(PaymentNotification payment) {
		return new OrderInput(null, payment, null);
	}

	static OrderInput of(RefundNotification refund) {
		return new OrderInput(null, null, refund);
	}

	/** The key of the order this input is about: its merchant and out_trade_no. */
	String orderKey() {
		if (this.event != null) {
			return this.event.key();
		}
		return (this.payment != null) ? this.payment.key() : this.refund.orderKey();
	}

}
