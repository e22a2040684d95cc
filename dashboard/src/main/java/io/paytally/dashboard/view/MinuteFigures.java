package io.paytally.dashboard.view;

import java.time.Instant;

import io.paytally.schemas.PaymentStats;

/**
 * The figures of one minute, of one merchant or summed over all.
 *
 * @param windowStart the minute's start
 * @param ordersCreated payment orders created
 * @param ordersPaid payment orders paid
 * @param ordersClosed closed unpaid
 * @param refunds refunds that succeeded
 * @param amountCreated in fen
 * @param amountPaid in fen
 * @param amountRefunded in fen
 * @param anomalies anomalies reported
 */
public record MinuteFigures(Instant windowStart, long ordersCreated, long ordersPaid, long ordersClosed, long refunds,
		long amountCreated, long amountPaid, long amountRefunded, long anomalies) {

	static MinuteFigures of(PaymentStats stats) {
		return new MinuteFigures(stats.windowStart(), stats.ordersCreated(), stats.ordersPaid(), stats.ordersClosed(),
				stats.ordersRefunded(), stats.amountCreated(), stats.amountPaid(), stats.amountRefunded(),
				stats.anomalies());
	}

	MinuteFigures plus(MinuteFigures other) {
		return new MinuteFigures(this.windowStart, this.ordersCreated + other.ordersCreated,
				this.ordersPaid + other.ordersPaid, this.ordersClosed + other.ordersClosed,
				this.refunds + other.refunds, this.amountCreated + other.amountCreated,
				this.amountPaid + other.amountPaid, this.amountRefunded + other.amountRefunded,
				this.anomalies + other.anomalies);
	}

}
