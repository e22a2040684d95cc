package io.paytally.dashboard.security;

/**
 * A new password that is too short or the same as the current one.
 */
class NewPasswordRejected extends RuntimeException {

	NewPasswordRejected(String name, int minLength) {
		super("A new password has at least " + minLength + " characters and differs from the current one (user " + name
				+ ")");
	}

}
