package io.paytally.stream.topology;

import io.paytally.schemas.ExpiryCheck;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.stream.payment.Transition;

/**
 * One output of the order processor: exactly one of its components is set.
 */
record OrderOutput(Transition transition, ExpiryCheck check, PaymentAnomaly anomaly, Retirement retirement) {

	static OrderOutput of(Transition transition) {
		return new OrderOutput(transition, null, null, null);
	}

	static OrderOutput of(ExpiryCheck check) {
		return new OrderOutput(null, check, null, null);
	}

	static OrderOutput of(PaymentAnomaly anomaly) {
		return new OrderOutput(null, null, anomaly, null);
	}

	static OrderOutput of(Retirement retirement) {
		return new OrderOutput(null, null, null, retirement);
	}

	boolean isTransition() {
		return this.transition != null;
	}

	boolean isCheck() {
		return this.check != null;
	}

	boolean isAnomaly() {
		return this.anomaly != null;
	}

	boolean isRetirement() {
		return this.retirement != null;
	}

}
