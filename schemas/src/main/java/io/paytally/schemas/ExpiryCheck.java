package io.paytally.schemas;

import java.time.Instant;
import java.util.Objects;

/**
 * A request to ask WeChat about an unpaid order (and close it there). Value of
 * {@code orders.expiry-checks}, keyed by {@link #key()} (merchant and out_trade_no).
 *
 * @param mchid the merchant id
 * @param outTradeNo the payment order to check
 * @param reason why it is checked
 * @param orderCreatedAt when the order was created (WeChat must not be asked to close it
 * sooner than five minutes after)
 * @param expireAt when the order stopped being payable
 * @param attempt 1 for the first check, then one more for every recheck
 * @param requestedAt when the check was asked for
 */
public record ExpiryCheck(String mchid, String outTradeNo, Reason reason, Instant orderCreatedAt, Instant expireAt,
		int attempt, Instant requestedAt) {

	public ExpiryCheck {
		Objects.requireNonNull(mchid, "mchid");
		Objects.requireNonNull(outTradeNo, "outTradeNo");
		Objects.requireNonNull(reason, "reason");
		Objects.requireNonNull(requestedAt, "requestedAt");
	}

	/** Why an order is checked. */
	public enum Reason {

		/** It expired unpaid. */
		EXPIRED,

		/** The merchant cancelled it unpaid. */
		CANCELLED,

		/**
		 * A successful refund was seen for it while paytally did not show it paid: WeChat
		 * is asked what the payment was.
		 */
		REFUNDED

	}

	/** The record key: the merchant and its out_trade_no ({@link MerchantKey}). */
	public String key() {
		return MerchantKey.encode(this.mchid, this.outTradeNo);
	}

}
