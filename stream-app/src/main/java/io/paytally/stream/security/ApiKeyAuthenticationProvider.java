package io.paytally.stream.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/** Checks a presented API key against the configured callers' key hashes. */
final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

	private final ApiKeys keys;

	ApiKeyAuthenticationProvider(ApiKeys keys) {
		this.keys = keys;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String key = ((ApiKeyAuthentication) authentication).getCredentials();
		return this.keys.caller(key)
			.map(ApiKeyAuthentication::authenticated)
			.orElseThrow(() -> new BadCredentialsException("Unknown API key"));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return ApiKeyAuthentication.class.isAssignableFrom(authentication);
	}

}
