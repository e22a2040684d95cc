package io.paytally.stream.retention;

import java.time.Duration;
import java.util.Objects;

/**
 * How far the sweep of the {@code orders} store has come, kept in the
 * {@code retention-sweep} store (and its changelog), so that a restart or a task moved to
 * another instance goes on from there.
 *
 * @param finishedAfter the retention the sweep indexes with: another one sweeps again
 * @param after the last order key swept ({@code null} before the first slice)
 * @param done whether the whole store was swept
 */
public record SweepPosition(Duration finishedAfter, String after, boolean done) {

	private static final String DONE = "done";

	private static final String AFTER = "after";

	public SweepPosition {
		Objects.requireNonNull(finishedAfter, "finishedAfter");
	}

	/** The sweep of the given retention has swept every order up to {@code orderKey}. */
	public static SweepPosition after(Duration finishedAfter, String orderKey) {
		return new SweepPosition(finishedAfter, orderKey, false);
	}

	/** The sweep of the given retention is finished. */
	public static SweepPosition done(Duration finishedAfter) {
		return new SweepPosition(finishedAfter, null, true);
	}

	/** The stored form: {@code <finishedAfter>\n<done|after>\n<order key>}. */
	public String encode() {
		return this.finishedAfter + "\n" + (this.done ? DONE : AFTER) + "\n" + ((this.after != null) ? this.after : "");
	}

	/** The position of a stored form, {@code null} for none. */
	public static SweepPosition decode(String stored) {
		if (stored == null) {
			return null;
		}
		String[] parts = stored.split("\n", 3);
		if (parts.length != 3) {
			throw new IllegalArgumentException("Not a sweep position: " + stored);
		}
		String after = parts[2].isEmpty() ? null : parts[2];
		return new SweepPosition(Duration.parse(parts[0]), after, DONE.equals(parts[1]));
	}

}
