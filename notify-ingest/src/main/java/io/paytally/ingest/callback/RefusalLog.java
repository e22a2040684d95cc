package io.paytally.ingest.callback;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;

/**
 * Refusals logged at a rate a flood cannot turn into a flood of log lines: per reason, at
 * most a given number of WARN lines per minute, the rest at DEBUG; the first WARN line of
 * a minute tells how many were kept to DEBUG in the minute before. Whatever goes in the
 * arguments must already be fit for a log line ({@code CallbackContext.safe} or
 * {@code CallbackContext.escape}).
 */
public final class RefusalLog {

	private final Logger log;

	private final Clock clock;

	private final int warnPerMinute;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	public RefusalLog(Logger log, Clock clock, int warnPerMinute) {
		this.log = log;
		this.clock = clock;
		this.warnPerMinute = warnPerMinute;
	}

	/**
	 * Logs one refusal of the given reason: WARN while the reason's budget of the minute
	 * lasts, DEBUG after.
	 * @param reason the refusal's reason (a metric tag value)
	 * @param format the line, SLF4J style
	 * @param arguments its arguments
	 */
	public void refused(String reason, String format, Object... arguments) {
		Window window = this.windows.computeIfAbsent(reason, (r) -> new Window());
		long minute = this.clock.millis() / 60_000;
		long suppressedBefore;
		boolean warn;
		synchronized (window) {
			if (window.minute != minute) {
				window.carried = window.suppressed;
				window.minute = minute;
				window.logged = 0;
				window.suppressed = 0;
			}
			warn = window.logged < this.warnPerMinute;
			if (warn) {
				window.logged++;
				suppressedBefore = window.carried;
				window.carried = 0;
			}
			else {
				window.suppressed++;
				suppressedBefore = 0;
			}
		}
		if (warn) {
			if (suppressedBefore > 0) {
				Object[] withCount = new Object[arguments.length + 1];
				System.arraycopy(arguments, 0, withCount, 0, arguments.length);
				withCount[arguments.length] = suppressedBefore;
				this.log.warn(format + " ({} more refusals of this reason logged at DEBUG in the minute before)",
						withCount);
			}
			else {
				this.log.warn(format, arguments);
			}
		}
		else if (this.log.isDebugEnabled()) {
			this.log.debug(format, arguments);
		}
	}

	private static final class Window {

		private long minute = Long.MIN_VALUE;

		private int logged;

		private long suppressed;

		private long carried;

	}

}
