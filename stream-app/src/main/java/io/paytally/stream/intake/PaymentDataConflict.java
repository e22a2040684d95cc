package io.paytally.stream.intake;

/**
 * The merchant order already has a payment order with other data (amount, description,
 * expiry), or WeChat refuses the data for its out_trade_no: nothing was changed.
 */
class PaymentDataConflict extends RuntimeException {

	private final String outTradeNo;

	PaymentDataConflict(String outTradeNo, String reason) {
		super(reason);
		this.outTradeNo = outTradeNo;
	}

	String outTradeNo() {
		return this.outTradeNo;
	}

}
