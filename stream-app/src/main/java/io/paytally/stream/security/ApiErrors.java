package io.paytally.stream.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.paytally.schemas.serde.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The API's answers to callers it does not let in, in the API's error body
 * ({@code {"code":...,"message":...}}): 401 {@code UNAUTHENTICATED} without a valid key
 * (with {@code WWW-Authenticate: Bearer}), 403 {@code MERCHANT_NOT_ALLOWED} for a
 * merchant the caller may not act for, logged with the caller, the merchant and the path
 * (never the key).
 */
final class ApiErrors implements AuthenticationEntryPoint, AuthenticationFailureHandler, AccessDeniedHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		unauthenticated(response);
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		log.warn("Refused a request with an invalid API key: {} {}", LogText.escape(request.getMethod()),
				LogText.escape(request.getRequestURI()));
		unauthenticated(response);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		String caller = (authentication != null) ? authentication.getName() : "(anonymous)";
		Object merchant = request.getAttribute(MerchantScope.REFUSED_MERCHANT);
		log.warn("Refused caller {} for merchant {}: {} {}", LogText.escape(caller),
				(merchant != null) ? LogText.escape(merchant.toString()) : "(none)",
				LogText.escape(request.getMethod()), LogText.escape(request.getRequestURI()));
		String message = (merchant != null) ? "This caller may not act for merchant " + merchant
				: "This caller may not call " + request.getRequestURI();
		write(response, 403, "MERCHANT_NOT_ALLOWED", message);
	}

	private void unauthenticated(HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		write(response, 401, "UNAUTHENTICATED",
				"An API key is required: Authorization: Bearer <key> (or X-Api-Key: <key>)");
	}

	void write(HttpServletResponse response, int status, String code, String message) throws IOException {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("code", code);
		body.put("message", message);
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getOutputStream().write(Json.mapper().writeValueAsBytes(body));
	}

}
