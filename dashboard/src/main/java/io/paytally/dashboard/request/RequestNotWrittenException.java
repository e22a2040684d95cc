package io.paytally.dashboard.request;

/**
 * A request to run a statement was not acknowledged by Kafka: nothing will run it.
 */
public class RequestNotWrittenException extends RuntimeException {

	RequestNotWrittenException(String message, Throwable cause) {
		super(message, cause);
	}

}
