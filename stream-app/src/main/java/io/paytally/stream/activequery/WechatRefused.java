package io.paytally.stream.activequery;

/**
 * WeChat refused a query or close for good (a 4xx other than 429 and ORDER_NOT_EXIST):
 * retrying will not help.
 */
public class WechatRefused extends RuntimeException {

	public WechatRefused(String message, Throwable cause) {
		super(message, cause);
	}

}
