package io.paytally.stream.security;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Whether the caller may act for the merchant a request names: the {@code mchid} query
 * parameter, or the {@code mchid} of a JSON body (read by {@link PaymentBodyFilter}). A
 * request naming no merchant is let through to be refused 400 by the API itself; one
 * whose merchant cannot be read unambiguously (not a JSON string, a repeated field) is
 * refused. The instances' own caller passes on the query hop only.
 */
final class MerchantScope implements AuthorizationManager<RequestAuthorizationContext> {

	/** Request attribute: the merchant the request was refused for, for the log line. */
	static final String REFUSED_MERCHANT = MerchantScope.class.getName() + ".merchant";

	private static final ObjectReader STRICT = JsonMapper.builder()
		.enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build()
		.readerFor(JsonNode.class);

	private final boolean fromBody;

	private final boolean instanceHop;

	private MerchantScope(boolean fromBody, boolean instanceHop) {
		this.fromBody = fromBody;
		this.instanceHop = instanceHop;
	}

	/** The merchant of the {@code mchid} query parameter. */
	static MerchantScope ofQuery(boolean instanceHop) {
		return new MerchantScope(false, instanceHop);
	}

	/** The merchant of the JSON body's {@code mchid}. */
	static MerchantScope ofBody() {
		return new MerchantScope(true, false);
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		if (!(authentication.get() instanceof ApiKeyAuthentication auth) || auth.getPrincipal() == null) {
			return new AuthorizationDecision(false);
		}
		ApiCaller caller = auth.getPrincipal();
		HttpServletRequest request = context.getRequest();
		if (caller.instance()) {
			return new AuthorizationDecision(this.instanceHop && "true"
				.equalsIgnoreCase(request.getHeader(io.paytally.stream.query.OrderStateQueries.LOCAL_ONLY_HEADER)));
		}
		Merchant merchant = this.fromBody ? fromBody(request) : fromQuery(request);
		if (merchant.unreadable()) {
			request.setAttribute(REFUSED_MERCHANT, "(unreadable)");
			return new AuthorizationDecision(false);
		}
		if (merchant.mchid() == null || caller.mayActFor(merchant.mchid())) {
			return new AuthorizationDecision(true);
		}
		request.setAttribute(REFUSED_MERCHANT, merchant.mchid());
		return new AuthorizationDecision(false);
	}

	private static Merchant fromQuery(HttpServletRequest request) {
		String[] values = request.getParameterValues("mchid");
		if (values == null || values.length == 0) {
			return new Merchant(null, false);
		}
		if (values.length > 1) {
			return new Merchant(null, true);
		}
		return new Merchant(values[0].isBlank() ? null : values[0], false);
	}

	private static Merchant fromBody(HttpServletRequest request) {
		Object wrapped = request;
		while (wrapped instanceof jakarta.servlet.ServletRequestWrapper wrapper
				&& !(wrapped instanceof ReplayableBodyRequest)) {
			wrapped = wrapper.getRequest();
		}
		if (!(wrapped instanceof ReplayableBodyRequest replayable)) {
			return new Merchant(null, true);
		}
		JsonNode body;
		try {
			body = STRICT.readValue(replayable.body());
		}
		catch (JacksonException ex) {
			// malformed: the API refuses it 400, naming no merchant; a repeated field is
			// well-formed JSON read differently by different readers: refused here
			return new Merchant(null, ex.getMessage() != null && ex.getMessage().contains("Duplicate"));
		}
		if (body == null || !body.isObject()) {
			return new Merchant(null, false);
		}
		JsonNode mchid = body.get("mchid");
		if (mchid == null || mchid.isNull()) {
			return new Merchant(null, false);
		}
		if (!mchid.isString()) {
			return new Merchant(null, true);
		}
		return new Merchant(mchid.asString(), false);
	}

	private record Merchant(String mchid, boolean unreadable) {

	}

}
