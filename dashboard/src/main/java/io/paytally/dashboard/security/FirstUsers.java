package io.paytally.dashboard.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The users a deployment starts with, created before the page is served: the configured
 * initial users that do not exist yet; or, when none is configured and no user exists,
 * one administrator {@code admin} whose one-time password is printed once, to the log,
 * and kept nowhere else (only its hash is stored).
 */
class FirstUsers implements InitializingBean {

	private static final Logger logger = LoggerFactory.getLogger(FirstUsers.class);

	/** The administrator created on a first start without configured users. */
	static final String FIRST_ADMIN = "admin";

	private final DashboardUsers users;

	private final LoginProperties properties;

	private final PasswordEncoder encoder;

	FirstUsers(DashboardUsers users, LoginProperties properties, PasswordEncoder encoder) {
		this.users = users;
		this.properties = properties;
		this.encoder = encoder;
	}

	@Override
	public void afterPropertiesSet() {
		for (LoginProperties.InitialUser initial : this.properties.initialUsers()) {
			if (!this.users.exists(initial.name())) {
				this.users.create(initial.name(), initial.role(), initial.passwordHash());
				logger.info("Dashboard user {} ({}) created with its one-time password", initial.name(),
						initial.role());
			}
		}
		if (!this.users.anyExists()) {
			String oneTime = OneTimePasswords.next();
			this.users.create(FIRST_ADMIN, Role.ADMIN, this.encoder.encode(oneTime));
			logger.warn("No dashboard user existed: created the administrator '{}' with the one-time password {} "
					+ "(shown this once; it must be changed at the first login)", FIRST_ADMIN, oneTime);
		}
	}

}
