package io.paytally.stream.activequery;

/**
 * WeChat could not be reached or asked us to come back (network error, 5xx, 429): worth
 * retrying.
 */
public class WechatUnavailable extends RuntimeException {

	public WechatUnavailable(String message, Throwable cause) {
		super(message, cause);
	}

}
