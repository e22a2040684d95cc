package io.paytally.stream.intake.prepay;

/**
 * WeChat Pay did not answer, answered with a server error or refused the request for a
 * reason that is ours to fix (not the order data): nothing was published.
 */
public class WechatPayUnavailable extends RuntimeException {

	private final String outTradeNo;

	WechatPayUnavailable(String outTradeNo, String message, Throwable cause) {
		super(message, cause);
		this.outTradeNo = outTradeNo;
	}

	public String outTradeNo() {
		return this.outTradeNo;
	}

}
