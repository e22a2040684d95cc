package io.paytally.dashboard.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dashboard's login ({@code paytally.dashboard.login.*}): where the users are kept,
 * the cookies, and the users a deployment starts with.
 *
 * @param jdbcUrl the database of the users: an H2 file by default, or PostgreSQL
 * @param username its user
 * @param password its password
 * @param secureCookies whether the session and CSRF cookies go over HTTPS only (false
 * only for a plain-http local demo)
 * @param initialUsers users created at start when they do not exist yet, each with a
 * one-time password given as a hash that must be changed at the first login; when none is
 * given and no user exists, one administrator {@code admin} is created with a one-time
 * password printed once to the log
 */
@ConfigurationProperties("paytally.dashboard.login")
public record LoginProperties(@DefaultValue("jdbc:h2:file:./data/dashboard-users/users") String jdbcUrl,
		@DefaultValue("sa") String username, @DefaultValue("") String password,
		@DefaultValue("true") boolean secureCookies, List<InitialUser> initialUsers) {

	public LoginProperties {
		initialUsers = (initialUsers != null) ? List.copyOf(initialUsers) : List.of();
	}

	/**
	 * A user to create at start.
	 *
	 * @param name the login name
	 * @param role its role
	 * @param passwordHash its one-time password, encoded ({@code {bcrypt}$2a$...})
	 */
	public record InitialUser(String name, Role role, String passwordHash) {

	}

}
