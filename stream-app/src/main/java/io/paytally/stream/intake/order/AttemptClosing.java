package io.paytally.stream.intake.order;

/**
 * The merchant order's current payment order has expired or was cancelled and is being
 * checked and closed at WeChat; once it is closed a new attempt can be made.
 */
public class AttemptClosing extends RuntimeException {

	private final String outTradeNo;

	public AttemptClosing(String merchantOrderNo, String outTradeNo, String why) {
		super("payment order " + outTradeNo + " of merchant order " + merchantOrderNo + " " + why
				+ "; it is being closed, retry after it is closed");
		this.outTradeNo = outTradeNo;
	}

	public String outTradeNo() {
		return this.outTradeNo;
	}

}
