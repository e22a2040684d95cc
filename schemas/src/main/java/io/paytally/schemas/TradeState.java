package io.paytally.schemas;

/**
 * WeChat Pay's {@code trade_state} of a payment order, plus {@link #ORDER_NOT_EXIST} for
 * an active query that WeChat answered with 404 {@code ORDER_NOT_EXIST}.
 */
public enum TradeState {

	SUCCESS, REFUND, NOTPAY, CLOSED, REVOKED, USERPAYING, PAYERROR, ACCEPT,

	/**
	 * Not a WeChat trade_state: the order was never placed at WeChat (active query only).
	 */
	ORDER_NOT_EXIST

}
