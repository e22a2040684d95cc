package io.paytally.stream.activequery;

import java.util.Optional;

import com.wechat.pay.java.service.payments.model.Transaction;

/**
 * Query and close of payment orders at WeChat.
 */
public interface WechatOrders {

	/**
	 * The order as WeChat knows it; empty when WeChat answers {@code ORDER_NOT_EXIST}.
	 * @throws WechatUnavailable when worth retrying
	 * @throws WechatRefused when not
	 */
	Optional<Transaction> query(String mchid, String outTradeNo);

	/**
	 * Closes an unpaid order.
	 * @return {@code false} when WeChat says the order was paid meanwhile
	 * @throws WechatUnavailable when worth retrying
	 * @throws WechatRefused when not
	 */
	boolean close(String mchid, String outTradeNo);

}
