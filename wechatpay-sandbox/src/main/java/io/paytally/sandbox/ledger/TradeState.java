package io.paytally.sandbox.ledger;

/**
 * WeChat's trade_state of an order.
 */
public enum TradeState {

	NOTPAY("订单未支付"), USERPAYING("用户支付中"), SUCCESS("支付成功"), REFUND("转入退款"), CLOSED("订单已关闭");

	private final String description;

	TradeState(String description) {
		this.description = description;
	}

	public String description() {
		return this.description;
	}

}
