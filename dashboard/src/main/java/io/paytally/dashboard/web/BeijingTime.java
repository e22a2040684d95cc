package io.paytally.dashboard.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Times as the page shows them: Beijing time (UTC+8, no daylight saving).
 */
final class BeijingTime {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZONE);

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm").withZone(ZONE);

	private BeijingTime() {
	}

	/** {@code 2026-12-02 12:31:05}, or null. */
	static String dateTime(Instant instant) {
		return (instant != null) ? DATE_TIME.format(instant) : null;
	}

	/** {@code 12:31}. */
	static String minute(Instant instant) {
		return MINUTE.format(instant);
	}

}
