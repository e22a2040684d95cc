package io.paytally.stream.query;

/**
 * The order's store cannot be read right now (starting, rebalancing, or the instance
 * holding it cannot be reached): try again shortly.
 */
public class StateNotAvailable extends RuntimeException {

	public StateNotAvailable(String message, Throwable cause) {
		super(message, cause);
	}

}
