package io.paytally.batch.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Beijing time: the bill's times and dates, and every TIMESTAMP column of the statement
 * tables.
 */
public final class Beijing {

	/** Asia/Shanghai. */
	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private Beijing() {
	}

	/** An instant as a Beijing local time; {@code null} stays {@code null}. */
	public static LocalDateTime local(Instant instant) {
		return (instant != null) ? LocalDateTime.ofInstant(instant, ZONE) : null;
	}

	/** The instant of a Beijing local time; {@code null} stays {@code null}. */
	public static Instant instant(LocalDateTime local) {
		return (local != null) ? local.atZone(ZONE).toInstant() : null;
	}

	/** Midnight at the start of a Beijing date. */
	public static LocalDateTime startOf(LocalDate date) {
		return date.atStartOfDay();
	}

}
