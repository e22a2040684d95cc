package io.paytally.dashboard.security;

/**
 * What a dashboard user may do. A user has one role; its authority is
 * {@code ROLE_<name>}.
 */
public enum Role {

	/** Everything the page shows, and every write under {@code /api/}. */
	OPERATIONS,

	/** Statements, their differences and reports, anomalies; read-only. */
	FINANCE,

	/** Manages the users: adds them, resets their passwords, disables them. */
	ADMIN;

	/** The authority Spring Security checks, {@code ROLE_OPERATIONS}. */
	String authority() {
		return "ROLE_" + name();
	}

}
