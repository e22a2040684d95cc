package io.paytally.stream.intake.order;

import java.time.Instant;
import java.util.Objects;

import io.paytally.stream.intake.prepay.TradeType;

/**
 * A valid request to pay a merchant order, with the types paytally works with.
 *
 * @param mchid the merchant id
 * @param merchantOrderNo the merchant's order number
 * @param amount the amount in fen
 * @param description what is sold
 * @param tradeType how the payer pays
 * @param payerOpenid the payer's openid (JSAPI), otherwise {@code null}
 * @param timeExpire when the order stops being payable, if the merchant said so
 */
public record PaymentOrder(String mchid, String merchantOrderNo, long amount, String description, TradeType tradeType,
		String payerOpenid, Instant timeExpire) {

	public PaymentOrder {
		Objects.requireNonNull(mchid, "mchid");
		Objects.requireNonNull(merchantOrderNo, "merchantOrderNo");
		Objects.requireNonNull(description, "description");
		Objects.requireNonNull(tradeType, "tradeType");
	}

}
