package io.paytally.stream.intake.order;

/**
 * The merchant order already has a payment order with other data (amount, description,
 * expiry), or WeChat refuses the data for its out_trade_no: nothing was changed.
 */
public class PaymentDataConflict extends RuntimeException {

	private final String outTradeNo;

	public PaymentDataConflict(String outTradeNo, String reason) {
		super(reason);
		this.outTradeNo = outTradeNo;
	}

	public String outTradeNo() {
		return this.outTradeNo;
	}

}
