package io.paytally.stream.intake;

/**
 * The merchant order is already paid: no new payment order is created.
 */
class AlreadyPaid extends RuntimeException {

	private final String outTradeNo;

	AlreadyPaid(String merchantOrderNo, String outTradeNo) {
		super("merchant order " + merchantOrderNo + " is already paid (out_trade_no " + outTradeNo + ")");
		this.outTradeNo = outTradeNo;
	}

	String outTradeNo() {
		return this.outTradeNo;
	}

}
