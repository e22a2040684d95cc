package io.paytally.stream.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads a request's API key: {@code Authorization: Bearer <key>} or
 * {@code X-Api-Key: <key>}. None: no authentication attempted (the request stays
 * anonymous and is refused 401 where a caller is required).
 */
final class ApiKeyConverter implements AuthenticationConverter {

	static final String API_KEY_HEADER = "X-Api-Key";

	private static final String BEARER = "Bearer ";

	@Override
	public Authentication convert(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		String key;
		if (authorization != null) {
			if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
				throw new BadCredentialsException("Only Bearer API keys are accepted");
			}
			key = authorization.substring(BEARER.length()).trim();
		}
		else {
			key = request.getHeader(API_KEY_HEADER);
		}
		if (key == null) {
			return null;
		}
		if (key.isBlank()) {
			throw new BadCredentialsException("Empty API key");
		}
		return ApiKeyAuthentication.presented(key.trim());
	}

}
