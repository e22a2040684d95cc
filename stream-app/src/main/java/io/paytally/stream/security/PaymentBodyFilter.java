package io.paytally.stream.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the body of {@code POST /payments} once (at most {@value #LIMIT} bytes, larger is
 * 413), so that {@link MerchantScope} can check its merchant and the controller can read
 * it again.
 */
final class PaymentBodyFilter extends OncePerRequestFilter {

	static final int LIMIT = 64 * 1024;

	private final ApiErrors errors;

	PaymentBodyFilter(ApiErrors errors) {
		this.errors = errors;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && "/payments".equals(request.getRequestURI()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ReplayableBodyRequest replayable = ReplayableBodyRequest.read(request, LIMIT);
		if (replayable == null) {
			this.errors.write(response, 413, "PAYLOAD_TOO_LARGE", "The body is larger than " + LIMIT + " bytes");
			return;
		}
		chain.doFilter(replayable, response);
	}

}
