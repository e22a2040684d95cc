package io.paytally.stream.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStatus;
import io.paytally.stream.payment.OrderPayment;

/**
 * When a stored order is retired: a finished order (paid, refunded, closed, amount
 * mismatch) with nothing due, {@code finishedAfter} after its last change; an order that
 * never became known, once reported UNKNOWN_ORDER, the same time after its first held
 * notification. WeChat accepts refunds for a year after the payment, so the default, 400
 * days, is a leap year plus five weeks of margin: no refund callback can still come when
 * an order is retired.
 *
 * @param finishedAfter how long after its last change a finished order is kept
 * @param scanInterval how often (wall clock) the retention index is scanned
 * @param maxPerScan how many orders one scan retires at most (the rest wait for the next)
 * @param sweep the one-off sweep that indexes the orders stored before the retention
 */
public record RetentionSettings(Duration finishedAfter, Duration scanInterval, int maxPerScan, Sweep sweep) {

	/** WeChat's refund window: a year after the payment (a leap year here). */
	public static final Duration REFUND_WINDOW = Duration.ofDays(366);

	/** The defaults of {@code paytally.stream.retention.*}. */
	public static final RetentionSettings DEFAULTS = new RetentionSettings(Duration.ofDays(400), Duration.ofMinutes(1),
			10_000, Sweep.DEFAULTS);

	private static final Set<PaymentStatus> FINISHED = EnumSet.of(PaymentStatus.PAID, PaymentStatus.PARTIALLY_REFUNDED,
			PaymentStatus.REFUNDED, PaymentStatus.CLOSED, PaymentStatus.AMOUNT_MISMATCH);

	public RetentionSettings {
		Objects.requireNonNull(finishedAfter, "finishedAfter");
		Objects.requireNonNull(scanInterval, "scanInterval");
		if (finishedAfter.isNegative() || finishedAfter.isZero()) {
			throw new IllegalArgumentException("finishedAfter must be positive, was " + finishedAfter);
		}
		if (maxPerScan < 1) {
			throw new IllegalArgumentException("maxPerScan must be at least 1, was " + maxPerScan);
		}
		sweep = (sweep != null) ? sweep : Sweep.DEFAULTS;
	}

	/** Settings with the default sweep. */
	public RetentionSettings(Duration finishedAfter, Duration scanInterval, int maxPerScan) {
		this(finishedAfter, scanInterval, maxPerScan, Sweep.DEFAULTS);
	}

	/** These settings with another sweep. */
	public RetentionSettings withSweep(Sweep sweep) {
		return new RetentionSettings(this.finishedAfter, this.scanInterval, this.maxPerScan, sweep);
	}

	/**
	 * When this order may be retired; {@code null} while it is open or something about it
	 * is due (an expiry, a check, the unknown-order grace).
	 */
	public Instant retireAt(OrderPayment order) {
		if (order == null || order.dueAt() != null) {
			return null;
		}
		OrderPaymentState state = order.state();
		if (state == null) {
			return (order.unknownReported() && order.heldSince() != null) ? order.heldSince().plus(this.finishedAfter)
					: null;
		}
		if (!FINISHED.contains(state.status())) {
			return null;
		}
		Instant lastChange = (state.updatedAt() != null) ? state.updatedAt() : state.createdAt();
		return (lastChange != null) ? lastChange.plus(this.finishedAfter) : null;
	}

	/**
	 * The one-off sweep of the {@code orders} store: every order stored before the
	 * retention was deployed (or before {@code finishedAfter} was changed) gets its
	 * retention-index entry, {@code slice} orders per punctuation every {@code interval},
	 * from where the last slice stopped.
	 *
	 * @param enabled whether the sweep runs
	 * @param interval how often (wall clock) a slice is swept
	 * @param slice how many stored orders one punctuation reads at most
	 */
	public record Sweep(boolean enabled, Duration interval, int slice) {

		/** The defaults of {@code paytally.stream.retention.sweep.*}. */
		public static final Sweep DEFAULTS = new Sweep(true, Duration.ofSeconds(1), 1_000);

		/** No sweep. */
		public static final Sweep OFF = new Sweep(false, Duration.ofSeconds(1), 1_000);

		public Sweep {
			Objects.requireNonNull(interval, "interval");
			if (interval.isNegative() || interval.isZero()) {
				throw new IllegalArgumentException("interval must be positive, was " + interval);
			}
			if (slice < 1) {
				throw new IllegalArgumentException("slice must be at least 1, was " + slice);
			}
		}

	}

}
