package io.paytally.stream.intake;

/**
 * The payment state cannot be read right now (the stream is starting or rebalancing).
 */
public class PaymentStateUnavailable extends RuntimeException {

	PaymentStateUnavailable(String outTradeNo, RuntimeException cause) {
		super("the payment state of " + outTradeNo + " cannot be read right now", cause);
	}

}
