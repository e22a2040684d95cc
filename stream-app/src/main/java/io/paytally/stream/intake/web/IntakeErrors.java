package io.paytally.stream.intake.web;

import java.util.List;
import java.util.stream.Collectors;

import io.paytally.stream.intake.CreationNotYetApplied;
import io.paytally.stream.intake.FieldError;
import io.paytally.stream.intake.IntakeProperties;
import io.paytally.stream.intake.InvalidPaymentRequest;
import io.paytally.stream.intake.MerchantOrderBusy;
import io.paytally.stream.intake.MerchantOrderNotFound;
import io.paytally.stream.intake.OrderEventNotAcknowledged;
import io.paytally.stream.intake.PaymentStateUnavailable;
import io.paytally.stream.intake.order.AlreadyPaid;
import io.paytally.stream.intake.order.AttemptClosing;
import io.paytally.stream.intake.order.AttemptsExhausted;
import io.paytally.stream.intake.order.PaymentDataConflict;
import io.paytally.stream.intake.order.PaymentUnderReview;
import io.paytally.stream.intake.prepay.WechatPayUnavailable;
import io.paytally.wechat.UnknownMerchant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps the intake's facts to HTTP statuses, once: 400 for invalid requests, 404 for an
 * unknown merchant order, 409 when the merchant order cannot be paid (again) this way,
 * 502/503 when WeChat or Kafka failed (retry the same request: it is idempotent).
 */
@RestControllerAdvice(basePackageClasses = IntakeErrors.class)
class IntakeErrors {

	private static final Logger log = LoggerFactory.getLogger(IntakeErrors.class);

	private final IntakeProperties settings;

	IntakeErrors(IntakeProperties settings) {
		this.settings = settings;
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> invalid(InvalidPaymentRequest ex) {
		return ResponseEntity.badRequest().body(new ErrorBody("INVALID_REQUEST", ex.getMessage(), null, ex.errors()));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException ex) {
		FieldError error = fieldError(ex);
		return ResponseEntity.badRequest()
			.body(new ErrorBody("INVALID_REQUEST", error.field() + ": " + error.reason(), null, List.of(error)));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> unknownMerchant(UnknownMerchant ex) {
		FieldError error = new FieldError("mchid", "merchant " + ex.mchid() + " is not served here");
		return ResponseEntity.badRequest()
			.body(new ErrorBody("INVALID_REQUEST", error.field() + ": " + error.reason(), null, List.of(error)));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> alreadyPaid(AlreadyPaid ex) {
		return conflict(ErrorBody.of("ALREADY_PAID", ex.getMessage(), ex.outTradeNo()));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> underReview(PaymentUnderReview ex) {
		return conflict(ErrorBody.of("PAYMENT_UNDER_REVIEW", ex.getMessage(), ex.outTradeNo()));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> dataConflict(PaymentDataConflict ex) {
		return conflict(ErrorBody.of("PAYMENT_DATA_CONFLICT", ex.getMessage(), ex.outTradeNo()));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> closing(AttemptClosing ex) {
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.header(HttpHeaders.RETRY_AFTER, retryAfter())
			.body(ErrorBody.of("PAYMENT_ORDER_CLOSING", ex.getMessage(), ex.outTradeNo()));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> exhausted(AttemptsExhausted ex) {
		return conflict(ErrorBody.of("ATTEMPTS_EXHAUSTED", ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> notFound(MerchantOrderNotFound ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ErrorBody.of("NOT_FOUND", ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> busy(MerchantOrderBusy ex) {
		return unavailable(ErrorBody.of("BUSY", ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> stateUnavailable(PaymentStateUnavailable ex) {
		log.warn("{}", ex.getMessage(), ex.getCause());
		return unavailable(ErrorBody.of("STATE_UNAVAILABLE", ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> notAcknowledged(OrderEventNotAcknowledged ex) {
		return unavailable(ErrorBody.of("EVENT_NOT_ACKNOWLEDGED", ex.getMessage(), ex.outTradeNo()));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> notApplied(CreationNotYetApplied ex) {
		return unavailable(ErrorBody.of("CREATION_NOT_APPLIED", ex.getMessage(), ex.outTradeNo()));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> wechatUnavailable(WechatPayUnavailable ex) {
		return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
			.header(HttpHeaders.RETRY_AFTER, retryAfter())
			.body(ErrorBody.of("WECHATPAY_UNAVAILABLE", ex.getMessage(), ex.outTradeNo()));
	}

	private ResponseEntity<ErrorBody> conflict(ErrorBody body) {
		return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
	}

	private ResponseEntity<ErrorBody> unavailable(ErrorBody body) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, retryAfter())
			.body(body);
	}

	private String retryAfter() {
		return Long.toString(Math.max(1, this.settings.retryAfter().toSeconds()));
	}

	private static FieldError fieldError(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getCause();
		while (cause != null && !(cause instanceof JacksonException)) {
			cause = cause.getCause();
		}
		if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
			String field = jackson.getPath()
				.stream()
				.map((ref) -> (ref.getPropertyName() != null) ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
				.collect(Collectors.joining("."));
			return new FieldError(field, "has the wrong type");
		}
		return new FieldError("body", "is not a readable JSON object");
	}

}
