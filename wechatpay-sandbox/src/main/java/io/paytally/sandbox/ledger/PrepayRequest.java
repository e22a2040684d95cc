package io.paytally.sandbox.ledger;

import java.time.OffsetDateTime;

/**
 * What a merchant asks for when it places an order (JSAPI, NATIVE, APP or MWEB).
 */
public record PrepayRequest(String mchid, String appid, String outTradeNo, String tradeType, String description,
		String attach, String notifyUrl, long total, String currency, String payerOpenid, OffsetDateTime timeExpire) {

}
