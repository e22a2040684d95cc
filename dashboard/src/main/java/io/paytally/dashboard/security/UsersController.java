package io.paytally.dashboard.security;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The administrator's users API ({@code /admin/api/users}): list, add a user with a role,
 * reset a password, disable or enable a user. A new user and a reset password get a
 * one-time password, answered once to the administrator (never logged, only its hash
 * stored) and to be changed at the next login; resetting or disabling ends the user's
 * open sessions.
 */
@RestController
@RequestMapping("/admin/api/users")
class UsersController {

	private static final Logger logger = LoggerFactory.getLogger(UsersController.class);

	private final DashboardUsers users;

	private final PasswordEncoder encoder;

	private final SessionRegistry sessions;

	UsersController(DashboardUsers users, PasswordEncoder encoder, SessionRegistry sessions) {
		this.users = users;
		this.encoder = encoder;
		this.sessions = sessions;
	}

	@GetMapping
	List<DashboardUsers.Account> list() {
		return this.users.list();
	}

	@PostMapping
	ResponseEntity<OneTimePassword> add(@RequestBody NewUser user, Authentication admin) {
		if (user.role() == null) {
			throw new IllegalArgumentException("A new user needs a role: OPERATIONS, FINANCE or ADMIN");
		}
		String oneTime = OneTimePasswords.next();
		this.users.create(user.name(), user.role(), this.encoder.encode(oneTime));
		logger.info("Dashboard user {} ({}) added by {}", user.name(), user.role(), admin.getName());
		return ResponseEntity.status(HttpStatus.CREATED).body(new OneTimePassword(user.name(), oneTime));
	}

	@PostMapping("/{name}/password")
	OneTimePassword resetPassword(@PathVariable String name, Authentication admin) {
		String oneTime = OneTimePasswords.next();
		this.users.resetPassword(name, this.encoder.encode(oneTime));
		endSessions(name);
		logger.info("Dashboard user {}: password reset by {}", name, admin.getName());
		return new OneTimePassword(name, oneTime);
	}

	@PostMapping("/{name}/disable")
	DashboardUsers.Account disable(@PathVariable String name, Authentication admin) {
		if (this.users.roleOf(name) == Role.ADMIN && this.users.enabledWithRole(Role.ADMIN) <= 1) {
			throw new LastAdministrator(name);
		}
		this.users.setEnabled(name, false);
		endSessions(name);
		logger.info("Dashboard user {} disabled by {}", name, admin.getName());
		return account(name);
	}

	@PostMapping("/{name}/enable")
	DashboardUsers.Account enable(@PathVariable String name, Authentication admin) {
		this.users.setEnabled(name, true);
		logger.info("Dashboard user {} enabled by {}", name, admin.getName());
		return account(name);
	}

	private DashboardUsers.Account account(String name) {
		return this.users.list().stream().filter((account) -> account.name().equals(name)).findFirst().orElseThrow();
	}

	private void endSessions(String name) {
		for (Object principal : this.sessions.getAllPrincipals()) {
			if (principal instanceof org.springframework.security.core.userdetails.UserDetails details
					&& details.getUsername().equals(name)) {
				this.sessions.getAllSessions(principal, false).forEach(SessionInformation::expireNow);
			}
		}
	}

	@ExceptionHandler(UnknownUser.class)
	ResponseEntity<Map<String, String>> unknown(UnknownUser ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "UNKNOWN_USER"));
	}

	@ExceptionHandler({ UserAlreadyExists.class, LastAdministrator.class })
	ResponseEntity<Map<String, String>> conflict(RuntimeException ex) {
		String error = (ex instanceof UserAlreadyExists) ? "USER_EXISTS" : "LAST_ADMINISTRATOR";
		return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", error));
	}

	@ExceptionHandler({ UserNameRejected.class, IllegalArgumentException.class })
	ResponseEntity<Map<String, String>> badRequest(RuntimeException ex) {
		return ResponseEntity.badRequest().body(Map.of("error", "BAD_REQUEST", "message", ex.getMessage()));
	}

	/**
	 * A user to add.
	 *
	 * @param name the login name
	 * @param role its role
	 */
	record NewUser(String name, Role role) {

	}

	/**
	 * A one-time password, shown once to the administrator who hands it over.
	 *
	 * @param name the user
	 * @param oneTimePassword the password to change at the first login
	 */
	record OneTimePassword(String name, String oneTimePassword) {

	}

}
