package io.paytally.stream.intake.prepay;

import java.time.Instant;

/**
 * One prepay at WeChat: always the same parameters for the same out_trade_no.
 *
 * @param mchid the merchant id
 * @param outTradeNo the payment order number
 * @param description what is sold
 * @param amount the amount in fen
 * @param tradeType NATIVE or JSAPI
 * @param payerOpenid the payer's openid (JSAPI)
 * @param timeExpire when the order stops being payable
 * @param notifyUrl where WeChat sends the payment's callback
 */
public record PrepayCall(String mchid, String outTradeNo, String description, long amount, TradeType tradeType,
		String payerOpenid, Instant timeExpire, String notifyUrl) {

}
