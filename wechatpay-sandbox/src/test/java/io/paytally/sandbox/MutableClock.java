package io.paytally.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A business clock tests move by hand.
 */
final class MutableClock extends Clock {

	private volatile Instant now;

	MutableClock(OffsetDateTime start) {
		this.now = start.toInstant();
	}

	void set(OffsetDateTime time) {
		this.now = time.toInstant();
	}

	void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

}
