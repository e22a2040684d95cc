package io.paytally.stream.activequery;

/**
 * WeChat's answer to a query or close did not verify: its signature or the serial it
 * names (a platform certificate not listed at {@code /v3/certificates}) is not WeChat's.
 * Its content is ignored; the call is worth retrying.
 */
public class WechatReplyUnverified extends WechatUnavailable {

	public WechatReplyUnverified(String message, Throwable cause) {
		super(message, cause);
	}

}
