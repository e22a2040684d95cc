package io.paytally.stream.stats;

import java.time.Instant;

import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.PaymentStats;
import io.paytally.schemas.PaymentStatus;
import io.paytally.stream.payment.Transition;

/**
 * What one transition or anomaly adds to its merchant's statistics; also the running sum
 * of a window.
 *
 * @param mchid the merchant id
 * @param ordersCreated orders created
 * @param ordersPaid orders paid
 * @param ordersClosed orders closed unpaid
 * @param ordersRefunded refunds that succeeded
 * @param amountCreated fen ordered
 * @param amountPaid fen paid
 * @param amountRefunded fen refunded
 * @param anomalies anomalies reported
 */
public record StatsDelta(String mchid, long ordersCreated, long ordersPaid, long ordersClosed, long ordersRefunded,
		long amountCreated, long amountPaid, long amountRefunded, long anomalies) {

	/** What a transition adds; {@code null} when it adds nothing. */
	public static StatsDelta of(Transition transition) {
		var to = transition.to();
		long created = (transition.from() == null) ? 1 : 0;
		boolean paid = transition.isFirstSuccess() && to.status() != PaymentStatus.AMOUNT_MISMATCH;
		boolean closed = to.status() == PaymentStatus.CLOSED && transition.from() != PaymentStatus.CLOSED;
		long refunded = transition.newlyRefunded();
		if (created == 0 && !paid && !closed && refunded <= 0) {
			return null;
		}
		return new StatsDelta(to.mchid(), created, paid ? 1 : 0, closed ? 1 : 0, (refunded > 0) ? 1 : 0,
				created * to.amountTotal(), paid ? to.paidAmount() : 0, Math.max(refunded, 0), 0);
	}

	/** What an anomaly adds. */
	public static StatsDelta of(PaymentAnomaly anomaly) {
		return new StatsDelta(anomaly.mchid(), 0, 0, 0, 0, 0, 0, 0, 1);
	}

	/** The sum of two. */
	public StatsDelta plus(StatsDelta other) {
		return new StatsDelta(this.mchid, this.ordersCreated + other.ordersCreated, this.ordersPaid + other.ordersPaid,
				this.ordersClosed + other.ordersClosed, this.ordersRefunded + other.ordersRefunded,
				this.amountCreated + other.amountCreated, this.amountPaid + other.amountPaid,
				this.amountRefunded + other.amountRefunded, this.anomalies + other.anomalies);
	}

	/** The statistics of a window with this sum. */
	public PaymentStats toStats(Instant windowStart, Instant windowEnd) {
		return new PaymentStats(this.mchid, windowStart, windowEnd, this.ordersCreated, this.ordersPaid,
				this.ordersClosed, this.ordersRefunded, this.amountCreated, this.amountPaid, this.amountRefunded,
				this.anomalies);
	}

}
