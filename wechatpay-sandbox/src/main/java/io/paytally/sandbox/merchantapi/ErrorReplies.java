package io.paytally.sandbox.merchantapi;

import io.paytally.sandbox.ledger.WechatError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps refusals to WeChat's JSON error bodies, once, for the merchant and control APIs.
 */
@RestControllerAdvice(basePackages = "io.paytally.sandbox")
class ErrorReplies {

	private static final Logger log = LoggerFactory.getLogger(ErrorReplies.class);

	@ExceptionHandler(WechatError.class)
	ResponseEntity<byte[]> refused(WechatError error) {
		return SignedReplies.error(error);
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<byte[]> missingParameter(MissingServletRequestParameterException ex) {
		return SignedReplies.error(400, "PARAM_ERROR", "缺少参数 " + ex.getParameterName());
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<byte[]> notFound(NoResourceFoundException ex) {
		return SignedReplies.error(404, "NOT_FOUND", "无此接口 " + ex.getResourcePath());
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<byte[]> wrongMethod(HttpRequestMethodNotSupportedException ex) {
		return SignedReplies.error(405, "NOT_FOUND", ex.getMessage());
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<byte[]> badArgument(IllegalArgumentException ex) {
		return SignedReplies.error(400, "PARAM_ERROR", ex.getMessage());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<byte[]> failed(Exception ex) {
		log.error("Sandbox failed", ex);
		return SignedReplies.error(500, "SYSTEM_ERROR", "系统错误");
	}

}
