package io.paytally.schemas;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What WeChat Pay says about one payment order, from a callback, an active query or a
 * bill line. Value of {@code wxpay.payment-notifications}, keyed by {@link #key()}
 * (merchant and out_trade_no).
 *
 * @param notificationId the callback id ({@code EV-...}), the v2 nonce, or an id made up
 * by the active query or the bill repair; for tracing only
 * @param source where the notification came from
 * @param mchid the merchant id
 * @param appid the app id the order was placed under, if known
 * @param outTradeNo the merchant's payment order number
 * @param transactionId WeChat's order number; {@code null} when the order was never paid
 * @param tradeState the payment order's state at WeChat
 * @param tradeType JSAPI, NATIVE, APP, MWEB, MICROPAY...; {@code null} if unknown
 * @param bankType the payer's bank, if paid
 * @param amountTotal the order amount in fen
 * @param payerTotal what the payer paid in fen, if paid
 * @param currency ISO currency, {@code CNY}
 * @param successTime when the payment succeeded (WeChat's {@code success_time}), if it
 * did
 * @param attach the merchant's attach data, if any
 * @param receivedAt when paytally received this notification
 */
public record PaymentNotification(String notificationId, NotificationSource source, String mchid, String appid,
		String outTradeNo, String transactionId, TradeState tradeState, String tradeType, String bankType,
		long amountTotal, Long payerTotal, String currency, Instant successTime, String attach, Instant receivedAt) {

	public PaymentNotification {
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(mchid, "mchid");
		Objects.requireNonNull(outTradeNo, "outTradeNo");
		Objects.requireNonNull(tradeState, "tradeState");
		Objects.requireNonNull(receivedAt, "receivedAt");
	}

	/**
	 * Whether WeChat says the payer paid. Derived, so not part of the JSON (Jackson would
	 * otherwise write it as a {@code success} property).
	 */
	@JsonIgnore
	public boolean isSuccess() {
		return this.tradeState == TradeState.SUCCESS;
	}

	/** The record key: the merchant and its out_trade_no ({@link MerchantKey}). */
	public String key() {
		return MerchantKey.encode(this.mchid, this.outTradeNo);
	}

}
