package io.paytally.dashboard.security;

/**
 * A user with this name exists already.
 */
class UserAlreadyExists extends RuntimeException {

	UserAlreadyExists(String name) {
		super("A user with this name exists already: " + name);
	}

}
