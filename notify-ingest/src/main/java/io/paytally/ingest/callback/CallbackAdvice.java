package io.paytally.ingest.callback;

import io.paytally.ingest.legacy.V2CallbackController;
import io.paytally.ingest.publish.BrokerUnavailable;
import io.paytally.ingest.verification.CallbackContext;
import io.paytally.ingest.verification.CallbackRefused;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps every way a callback can end other than success to its status and WeChat's failure
 * body, once: refusals to 4xx, an unacknowledged write to 503 (WeChat retries), anything
 * unforeseen to 500 without details. Logs name the reason, the notification id and the
 * out_trade_no, never the request's content or an SDK message; refusals at a limited rate
 * ({@link RefusalLog}), as anyone on the internet can cause them. The v2 controller's
 * exceptions reach it through Spring MVC; the v3 servlet calls it directly.
 */
@RestControllerAdvice(assignableTypes = V2CallbackController.class)
class CallbackAdvice {

	private static final Logger log = LoggerFactory.getLogger(CallbackAdvice.class);

	private final CallbackMetrics metrics;

	private final RefusalLog refusals;

	CallbackAdvice(CallbackMetrics metrics, RefusalLog refusals) {
		this.metrics = metrics;
		this.refusals = refusals;
	}

	@ExceptionHandler(CallbackRefused.class)
	ResponseEntity<byte[]> refused(CallbackRefused refusal, HttpServletRequest request) {
		return refused(refusal, context(request));
	}

	ResponseEntity<byte[]> refused(CallbackRefused refusal, CallbackContext context) {
		this.metrics.refused(context.protocol(), refusal.reason());
		this.refusals.refused(refusal.reason(),
				"Refused {} callback of merchant {}: reason={} notification_id={} out_trade_no={}", context.protocol(),
				context.mchid(), refusal.reason(), context.notificationId(), context.outTradeNo());
		return reply(context, refusal.status(), refusal.getMessage());
	}

	@ExceptionHandler(BrokerUnavailable.class)
	ResponseEntity<byte[]> unavailable(BrokerUnavailable unavailable, HttpServletRequest request) {
		return unavailable(unavailable, context(request));
	}

	ResponseEntity<byte[]> unavailable(BrokerUnavailable unavailable, CallbackContext context) {
		this.metrics.unavailable(context.protocol());
		log.warn(
				"Could not write {} callback of merchant {} ({}), answered 503 for a retry: notification_id={} "
						+ "out_trade_no={}",
				context.protocol(), context.mchid(), unavailable.getMessage(), context.notificationId(),
				context.outTradeNo());
		return reply(context, 503, "temporarily unavailable");
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<byte[]> unexpected(Exception ex, HttpServletRequest request) {
		return unexpected(ex, context(request));
	}

	ResponseEntity<byte[]> unexpected(Exception ex, CallbackContext context) {
		this.metrics.unavailable(context.protocol());
		log.error("Unexpected {} handling {} callback of merchant {}: notification_id={} out_trade_no={}",
				ex.getClass().getName(), context.protocol(), context.mchid(), context.notificationId(),
				context.outTradeNo());
		return reply(context, 500, "internal error");
	}

	private static CallbackContext context(HttpServletRequest request) {
		Object context = request.getAttribute(CallbackContext.ATTRIBUTE);
		if (context instanceof CallbackContext callbackContext) {
			return callbackContext;
		}
		String protocol = request.getRequestURI().startsWith("/wechatpay/v2/") ? "v2" : "v3";
		return new CallbackContext(protocol, null);
	}

	private static ResponseEntity<byte[]> reply(CallbackContext context, int status, String message) {
		return "v2".equals(context.protocol()) ? Replies.v2Failure(status, message)
				: Replies.v3Failure(status, message);
	}

}
