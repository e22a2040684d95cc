package io.paytally.local.cli;

/**
 * The command line asks for something that cannot be done as written (found once the
 * command runs, such as a sandbox that does not answer); the message says what. The
 * command ends with the usage exit code, 64.
 */
public class UsageError extends RuntimeException {

	public UsageError(String message) {
		super(message);
	}

}
