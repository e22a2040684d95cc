package io.paytally.dashboard.security;

/**
 * A user name is 1 to 50 letters, digits or ._@-.
 */
class UserNameRejected extends RuntimeException {

	UserNameRejected(String name) {
		super("A user name is 1 to 50 letters, digits or ._@-: " + name);
	}

}
