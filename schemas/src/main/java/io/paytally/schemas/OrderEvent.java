package io.paytally.schemas;

import java.time.Instant;
import java.util.Objects;

/**
 * What the merchant's order system says about a payment order. Value of
 * {@code orders.events}, keyed by {@link #key()} (merchant and out_trade_no).
 *
 * @param type created or cancelled
 * @param mchid the merchant id
 * @param outTradeNo the payment order number sent to WeChat
 * @param merchantOrderNo the merchant's own order number (several payment orders may
 * belong to one merchant order, one per attempt); {@code null} on a cancellation
 * @param amountTotal the amount to pay in fen (creation only, otherwise 0)
 * @param currency ISO currency, {@code CNY} (creation only)
 * @param description what is sold (creation only)
 * @param createdAt when the payment order was created at WeChat (creation only)
 * @param expireAt when the payment order stops being payable (creation only)
 * @param occurredAt when the event happened
 * @param reason why the order was cancelled (cancellation only)
 */
public record OrderEvent(Type type, String mchid, String outTradeNo, String merchantOrderNo, long amountTotal,
		String currency, String description, Instant createdAt, Instant expireAt, Instant occurredAt, String reason) {

	public OrderEvent {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(mchid, "mchid");
		Objects.requireNonNull(outTradeNo, "outTradeNo");
		Objects.requireNonNull(occurredAt, "occurredAt");
		if (type == Type.CREATED) {
			Objects.requireNonNull(merchantOrderNo, "merchantOrderNo");
			Objects.requireNonNull(createdAt, "createdAt");
			Objects.requireNonNull(expireAt, "expireAt");
			if (amountTotal < 1) {
				throw new IllegalArgumentException("amountTotal must be at least 1 fen, was " + amountTotal);
			}
		}
	}

	/** A payment order was created (and prepaid at WeChat). */
	public static OrderEvent created(String mchid, String outTradeNo, String merchantOrderNo, long amountTotal,
			String description, Instant createdAt, Instant expireAt) {
		return new OrderEvent(Type.CREATED, mchid, outTradeNo, merchantOrderNo, amountTotal, "CNY", description,
				createdAt, expireAt, createdAt, null);
	}

	/**
	 * The merchant cancelled a payment order (it should be checked and closed at WeChat).
	 */
	public static OrderEvent cancelled(String mchid, String outTradeNo, Instant occurredAt, String reason) {
		return new OrderEvent(Type.CANCELLED, mchid, outTradeNo, null, 0, null, null, null, null, occurredAt, reason);
	}

	/** The kinds of order event. */
	public enum Type {

		CREATED, CANCELLED

	}

	/** The record key: the merchant and its out_trade_no ({@link MerchantKey}). */
	public String key() {
		return MerchantKey.encode(this.mchid, this.outTradeNo);
	}

}
