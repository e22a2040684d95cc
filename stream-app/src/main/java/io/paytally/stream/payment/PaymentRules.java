package io.paytally.stream.payment;

import java.time.Duration;
import java.util.Objects;

/**
 * The timing rules of the state machine.
 *
 * @param recheckInterval how long the first expiry check may stay unanswered before it is
 * asked again; each further unanswered check waits twice as long as the one before
 * @param recheckCeiling the longest wait between two unanswered checks: an order is
 * checked at least this often until WeChat gives a definite answer
 * @param unansweredChecksBeforeAnomaly how many checks in a row may go unanswered before
 * QUERY_UNANSWERED is reported (once; resolved when the answer comes)
 * @param userPayingRecheck how soon a check is asked again after WeChat said the user is
 * paying
 * @param closeNotBefore how long after its creation an order may be closed at WeChat
 * @param unknownOrderGrace how long a notification waits for its order before an anomaly
 * @param maxHeldNotifications how many notifications of an unknown order are kept
 */
public record PaymentRules(Duration recheckInterval, Duration recheckCeiling, int unansweredChecksBeforeAnomaly,
		Duration userPayingRecheck, Duration closeNotBefore, Duration unknownOrderGrace, int maxHeldNotifications) {

	/** The defaults of {@code paytally.stream.*}. */
	public static final PaymentRules DEFAULTS = new PaymentRules(Duration.ofSeconds(30), Duration.ofMinutes(5), 5,
			Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(10), 16);

	public PaymentRules {
		Objects.requireNonNull(recheckInterval, "recheckInterval");
		Objects.requireNonNull(recheckCeiling, "recheckCeiling");
		Objects.requireNonNull(userPayingRecheck, "userPayingRecheck");
		Objects.requireNonNull(closeNotBefore, "closeNotBefore");
		Objects.requireNonNull(unknownOrderGrace, "unknownOrderGrace");
		if (recheckCeiling.compareTo(recheckInterval) < 0) {
			throw new IllegalArgumentException("recheckCeiling (" + recheckCeiling
					+ ") must not be below recheckInterval (" + recheckInterval + ")");
		}
		if (unansweredChecksBeforeAnomaly < 1) {
			throw new IllegalArgumentException("unansweredChecksBeforeAnomaly must be at least 1");
		}
	}

	/**
	 * How long to wait for the answer to the {@code checksUnanswered}-th check in a row:
	 * the recheck interval, doubled for each check before it that went unanswered, at
	 * most the ceiling.
	 */
	public Duration recheckAfter(int checksUnanswered) {
		Duration wait = this.recheckInterval;
		for (int i = 1; i < checksUnanswered && wait.compareTo(this.recheckCeiling) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return (wait.compareTo(this.recheckCeiling) < 0) ? wait : this.recheckCeiling;
	}

}
