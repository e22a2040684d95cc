package io.paytally.stream.intake;

import java.util.Optional;

import io.paytally.schemas.OrderPaymentState;

/**
 * The current payment state of a payment order, from the stream's state store (on
 * whichever instance holds it).
 */
@FunctionalInterface
public interface PaymentStateLookup {

	/**
	 * The payment state of a payment order.
	 * @param mchid the merchant
	 * @param outTradeNo the payment order number, unique within the merchant
	 * @return its state, or empty when the stream does not know it
	 */
	Optional<OrderPaymentState> find(String mchid, String outTradeNo);

}
