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
 */
public record RetentionSettings(Duration finishedAfter, Duration scanInterval, int maxPerScan) {

	/** WeChat's refund window: a year after the payment (a leap year here). */
	public static final Duration REFUND_WINDOW = Duration.ofDays(366);

	/** The defaults of {@code paytally.stream.retention.*}. */
	public static final RetentionSettings DEFAULTS = new RetentionSettings(Duration.ofDays(400), Duration.ofMinutes(1),
			10_000);

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

}
