package io.paytally.stream.payment;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.paytally.schemas.ExpiryCheck;
import io.paytally.schemas.PaymentAnomaly;

/**
 * What a verb did: the order afterwards and what to publish.
 *
 * @param next the order afterwards (to store; equal to the order before when nothing
 * changed)
 * @param transitions the state changes, in order, for {@code orders.state}
 * @param checks the expiry checks asked for, for {@code orders.expiry-checks}
 * @param anomalies the anomalies found, for {@code orders.anomalies}
 */
public record Outcome(OrderPayment next, List<Transition> transitions, List<ExpiryCheck> checks,
		List<PaymentAnomaly> anomalies) {

	public Outcome {
		transitions = List.copyOf(transitions);
		checks = List.copyOf(checks);
		anomalies = List.copyOf(anomalies);
	}

	/** Nothing happened. */
	static Outcome nothing(OrderPayment order) {
		return new Outcome(order, List.of(), List.of(), List.of());
	}

	/** Only the stored order changed: nothing to publish. */
	static Outcome quietly(OrderPayment next) {
		return nothing(next);
	}

	/** Whether anything is to be published. */
	@JsonIgnore
	public boolean emitsNothing() {
		return this.transitions.isEmpty() && this.checks.isEmpty() && this.anomalies.isEmpty();
	}

	/** This outcome followed by what {@code then} did to its order. */
	Outcome andThen(Outcome then) {
		List<Transition> t = new ArrayList<>(this.transitions);
		t.addAll(then.transitions);
		List<ExpiryCheck> c = new ArrayList<>(this.checks);
		c.addAll(then.checks);
		List<PaymentAnomaly> a = new ArrayList<>(this.anomalies);
		a.addAll(then.anomalies);
		return new Outcome(then.next, t, c, a);
	}

}
