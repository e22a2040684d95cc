package io.paytally.stream.intake.prepay;

/**
 * Places (or places again) a payment order at WeChat and gets the payer's pay parameters.
 */
public interface WechatPrepay {

	/**
	 * Prepays an order at WeChat. WeChat answers the same out_trade_no with the same
	 * parameters again with a valid prepay, and refuses other parameters.
	 * @throws WechatRefusedOrder when WeChat refuses the order's data or state
	 * @throws WechatPayUnavailable when WeChat cannot be reached or fails
	 */
	PayParameters prepay(PrepayCall call);

}
