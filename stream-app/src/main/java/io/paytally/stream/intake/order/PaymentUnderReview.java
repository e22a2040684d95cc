package io.paytally.stream.intake.order;

/**
 * WeChat took a different amount on a payment order of the merchant order: it needs a
 * person's review before anyone pays again.
 */
public class PaymentUnderReview extends RuntimeException {

	private final String outTradeNo;

	PaymentUnderReview(String merchantOrderNo, String outTradeNo) {
		super("merchant order " + merchantOrderNo + " has a payment with a different amount under review (out_trade_no "
				+ outTradeNo + ")");
		this.outTradeNo = outTradeNo;
	}

	public String outTradeNo() {
		return this.outTradeNo;
	}

}
