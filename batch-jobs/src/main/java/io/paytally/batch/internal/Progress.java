package io.paytally.batch.internal;

import java.time.Duration;

import org.slf4j.Logger;

/**
 * Logs how far a long step has got: rows so far and rows per second, at most every few
 * seconds.
 */
public final class Progress {

	private static final long INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();

	private final Logger logger;

	private final String what;

	private final long startedAt = System.nanoTime();

	private long lastLoggedAt = this.startedAt;

	private long rows;

	public Progress(Logger logger, String what) {
		this.logger = logger;
		this.what = what;
	}

	/** Counts rows and logs if it is time to. */
	public void add(long count) {
		this.rows += count;
		long now = System.nanoTime();
		if (now - this.lastLoggedAt >= INTERVAL_NANOS) {
			this.lastLoggedAt = now;
			log("in progress", now);
		}
	}

	/** Logs the final figures. */
	public void done() {
		log("done", System.nanoTime());
	}

	/** The rows counted. */
	public long rows() {
		return this.rows;
	}

	private void log(String state, long now) {
		double seconds = Math.max(1, now - this.startedAt) / 1e9;
		this.logger.info("{} {}: {} rows in {} s, {} rows/s", this.what, state, this.rows,
				String.format("%.1f", seconds), Math.round(this.rows / seconds));
	}

}
