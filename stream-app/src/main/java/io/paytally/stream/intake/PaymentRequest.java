package io.paytally.stream.intake;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /payments}: pay a merchant order. Text fields stay text so that a wrong
 * value gets a clear 400 naming the field rather than a parse failure.
 *
 * @param mchid the merchant id (one served here)
 * @param merchantOrderNo the merchant's order number, 1 to 64 printable characters
 * @param amount the amount in fen, at least 1
 * @param description what is sold, 1 to 127 characters (WeChat's limit)
 * @param tradeType {@code NATIVE} (QR code) or {@code JSAPI} (in WeChat)
 * @param payerOpenid the payer's openid under the merchant's appid; JSAPI only, required
 * there
 * @param timeExpire optional: when the order stops being payable, RFC 3339 (e.g.
 * {@code 2026-11-23T20:00:00+08:00}); default now + the configured payable period
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PaymentRequest(String mchid, String merchantOrderNo, Long amount, String description, String tradeType,
		String payerOpenid, String timeExpire) {

}
