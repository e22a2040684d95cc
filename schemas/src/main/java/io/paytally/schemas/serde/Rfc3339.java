package io.paytally.schemas.serde;

import java.nio.CharBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;

/**
 * RFC 3339 times read and written digit by digit, for the hot paths where a
 * {@code DateTimeFormatter} was most of the JSON cost: the usual forms only
 * ({@code 2026-03-01T01:00:00.123Z}, {@code 2026-03-01T09:00:00+08:00}); callers leave
 * anything else to {@code java.time}, which reads every form.
 */
public final class Rfc3339 {

	/** What {@link #epochSecond} returns for a time not in a usual form. */
	public static final long UNUSUAL = Long.MIN_VALUE;

	private static final long YEAR_0000 = -62167219200L;

	private static final long YEAR_9999_END = 253402300799L;

	private Rfc3339() {
	}

	/**
	 * An instant as {@code DateTimeFormatter.ISO_INSTANT} (and so Jackson) writes it:
	 * UTC, the fraction in groups of three digits, none when zero.
	 */
	public static String format(Instant instant) {
		long seconds = instant.getEpochSecond();
		if (seconds < YEAR_0000 || seconds > YEAR_9999_END) {
			return instant.toString();
		}
		LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
		int nano = instant.getNano();
		char[] out = new char[30];
		int i = digits(out, 0, t.getYear(), 4);
		out[i++] = '-';
		i = digits(out, i, t.getMonthValue(), 2);
		out[i++] = '-';
		i = digits(out, i, t.getDayOfMonth(), 2);
		out[i++] = 'T';
		i = digits(out, i, t.getHour(), 2);
		out[i++] = ':';
		i = digits(out, i, t.getMinute(), 2);
		out[i++] = ':';
		i = digits(out, i, t.getSecond(), 2);
		if (nano != 0) {
			out[i++] = '.';
			if (nano % 1_000_000 == 0) {
				i = digits(out, i, nano / 1_000_000, 3);
			}
			else if (nano % 1_000 == 0) {
				i = digits(out, i, nano / 1_000, 6);
			}
			else {
				i = digits(out, i, nano, 9);
			}
		}
		out[i++] = 'Z';
		return new String(out, 0, i);
	}

	/**
	 * The instant of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]} followed by {@code Z} or
	 * {@code ±hh:mm}; {@code null} for any other form or an impossible date.
	 */
	public static Instant parse(CharSequence text) {
		long seconds = epochSecond(text);
		return (seconds != UNUSUAL) ? Instant.ofEpochSecond(seconds, fraction(text)) : null;
	}

	/**
	 * The epoch second of a time in a usual form held in {@code chars} (a JSON parser's
	 * buffer), the fraction dropped; {@link #UNUSUAL} for any other form.
	 */
	public static long epochSecond(char[] chars, int offset, int length) {
		return epochSecond(CharBuffer.wrap(chars, offset, length));
	}

	private static long epochSecond(CharSequence t) {
		int length = t.length();
		if (length < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
				|| t.charAt(16) != ':') {
			return UNUSUAL;
		}
		int end = 19;
		if (t.charAt(19) == '.') {
			end = 20;
			while (end < length && end < 29 && isDigit(t.charAt(end))) {
				end++;
			}
			if (end == 20) {
				return UNUSUAL;
			}
		}
		int offsetSeconds;
		if (end == length - 1 && t.charAt(end) == 'Z') {
			offsetSeconds = 0;
		}
		else if (end == length - 6 && (t.charAt(end) == '+' || t.charAt(end) == '-') && t.charAt(end + 3) == ':') {
			int hours = number(t, end + 1, end + 3);
			int minutes = number(t, end + 4, end + 6);
			if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
				return UNUSUAL;
			}
			offsetSeconds = ((t.charAt(end) == '-') ? -1 : 1) * (hours * 3_600 + minutes * 60);
		}
		else {
			return UNUSUAL;
		}
		int year = number(t, 0, 4);
		int month = number(t, 5, 7);
		int day = number(t, 8, 10);
		int hour = number(t, 11, 13);
		int minute = number(t, 14, 16);
		int second = number(t, 17, 19);
		if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
				|| second < 0 || second > 59 || day > Month.of(month).length(Year.isLeap(year))) {
			return UNUSUAL;
		}
		return LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC) - offsetSeconds;
	}

	/** The nanoseconds of a time {@link #epochSecond} read. */
	private static int fraction(CharSequence t) {
		if (t.charAt(19) != '.') {
			return 0;
		}
		int nano = 0;
		int digits = 0;
		for (int i = 20; i < t.length() && isDigit(t.charAt(i)); i++, digits++) {
			nano = nano * 10 + (t.charAt(i) - '0');
		}
		for (; digits < 9; digits++) {
			nano *= 10;
		}
		return nano;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static int number(CharSequence t, int from, int to) {
		int value = 0;
		for (int i = from; i < to; i++) {
			char c = t.charAt(i);
			if (!isDigit(c)) {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static int digits(char[] out, int at, int value, int width) {
		for (int i = at + width - 1; i >= at; i--) {
			out[i] = (char) ('0' + value % 10);
			value /= 10;
		}
		return at + width;
	}

}
