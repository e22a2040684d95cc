package io.paytally.ingest.verification;

import java.time.Clock;
import java.time.Duration;

/**
 * Refuses callbacks whose {@code Wechatpay-Timestamp} is further from now than the
 * window, in the past or in the future. The SDK does not check it.
 */
public final class ReplayWindow {

	private final Clock clock;

	private final long windowSeconds;

	public ReplayWindow(Clock clock, Duration window) {
		this.clock = clock;
		this.windowSeconds = window.toSeconds();
	}

	/**
	 * Checks a timestamp header.
	 * @param timestamp seconds since the epoch, as sent
	 * @throws MalformedCallback if it is not a number of seconds
	 * @throws TimestampOutsideWindow if it is outside the window
	 */
	public void check(String timestamp) {
		long seconds = parse(timestamp);
		long now = this.clock.millis() / 1000;
		if (Math.abs(now - seconds) > this.windowSeconds) {
			throw new TimestampOutsideWindow();
		}
	}

	private static long parse(String timestamp) {
		int length = timestamp.length();
		if (length == 0 || length > 12) {
			throw new MalformedCallback("Wechatpay-Timestamp");
		}
		long value = 0;
		for (int i = 0; i < length; i++) {
			char c = timestamp.charAt(i);
			if (c < '0' || c > '9') {
				throw new MalformedCallback("Wechatpay-Timestamp");
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

}
