package io.paytally.stream.intake;

/**
 * The OrderCreated of a payment order was published, but the stream's state store did not
 * show it in time: after this request's own publish, or when a repeat of a request whose
 * creation this instance published came too near its time_expire for a new payment order.
 * Nothing was sent to WeChat; the same request again adopts the payment order's data from
 * the store once it shows them.
 */
public class CreationNotYetApplied extends RuntimeException {

	private final String outTradeNo;

	public CreationNotYetApplied(String outTradeNo) {
		super("the creation of payment order " + outTradeNo
				+ " is not applied by the payment state yet; retry the same request");
		this.outTradeNo = outTradeNo;
	}

	public String outTradeNo() {
		return this.outTradeNo;
	}

}
