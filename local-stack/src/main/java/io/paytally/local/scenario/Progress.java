package io.paytally.local.scenario;

import java.time.Duration;
import java.util.Map;

import io.paytally.schemas.PaymentStatus;

/**
 * Where the day stands, for a progress line.
 *
 * @param phase what the scenario is doing
 * @param elapsed since the day started
 * @param planned merchant orders planned
 * @param created payment orders created through the intake API
 * @param paid payments made at WeChat
 * @param refunds refunds made at WeChat
 * @param states orders per state on {@code orders.state}
 * @param callbacks payment notifications from callbacks (v3 and v2)
 * @param activeQueries payment notifications from active queries
 * @param expiryChecks expiry checks emitted
 * @param anomalies anomalies seen
 * @param disagreements orders not yet agreeing with WeChat (-1 = not compared yet)
 */
public record Progress(String phase, Duration elapsed, int planned, int created, int paid, int refunds,
		Map<PaymentStatus, Long> states, long callbacks, long activeQueries, long expiryChecks, int anomalies,
		int disagreements) {

	/** One line for a terminal. */
	public String line() {
		StringBuilder line = new StringBuilder();
		line.append(String.format("[%4ds] %-9s created %d/%d  paid %d  refunds %d | ", this.elapsed.toSeconds(),
				this.phase, this.created, this.planned, this.paid, this.refunds));
		line.append(String.format("pending %d  checking %d  paid %d  closed %d  refunded %d/%d  mismatch %d | ",
				this.states.getOrDefault(PaymentStatus.PENDING, 0L),
				this.states.getOrDefault(PaymentStatus.CHECKING, 0L), this.states.getOrDefault(PaymentStatus.PAID, 0L),
				this.states.getOrDefault(PaymentStatus.CLOSED, 0L),
				this.states.getOrDefault(PaymentStatus.REFUNDED, 0L),
				this.states.getOrDefault(PaymentStatus.PARTIALLY_REFUNDED, 0L),
				this.states.getOrDefault(PaymentStatus.AMOUNT_MISMATCH, 0L)));
		line.append(String.format("callbacks %d  queries %d  expiries %d  anomalies %d", this.callbacks,
				this.activeQueries, this.expiryChecks, this.anomalies));
		if (this.disagreements >= 0) {
			line.append(String.format("  | differ %d", this.disagreements));
		}
		return line.toString();
	}

}
