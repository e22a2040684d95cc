package io.paytally.dashboard.view;

import java.time.Instant;

/**
 * The names of the view stores and the encodings of their keys. Keys that sort by time
 * start with the epoch millisecond padded to 15 digits; parts are separated by NUL, which
 * no merchant or order number contains.
 */
final class Stores {

	static final String ORDERS = "orders";

	static final String HISTORY = "order-history";

	static final String NUMBERS = "order-numbers";

	static final String OPEN_BY_EXPIRY = "open-by-expiry";

	static final String STATUS_COUNTS = "status-counts";

	static final String STATS = "stats-by-minute";

	static final String ANOMALIES = "anomalies";

	static final String STATEMENTS = "statements";

	static final String STATEMENT_RUNS = "statement-runs";

	static final char SEP = '\u0000';

	private Stores() {
	}

	static String time(Instant instant) {
		return String.format("%015d", Math.max(0, instant.toEpochMilli()));
	}

	static String historyKey(String orderKey, long version) {
		return orderKey + SEP + String.format("%019d", version);
	}

	static String historyPrefix(String orderKey) {
		return orderKey + SEP;
	}

	static String tradeNumberKey(String outTradeNo, String orderKey) {
		return "T" + SEP + outTradeNo + SEP + orderKey;
	}

	static String merchantOrderKey(String merchantOrderNo, String orderKey) {
		return "M" + SEP + merchantOrderNo + SEP + orderKey;
	}

	static String numberPrefix(String kind, String number) {
		return kind + SEP + number + SEP;
	}

	static String expiryKey(Instant expireAt, String orderKey) {
		return time(expireAt) + SEP + orderKey;
	}

	static String countKey(String mchid, String status) {
		return mchid + SEP + status;
	}

	static String statsKey(Instant windowStart, String mchid) {
		return time(windowStart) + SEP + mchid;
	}

	/** The part after the last separator. */
	static String last(String key) {
		return key.substring(key.lastIndexOf(SEP) + 1);
	}

	/** The part before the first separator. */
	static String first(String key) {
		int at = key.indexOf(SEP);
		return (at < 0) ? key : key.substring(0, at);
	}

}
