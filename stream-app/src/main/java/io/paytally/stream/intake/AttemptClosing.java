package io.paytally.stream.intake;

/**
 * The merchant order's current payment order has expired or was cancelled and is being
 * checked and closed at WeChat; once it is closed a new attempt can be made.
 */
class AttemptClosing extends RuntimeException {

	private final String outTradeNo;

	AttemptClosing(String merchantOrderNo, String outTradeNo, String why) {
		super("payment order " + outTradeNo + " of merchant order " + merchantOrderNo + " " + why
				+ "; it is being closed, retry after it is closed");
		this.outTradeNo = outTradeNo;
	}

	String outTradeNo() {
		return this.outTradeNo;
	}

}
