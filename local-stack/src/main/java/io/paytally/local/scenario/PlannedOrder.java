package io.paytally.local.scenario;

/**
 * One merchant order of the day, as planned from the seed.
 *
 * @param index its number in the day
 * @param merchantOrderNo the merchant's order number
 * @param amount the amount in fen
 * @param kind what happens to it
 * @param refundAmount what is refunded (refund kinds), in fen
 * @param wrongAmount what WeChat takes instead (AMOUNT_MISMATCH), in fen
 * @param couponAmount what a coupon pays of it (coupon kinds), in fen
 * @param couponType the coupon's type, {@code NOCASH} or {@code CASH}; null without
 */
public record PlannedOrder(int index, String merchantOrderNo, long amount, Kind kind, long refundAmount,
		long wrongAmount, long couponAmount, String couponType) {

	/** An order paid without a coupon. */
	public PlannedOrder(int index, String merchantOrderNo, long amount, Kind kind, long refundAmount,
			long wrongAmount) {
		this(index, merchantOrderNo, amount, kind, refundAmount, wrongAmount, 0, null);
	}

	/** What is sold. */
	public String description() {
		return "paytally demo order " + this.index;
	}

}
