package io.paytally.local.cli;

/**
 * The command line asks for something that cannot be done as written; the message says
 * what.
 */
public class UsageError extends RuntimeException {

	public UsageError(String message) {
		super(message);
	}

}
