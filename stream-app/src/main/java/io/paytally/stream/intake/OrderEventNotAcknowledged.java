package io.paytally.stream.intake;

/**
 * Kafka did not acknowledge the OrderCreated in time. The payment order exists at WeChat;
 * a retry of the same request publishes the same event again.
 */
class OrderEventNotAcknowledged extends RuntimeException {

	private final String outTradeNo;

	OrderEventNotAcknowledged(String outTradeNo, Throwable cause) {
		super("orders.events did not acknowledge the creation of " + outTradeNo + "; retry the same request", cause);
		this.outTradeNo = outTradeNo;
	}

	String outTradeNo() {
		return this.outTradeNo;
	}

}
