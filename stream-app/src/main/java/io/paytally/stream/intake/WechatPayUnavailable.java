package io.paytally.stream.intake;

/**
 * WeChat Pay did not answer, answered with a server error or refused the request for a
 * reason that is ours to fix (not the order data): nothing was published.
 */
class WechatPayUnavailable extends RuntimeException {

	private final String outTradeNo;

	WechatPayUnavailable(String outTradeNo, String message, Throwable cause) {
		super(message, cause);
		this.outTradeNo = outTradeNo;
	}

	String outTradeNo() {
		return this.outTradeNo;
	}

}
