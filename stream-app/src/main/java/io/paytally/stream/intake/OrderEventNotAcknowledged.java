package io.paytally.stream.intake;

/**
 * Kafka did not acknowledge an order event in time. For an OrderCreated nothing was sent
 * to WeChat yet; the same request again adopts the creation if it reached the broker
 * after all, or announces it again.
 */
public class OrderEventNotAcknowledged extends RuntimeException {

	private final String outTradeNo;

	OrderEventNotAcknowledged(String outTradeNo, Throwable cause) {
		super("orders.events did not acknowledge the creation of " + outTradeNo + "; retry the same request", cause);
		this.outTradeNo = outTradeNo;
	}

	public String outTradeNo() {
		return this.outTradeNo;
	}

}
