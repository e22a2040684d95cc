package io.paytally.local.scenario;

/**
 * What happens to one order of the scenario's day.
 */
public enum Kind {

	/** Paid promptly; the callback arrives once. */
	PROMPT("prompt", 0, 0, "paid promptly"),

	/** Paid; WeChat sends the callback twice. */
	DUPLICATE_CALLBACK("duplicate", 5, 0, "paid, callback sent twice"),

	/** Paid; the callback is lost, the active query at expiry finds the payment. */
	DROPPED_CALLBACK("drop", 3, 0, "paid, callback lost (found by the active query)"),

	/** Paid; the callback arrives after the order expired. */
	DELAYED_CALLBACK("delay", 2, 0, "paid, callback delayed past expiry"),

	/** Paid; a forged copy of the callback comes first and must be refused. */
	FORGED_CALLBACK("forged", 3, 0, "paid, forged callback refused"),

	/** Never paid: expires, is closed at WeChat. */
	NEVER_PAID("unpaid", 5, 0, "never paid, closed at WeChat"),

	/** Paid, then refunded in full. */
	FULL_REFUND("refund", 3, 0, "paid, refunded in full"),

	/** Paid, then refunded in part. */
	PARTIAL_REFUND("partial-refund", 3, 0, "paid, refunded in part"),

	/** WeChat takes another amount than the order's. */
	AMOUNT_MISMATCH("mismatch", 0.1, 1, "paid a different amount"),

	/** Closed at WeChat after expiry, then paid anyway (the race). */
	PAID_AFTER_CLOSE("paid-after-close", 0.1, 1, "paid after it was closed"),

	/**
	 * The first payment order of a merchant order expires and is closed, a second one is
	 * made and paid, then the payer pays the first one too.
	 */
	DUPLICATE_PAYMENT("duplicate-payment", 0.1, 1, "merchant order paid twice"),

	/**
	 * Paid at once, a fifth of it by a non-recharge coupon: the payer pays less than the
	 * order's amount, WeChat settles less than it, and nothing is wrong.
	 */
	COUPON("coupon", 2, 1, "paid in part with a coupon"),

	/**
	 * Paid in part with a coupon (recharge or non-recharge, alternately), then half of it
	 * refunded: the coupon takes its share of the refund.
	 */
	COUPON_REFUND("coupon-refund", 1, 1, "paid in part with a coupon, then refunded in part"),

	/**
	 * Paid, then refunded in full, but the payer's card or account cannot take the money
	 * back: WeChat reports the refund ABNORMAL.
	 */
	ABNORMAL_REFUND("abnormal-refund", 0.1, 1, "paid, refund abnormal at WeChat"),

	/**
	 * The merchant cancels the order while the payer pays it (the callback is late): it
	 * ends paid, with CANCELLED_BUT_PAID.
	 */
	CANCEL_RACE("cancel-race", 0.1, 1, "paid while the merchant cancelled it"),

	/**
	 * The first payment order expires and is closed, the merchant asks again (a second,
	 * open payment order), then the payer pays the first one after all: the second is
	 * closed at WeChat at once, so the payer cannot pay twice.
	 */
	PAID_AFTER_CLOSE_NEWER_ATTEMPT("paid-after-close-newer", 0.1, 1,
			"paid after close while a newer payment order was open"),

	/**
	 * Never paid; expires while WeChat's query API is down for the merchant: its checks
	 * go unanswered (QUERY_UNANSWERED) until WeChat recovers, then it is closed.
	 */
	OUTAGE_EXPIRY("outage-expiry", 0.2, 2, "never paid, expired during a WeChat query outage");

	private final String flagName;

	private final double defaultPercent;

	private final int minimum;

	private final String description;

	Kind(String flagName, double defaultPercent, int minimum, String description) {
		this.flagName = flagName;
		this.defaultPercent = defaultPercent;
		this.minimum = minimum;
		this.description = description;
	}

	/** The name used in {@code --mix}. */
	public String flagName() {
		return this.flagName;
	}

	/** Its share of the orders by default, in percent. */
	public double defaultPercent() {
		return this.defaultPercent;
	}

	/** At least this many, whatever the size (when the day has at least 20 orders). */
	public int minimum() {
		return this.minimum;
	}

	public String description() {
		return this.description;
	}

	/** Whether the order is paid right after it is created. */
	boolean paidAtOnce() {
		return switch (this) {
			case NEVER_PAID, PAID_AFTER_CLOSE, DUPLICATE_PAYMENT, CANCEL_RACE, PAID_AFTER_CLOSE_NEWER_ATTEMPT,
					OUTAGE_EXPIRY ->
				false;
			default -> true;
		};
	}

	/** Whether it is refunded once paid. */
	boolean refunded() {
		return this == FULL_REFUND || this == PARTIAL_REFUND || this == COUPON_REFUND || this == ABNORMAL_REFUND;
	}

	/** Whether a coupon pays part of it. */
	boolean withCoupon() {
		return this == COUPON || this == COUPON_REFUND;
	}

	/** Whether the order must be closed at WeChat before the scenario goes on with it. */
	boolean awaitsClose() {
		return this == NEVER_PAID || this == PAID_AFTER_CLOSE || this == DUPLICATE_PAYMENT
				|| this == PAID_AFTER_CLOSE_NEWER_ATTEMPT || this == OUTAGE_EXPIRY;
	}

	static Kind byFlagName(String name) {
		for (Kind kind : values()) {
			if (kind.flagName.equalsIgnoreCase(name.trim()) || kind.name().equalsIgnoreCase(name.trim())) {
				return kind;
			}
		}
		throw new IllegalArgumentException("Unknown kind of order '" + name + "'");
	}

}
