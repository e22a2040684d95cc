package io.paytally.stream.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request's API key: presented (not yet checked, the key as credentials), or
 * authenticated (the caller as principal, the key erased).
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private transient String key;

	private final transient ApiCaller caller;

	private ApiKeyAuthentication(String key, ApiCaller caller) {
		super((caller != null)
				? List.of(new SimpleGrantedAuthority(caller.instance() ? "ROLE_INSTANCE" : "ROLE_CALLER")) : List.of());
		this.key = key;
		this.caller = caller;
		setAuthenticated(caller != null);
	}

	static ApiKeyAuthentication presented(String key) {
		return new ApiKeyAuthentication(key, null);
	}

	static ApiKeyAuthentication authenticated(ApiCaller caller) {
		return new ApiKeyAuthentication(null, caller);
	}

	@Override
	public String getCredentials() {
		return this.key;
	}

	@Override
	public ApiCaller getPrincipal() {
		return this.caller;
	}

	@Override
	public String getName() {
		return (this.caller != null) ? this.caller.name() : "";
	}

	@Override
	public void eraseCredentials() {
		this.key = null;
	}

	@Override
	public boolean equals(Object other) {
		return this == other;
	}

	@Override
	public int hashCode() {
		return System.identityHashCode(this);
	}

}
