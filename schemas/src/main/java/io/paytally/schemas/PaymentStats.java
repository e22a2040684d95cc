package io.paytally.schemas;

import java.time.Instant;
import java.util.Objects;

/**
 * One merchant's payment figures over one window. Value of {@code orders.stats}, keyed by
 * {@link #key(String, Instant)}. stream-app writes a window's record again each time it
 * counts something of the window, also late: up to its grace
 * ({@code paytally.stream.stats-grace}, a day by default) after the window's end, as when
 * it catches up with a backlog after an outage. The topic is compacted by key, so a
 * window's latest record is its figures: keep the latest, never add a window's records
 * up.
 *
 * @param mchid the merchant id
 * @param windowStart the window's start, inclusive
 * @param windowEnd the window's end, exclusive
 * @param ordersCreated payment orders created
 * @param ordersPaid payment orders that became paid
 * @param ordersClosed payment orders closed unpaid
 * @param ordersRefunded refunds that succeeded
 * @param amountCreated amount of the orders created, in fen
 * @param amountPaid amount paid, in fen
 * @param amountRefunded amount refunded, in fen
 * @param anomalies anomalies reported
 */
public record PaymentStats(String mchid, Instant windowStart, Instant windowEnd, long ordersCreated, long ordersPaid,
		long ordersClosed, long ordersRefunded, long amountCreated, long amountPaid, long amountRefunded,
		long anomalies) {

	public PaymentStats {
		Objects.requireNonNull(mchid, "mchid");
		Objects.requireNonNull(windowStart, "windowStart");
		Objects.requireNonNull(windowEnd, "windowEnd");
	}

	/** The record key of a merchant's window: {@code mchid@windowStart}. */
	public static String key(String mchid, Instant windowStart) {
		return mchid + "@" + windowStart;
	}

}
