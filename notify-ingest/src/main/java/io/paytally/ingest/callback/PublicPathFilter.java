package io.paytally.ingest.callback;

import java.io.IOException;

import io.paytally.ingest.verification.CallbackContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The public port shows nothing but the callback endpoints: any other path is answered
 * 404 with an empty body before Spring MVC sees it (no error page echoing the path, no
 * actuator: that lives on the management port), counted as a refusal
 * ({@code protocol=none, reason=unknown_path}) and logged at a limited rate with the path
 * escaped.
 */
class PublicPathFilter extends OncePerRequestFilter {

	/** The refusal reason of a request for anything but a callback. */
	static final String UNKNOWN_PATH = "unknown_path";

	private static final String[] CALLBACK_PREFIXES = { "/wechatpay/v3/notify/", "/wechatpay/v2/notify/" };

	private final CallbackMetrics metrics;

	private final RefusalLog refusals;

	PublicPathFilter(CallbackMetrics metrics, RefusalLog refusals) {
		this.metrics = metrics;
		this.refusals = refusals;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI();
		if (isCallbackPath(path)) {
			chain.doFilter(request, response);
			return;
		}
		this.metrics.refused("none", UNKNOWN_PATH);
		this.refusals.refused(UNKNOWN_PATH, "Refused request for a path other than a callback: {} {}",
				CallbackContext.escape(request.getMethod()), CallbackContext.escape(path));
		response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		response.setContentLength(0);
	}

	static boolean isCallbackPath(String path) {
		if (path == null) {
			return false;
		}
		for (String prefix : CALLBACK_PREFIXES) {
			if (path.startsWith(prefix) && path.length() > prefix.length()) {
				return true;
			}
		}
		return false;
	}

}
