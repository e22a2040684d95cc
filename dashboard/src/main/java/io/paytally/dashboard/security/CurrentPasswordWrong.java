package io.paytally.dashboard.security;

/**
 * The current password given does not match.
 */
class CurrentPasswordWrong extends RuntimeException {

	CurrentPasswordWrong(String name) {
		super("The current password given does not match: " + name);
	}

}
