package io.paytally.stream.intake.web;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.paytally.stream.intake.PaymentResult;
import io.paytally.stream.intake.order.Attempt;
import io.paytally.stream.intake.order.PaymentOrder;
import io.paytally.stream.intake.prepay.JsapiPayParameters;
import io.paytally.stream.intake.prepay.TradeType;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The answer to {@code POST /payments}: the payment order and what the payer's client
 * needs to pay it.
 *
 * @param mchid the merchant id
 * @param merchantOrderNo the merchant's order number
 * @param outTradeNo the payment order number at WeChat
 * @param attempt which payment order of the merchant order this is (1 first)
 * @param created whether this request created it (otherwise it repeated it)
 * @param amount the amount in fen
 * @param description what is sold
 * @param tradeType NATIVE or JSAPI
 * @param createdAt when the payment order was created
 * @param timeExpire when it stops being payable
 * @param prepayExpiresAt until when the pay parameters can be used at the latest
 * (WeChat's prepay lives 2 h); ask again after it
 * @param codeUrl NATIVE: the {@code weixin://} URL to show as a QR code
 * @param jsapi JSAPI: the parameters for {@code wx.requestPayment}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record PaymentResponse(String mchid, String merchantOrderNo, String outTradeNo, int attempt, boolean created,
		long amount, String description, TradeType tradeType, Instant createdAt, Instant timeExpire,
		Instant prepayExpiresAt, String codeUrl, JsapiPayParameters jsapi) {

	static PaymentResponse of(PaymentResult result) {
		PaymentOrder order = result.order();
		Attempt attempt = result.attempt();
		return new PaymentResponse(order.mchid(), order.merchantOrderNo(), attempt.outTradeNo(), attempt.attempt(),
				attempt.isNew(), order.amount(), order.description(), order.tradeType(), attempt.createdAt(),
				attempt.expireAt(), result.prepayExpiresAt(), result.payParameters().codeUrl(),
				result.payParameters().jsapi());
	}

}
