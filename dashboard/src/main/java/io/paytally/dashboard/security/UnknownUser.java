package io.paytally.dashboard.security;

/**
 * No user has this name.
 */
class UnknownUser extends RuntimeException {

	UnknownUser(String name) {
		super("No user has this name: " + name);
	}

}
