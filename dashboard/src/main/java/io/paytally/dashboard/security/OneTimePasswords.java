package io.paytally.dashboard.security;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random one-time passwords: 18 random bytes, 24 URL-safe characters.
 */
final class OneTimePasswords {

	private static final SecureRandom RANDOM = new SecureRandom();

	private OneTimePasswords() {
	}

	static String next() {
		byte[] random = new byte[18];
		RANDOM.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

}
