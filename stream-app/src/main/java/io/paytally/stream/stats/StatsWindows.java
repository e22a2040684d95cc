package io.paytally.stream.stats;

import java.time.Duration;
import java.util.Objects;

/**
 * The tumbling windows of the per-merchant statistics and how late a record of a window
 * still counts.
 * <p>
 * Kafka Streams closes a window once its stream time (the latest record time the
 * statistics have seen, of any partition) is past the window's end plus the grace, and
 * drops the records of a closed window. When stream-app catches up with a backlog (a
 * restart after an outage, a new instance, a task moved), the six input partitions reach
 * the statistics' repartition topic at their own paces, and the punctuations' records
 * (anomalies) carry the wall-clock time: stream time jumps to the present while records
 * of older minutes are still to come. So the grace bounds the backlog whose minutes are
 * counted exactly: a backlog older than the grace loses its records (Kafka Streams'
 * {@code dropped-records} metric counts them). The window store keeps each window for
 * {@code retention}, so the state is bounded: about {@code retention / size} windows per
 * merchant.
 *
 * @param size the length of a window
 * @param grace how long after a window's end, in stream time, a record of it still counts
 * and the window's record on {@code orders.stats} is written again
 * @param retention how long the window store keeps a window's sum: at least
 * {@code size + grace} (the default)
 */
public record StatsWindows(Duration size, Duration grace, Duration retention) {

	/**
	 * The defaults of {@code paytally.stream.stats-*}: 1-minute windows counted exactly
	 * for a backlog of up to a day (an outage in the night found in the morning).
	 */
	public static final StatsWindows DEFAULTS = new StatsWindows(Duration.ofMinutes(1), Duration.ofDays(1), null);

	/**
	 * @throws IllegalArgumentException when the size is not positive, the grace negative
	 * or the retention shorter than size and grace
	 */
	public StatsWindows {
		Objects.requireNonNull(size, "size");
		Objects.requireNonNull(grace, "grace");
		if (size.isNegative() || size.isZero()) {
			throw new IllegalArgumentException("the statistics' window size must be positive, was " + size);
		}
		if (grace.isNegative()) {
			throw new IllegalArgumentException("the statistics' grace must not be negative, was " + grace);
		}
		Duration least = size.plus(grace);
		retention = (retention != null) ? retention : least;
		if (retention.compareTo(least) < 0) {
			throw new IllegalArgumentException(
					"the statistics' window retention must be at least their size and grace (" + least + "), was "
							+ retention);
		}
	}

	/** These windows with another grace (and the retention it needs). */
	public StatsWindows withGrace(Duration grace) {
		return new StatsWindows(this.size, grace, null);
	}

}
