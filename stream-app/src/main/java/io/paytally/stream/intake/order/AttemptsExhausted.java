package io.paytally.stream.intake.order;

/**
 * The merchant order has had as many payment orders as allowed, all closed.
 */
public class AttemptsExhausted extends RuntimeException {

	AttemptsExhausted(String merchantOrderNo, int attempts) {
		super("merchant order " + merchantOrderNo + " has had " + attempts
				+ " payment orders, all closed; use a new merchant order");
	}

}
