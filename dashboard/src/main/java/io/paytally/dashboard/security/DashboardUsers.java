package io.paytally.dashboard.security;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;

/**
 * The dashboard's users, kept by Spring Security's {@link JdbcUserDetailsManager} in the
 * tables {@code dashboard_users} and {@code dashboard_authorities}; a user whose password
 * is a one-time password (new, or reset by an administrator) logs in with the single
 * authority {@link #PASSWORD_CHANGE_REQUIRED}, which opens nothing but the password page.
 */
class DashboardUsers implements UserDetailsService {

	/** The authority of a user who must change a one-time password first. */
	static final String PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED";

	/** The shortest password a user may choose. */
	static final int MIN_PASSWORD_LENGTH = 12;

	private final JdbcUserDetailsManager manager;

	private final JdbcTemplate jdbc;

	private final PasswordEncoder encoder;

	DashboardUsers(DataSource dataSource, PasswordEncoder encoder) {
		new ResourceDatabasePopulator(new ClassPathResource("users-schema.sql", DashboardUsers.class))
			.execute(dataSource);
		this.manager = new JdbcUserDetailsManager(dataSource);
		this.manager
			.setUsersByUsernameQuery("select username, password, enabled from dashboard_users where username = ?");
		this.manager
			.setAuthoritiesByUsernameQuery("select username, authority from dashboard_authorities where username = ?");
		this.manager.setCreateUserSql("insert into dashboard_users (username, password, enabled) values (?, ?, ?)");
		this.manager.setCreateAuthoritySql("insert into dashboard_authorities (username, authority) values (?, ?)");
		this.manager.setUpdateUserSql("update dashboard_users set password = ?, enabled = ? where username = ?");
		this.manager.setDeleteUserAuthoritiesSql("delete from dashboard_authorities where username = ?");
		this.manager.setDeleteUserSql("delete from dashboard_users where username = ?");
		this.manager.setUserExistsSql("select count(*) from dashboard_users where username = ?");
		this.manager.setChangePasswordSql("update dashboard_users set password = ? where username = ?");
		this.jdbc = new JdbcTemplate(dataSource);
		this.encoder = encoder;
	}

	@Override
	public UserDetails loadUserByUsername(String username) throws UsernameNotFoundException {
		UserDetails user = this.manager.loadUserByUsername(username);
		if (passwordChangeRequired(username)) {
			return User.withUserDetails(user).authorities(PASSWORD_CHANGE_REQUIRED).build();
		}
		return user;
	}

	boolean anyExists() {
		Long count = this.jdbc.queryForObject("select count(*) from dashboard_users", Long.class);
		return count != null && count > 0;
	}

	boolean exists(String name) {
		return this.manager.userExists(name);
	}

	/** A new user whose password is the given one-time password (already encoded). */
	void create(String name, Role role, String oneTimePasswordHash) {
		if (name == null || !name.matches("[A-Za-z0-9._@-]{1,50}")) {
			throw new UserNameRejected(name);
		}
		if (this.manager.userExists(name)) {
			throw new UserAlreadyExists(name);
		}
		this.manager.createUser(User.withUsername(name)
			.password(oneTimePasswordHash)
			.authorities(role.authority())
			.disabled(false)
			.build());
		this.jdbc.update("update dashboard_users set password_change_required = true where username = ?", name);
	}

	/**
	 * Sets a one-time password (already encoded) that must be changed at the next login.
	 */
	void resetPassword(String name, String oneTimePasswordHash) {
		requireExisting(name);
		this.jdbc.update("update dashboard_users set password = ?, password_change_required = true where username = ?",
				oneTimePasswordHash, name);
	}

	/** The user's own new password, once the current one is proven. */
	void changePassword(String name, String currentPassword, String newPassword) {
		String stored = this.jdbc.queryForObject("select password from dashboard_users where username = ?",
				String.class, name);
		if (currentPassword == null || !this.encoder.matches(currentPassword, stored)) {
			throw new CurrentPasswordWrong(name);
		}
		if (newPassword == null || newPassword.length() < MIN_PASSWORD_LENGTH || newPassword.equals(currentPassword)) {
			throw new NewPasswordRejected(name, MIN_PASSWORD_LENGTH);
		}
		this.jdbc.update("update dashboard_users set password = ?, password_change_required = false where username = ?",
				this.encoder.encode(newPassword), name);
	}

	void setEnabled(String name, boolean enabled) {
		requireExisting(name);
		this.jdbc.update("update dashboard_users set enabled = ? where username = ?", enabled, name);
	}

	boolean passwordChangeRequired(String name) {
		List<Boolean> flags = this.jdbc.queryForList(
				"select password_change_required from dashboard_users where username = ?", Boolean.class, name);
		return !flags.isEmpty() && Boolean.TRUE.equals(flags.get(0));
	}

	/** Enabled users with the role, the one given aside. */
	long enabledWithRole(Role role) {
		Long count = this.jdbc.queryForObject(
				"select count(*) from dashboard_users u join dashboard_authorities a "
						+ "on a.username = u.username where u.enabled = true and a.authority = ?",
				Long.class, role.authority());
		return (count != null) ? count : 0;
	}

	Role roleOf(String name) {
		UserDetails user = this.manager.loadUserByUsername(name);
		for (GrantedAuthority authority : user.getAuthorities()) {
			for (Role role : Role.values()) {
				if (role.authority().equals(authority.getAuthority())) {
					return role;
				}
			}
		}
		return null;
	}

	/** Every user, by name. */
	List<Account> list() {
		List<Account> accounts = new ArrayList<>();
		this.jdbc.query("select u.username, u.enabled, u.password_change_required, a.authority from dashboard_users u "
				+ "left join dashboard_authorities a on a.username = u.username order by u.username", (row) -> {
					String authority = row.getString(4);
					Role role = (authority != null && authority.startsWith("ROLE_"))
							? Role.valueOf(authority.substring(5)) : null;
					accounts.add(new Account(row.getString(1), role, row.getBoolean(2), row.getBoolean(3)));
				});
		return accounts;
	}

	private void requireExisting(String name) {
		if (!this.manager.userExists(name)) {
			throw new UnknownUser(name);
		}
	}

	/**
	 * A user as the users page shows it.
	 *
	 * @param name the login name
	 * @param role its role
	 * @param enabled whether it may log in
	 * @param passwordChangeRequired whether it still has a one-time password
	 */
	record Account(String name, Role role, boolean enabled, boolean passwordChangeRequired) {

	}

}
