package io.paytally.dashboard.security;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The users a dashboard starts with, on an in-memory H2 database.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstUsersTest {

	private static final Pattern PRINTED = Pattern.compile("the one-time password (\\S+) ");

	private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	@Test
	void createsOneAdministratorWithAOneTimePasswordPrintedOnceOnTheFirstStart(CapturedOutput output) {
		DriverManagerDataSource database = database("first-start");
		DashboardUsers users = new DashboardUsers(database, this.encoder);

		new FirstUsers(users, properties(List.of()), this.encoder).afterPropertiesSet();

		Matcher printed = PRINTED.matcher(output.getAll());
		assertThat(printed.find()).isTrue();
		String oneTime = printed.group(1);
		assertThat(oneTime).hasSize(24);
		assertThat(users.list()).containsExactly(new DashboardUsers.Account("admin", Role.ADMIN, true, true));
		String stored = new JdbcTemplate(database)
			.queryForObject("select password from dashboard_users where username = 'admin'", String.class);
		assertThat(stored).startsWith("{bcrypt}").doesNotContain(oneTime);
		assertThat(this.encoder.matches(oneTime, stored)).isTrue();
		// logged in with it, the administrator may only change it
		UserDetails admin = users.loadUserByUsername("admin");
		assertThat(admin.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly(DashboardUsers.PASSWORD_CHANGE_REQUIRED);

		// the next start finds a user: nothing created, nothing printed
		int printedBefore = output.getAll().length();
		new FirstUsers(new DashboardUsers(database, this.encoder), properties(List.of()), this.encoder)
			.afterPropertiesSet();
		assertThat(output.getAll().substring(printedBefore)).doesNotContain("one-time password")
			.doesNotContain(oneTime);
		assertThat(users.list()).hasSize(1);
	}

	@Test
	void createsTheConfiguredUsersInsteadOfAnAdministrator(CapturedOutput output) {
		DashboardUsers users = new DashboardUsers(database("configured"), this.encoder);
		String hash = this.encoder.encode("one-time-finance");

		new FirstUsers(users,
				properties(List.of(new LoginProperties.InitialUser("finance", Role.FINANCE, hash),
						new LoginProperties.InitialUser("ops", Role.OPERATIONS, this.encoder.encode("one-time-ops")))),
				this.encoder)
			.afterPropertiesSet();

		assertThat(users.list()).containsExactly(new DashboardUsers.Account("finance", Role.FINANCE, true, true),
				new DashboardUsers.Account("ops", Role.OPERATIONS, true, true));
		assertThat(output.getAll()).doesNotContain("one-time-finance").doesNotContain("one-time-ops");
	}

	@Test
	void givesTheRoleOnlyAfterTheOneTimePasswordIsChanged() {
		DashboardUsers users = new DashboardUsers(database("change"), this.encoder);
		users.create("finance", Role.FINANCE, this.encoder.encode("one-time-finance"));

		users.changePassword("finance", "one-time-finance", "a-password-of-finance");

		assertThat(users.loadUserByUsername("finance").getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("ROLE_FINANCE");
		assertThat(users.passwordChangeRequired("finance")).isFalse();
	}

	private static LoginProperties properties(List<LoginProperties.InitialUser> initial) {
		return new LoginProperties("unused", "sa", "", true, initial);
	}

	private static DriverManagerDataSource database(String name) {
		return new DriverManagerDataSource("jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa",
				"");
	}

}
