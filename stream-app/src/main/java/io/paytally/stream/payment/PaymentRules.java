package io.paytally.stream.payment;

import java.time.Duration;
import java.util.Objects;

/**
 * The timing rules of the state machine.
 *
 * @param recheckInterval how long an expiry check may stay unanswered before it is asked
 * again
 * @param maxRechecks how many times an unanswered check is asked again before an anomaly
 * @param userPayingRecheck how soon a check is asked again after WeChat said the user is
 * paying
 * @param closeNotBefore how long after its creation an order may be closed at WeChat
 * @param unknownOrderGrace how long a notification waits for its order before an anomaly
 * @param maxHeldNotifications how many notifications of an unknown order are kept
 */
public record PaymentRules(Duration recheckInterval, int maxRechecks, Duration userPayingRecheck,
		Duration closeNotBefore, Duration unknownOrderGrace, int maxHeldNotifications) {

	/** The defaults of {@code paytally.stream.*}. */
	public static final PaymentRules DEFAULTS = new PaymentRules(Duration.ofSeconds(30), 5, Duration.ofSeconds(10),
			Duration.ofMinutes(5), Duration.ofMinutes(10), 16);

	public PaymentRules {
		Objects.requireNonNull(recheckInterval, "recheckInterval");
		Objects.requireNonNull(userPayingRecheck, "userPayingRecheck");
		Objects.requireNonNull(closeNotBefore, "closeNotBefore");
		Objects.requireNonNull(unknownOrderGrace, "unknownOrderGrace");
		if (maxRechecks < 0) {
			throw new IllegalArgumentException("maxRechecks must not be negative");
		}
	}

}
