package io.paytally.stream.topology;

import io.paytally.schemas.ExpiryCheck;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.stream.payment.Transition;

/**
 * One output of the order processor: exactly one of its components is set.
 */
record OrderOutput(Transition transition, ExpiryCheck check, PaymentAnomaly anomaly) {

	boolean isTransition() {
		return this.transition != null;
	}

	boolean isCheck() {
		return this.check != null;
	}

	boolean isAnomaly() {
		return this.anomaly != null;
	}

}
