package io.paytally.dashboard.security;

/**
 * Disabling this user would leave no enabled administrator to manage the users.
 */
class LastAdministrator extends RuntimeException {

	LastAdministrator(String name) {
		super("The last enabled administrator cannot be disabled: " + name);
	}

}
