package io.paytally.dashboard.security;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is logged in ({@code GET /api/me}), and the own password
 * ({@code POST /account/api/password}): after a change the session ends and the user logs
 * in again with the new password, now with the role's authority.
 */
@RestController
class AccountController {

	private static final Logger logger = LoggerFactory.getLogger(AccountController.class);

	private final DashboardUsers users;

	AccountController(DashboardUsers users) {
		this.users = users;
	}

	@GetMapping("/api/me")
	Me me(Authentication authentication) {
		List<String> roles = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority.startsWith("ROLE_"))
			.map((authority) -> authority.substring(5))
			.toList();
		boolean mustChange = authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> DashboardUsers.PASSWORD_CHANGE_REQUIRED.equals(authority.getAuthority()));
		return new Me(authentication.getName(), roles, mustChange);
	}

	@PostMapping("/account/api/password")
	ResponseEntity<Map<String, String>> changePassword(@RequestBody PasswordChange change,
			Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
		this.users.changePassword(authentication.getName(), change.currentPassword(), change.newPassword());
		logger.info("Dashboard user {} changed its password", authentication.getName());
		new SecurityContextLogoutHandler().logout(request, response, authentication);
		return ResponseEntity.ok(Map.of("next", "/login"));
	}

	@ExceptionHandler({ CurrentPasswordWrong.class, NewPasswordRejected.class })
	ResponseEntity<Map<String, String>> rejected(RuntimeException ex) {
		String error = (ex instanceof CurrentPasswordWrong) ? "CURRENT_PASSWORD_WRONG" : "NEW_PASSWORD_REJECTED";
		return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("error", error, "message", ex.getMessage()));
	}

	/**
	 * The logged-in user.
	 *
	 * @param name the login name
	 * @param roles its roles (none while it must change a one-time password)
	 * @param passwordChangeRequired whether it must change a one-time password first
	 */
	record Me(String name, List<String> roles, boolean passwordChangeRequired) {

	}

	/**
	 * A password change.
	 *
	 * @param currentPassword the current (one-time) password
	 * @param newPassword the new one, at least
	 * {@value DashboardUsers#MIN_PASSWORD_LENGTH} characters
	 */
	record PasswordChange(String currentPassword, String newPassword) {

	}

}
