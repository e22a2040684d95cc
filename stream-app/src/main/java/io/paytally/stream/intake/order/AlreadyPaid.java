package io.paytally.stream.intake.order;

/**
 * The merchant order is already paid: no new payment order is created.
 */
public class AlreadyPaid extends RuntimeException {

	private final String outTradeNo;

	public AlreadyPaid(String merchantOrderNo, String outTradeNo) {
		super("merchant order " + merchantOrderNo + " is already paid (out_trade_no " + outTradeNo + ")");
		this.outTradeNo = outTradeNo;
	}

	public String outTradeNo() {
		return this.outTradeNo;
	}

}
