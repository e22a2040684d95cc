package io.paytally.ingest.verification;

/**
 * A {@code Wechatpay-Timestamp} too far in the past or the future: a replay, or a clock
 * gone wrong.
 */
public final class TimestampOutsideWindow extends CallbackRefused {

	public TimestampOutsideWindow() {
		super(401, "timestamp_outside_window", "timestamp outside the replay window");
	}

}
