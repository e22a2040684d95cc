package io.paytally.local.stack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The sandbox's business clock: it ticks in real time, but can be set back to a chosen
 * day (so that a day is played whose bill the statement can fetch right after) and
 * returned to the present.
 */
public final class DayClock extends Clock {

	/** WeChat Pay's time zone. */
	public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private final Clock base;

	private volatile Duration offset = Duration.ZERO;

	public DayClock(Clock base) {
		this.base = base;
	}

	/** A clock on real time. */
	public static DayClock systemUtc() {
		return new DayClock(Clock.systemUTC());
	}

	/** From now on the clock reads {@code time} on {@code day} (Beijing), and ticks. */
	public void startDay(LocalDate day, LocalTime time) {
		Instant target = day.atTime(time).atZone(BEIJING).toInstant();
		this.offset = Duration.between(this.base.instant(), target);
	}

	/** Back to real time. */
	public void returnToPresent() {
		this.offset = Duration.ZERO;
	}

	/** The date (Beijing) the clock reads now. */
	public LocalDate today() {
		return LocalDate.ofInstant(instant(), BEIJING);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		DayClock self = this;
		return new Clock() {

			@Override
			public ZoneId getZone() {
				return zone;
			}

			@Override
			public Clock withZone(ZoneId other) {
				return self.withZone(other);
			}

			@Override
			public Instant instant() {
				return self.instant();
			}

		};
	}

	@Override
	public Instant instant() {
		return this.base.instant().plus(this.offset);
	}

	@Override
	public long millis() {
		return instant().toEpochMilli();
	}

}
