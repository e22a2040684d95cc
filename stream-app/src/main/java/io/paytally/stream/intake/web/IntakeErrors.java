package io.paytally.stream.intake.web;

import java.util.List;
import java.util.function.Function;
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
 * 502/503 when WeChat or Kafka failed (retry the same request: it is idempotent; the
 * answer carries {@code Retry-After}).
 */
@RestControllerAdvice(basePackageClasses = IntakeErrors.class)
class IntakeErrors {

	/**
	 * Every refusal of the intake API: the fact, the status, the code and what the body
	 * says. The facts are also listed on {@link #refuse(Exception)}.
	 */
	static final List<Refusal<?>> REFUSALS = List.of(
			refusal(InvalidPaymentRequest.class, HttpStatus.BAD_REQUEST, "INVALID_REQUEST",
					(ex) -> invalid(ex.errors())),
			refusal(HttpMessageNotReadableException.class, HttpStatus.BAD_REQUEST, "INVALID_REQUEST",
					(ex) -> invalid(List.of(fieldError(ex)))),
			refusal(UnknownMerchant.class, HttpStatus.BAD_REQUEST, "INVALID_REQUEST",
					(ex) -> invalid(
							List.of(new FieldError("mchid", "merchant " + ex.mchid() + " is not served here")))),
			refusal(MerchantOrderNotFound.class, HttpStatus.NOT_FOUND, "NOT_FOUND", IntakeErrors::said),
			refusal(AlreadyPaid.class, HttpStatus.CONFLICT, "ALREADY_PAID", (ex) -> said(ex, ex.outTradeNo())),
			refusal(PaymentUnderReview.class, HttpStatus.CONFLICT, "PAYMENT_UNDER_REVIEW",
					(ex) -> said(ex, ex.outTradeNo())),
			refusal(PaymentDataConflict.class, HttpStatus.CONFLICT, "PAYMENT_DATA_CONFLICT",
					(ex) -> said(ex, ex.outTradeNo())),
			refusal(AttemptsExhausted.class, HttpStatus.CONFLICT, "ATTEMPTS_EXHAUSTED", IntakeErrors::said),
			retryLater(AttemptClosing.class, HttpStatus.CONFLICT, "PAYMENT_ORDER_CLOSING",
					(ex) -> said(ex, ex.outTradeNo())),
			retryLater(WechatPayUnavailable.class, HttpStatus.BAD_GATEWAY, "WECHATPAY_UNAVAILABLE",
					(ex) -> said(ex, ex.outTradeNo())),
			retryLater(MerchantOrderBusy.class, HttpStatus.SERVICE_UNAVAILABLE, "BUSY", IntakeErrors::said),
			retryLater(PaymentStateUnavailable.class, HttpStatus.SERVICE_UNAVAILABLE, "STATE_UNAVAILABLE",
					IntakeErrors::said),
			retryLater(OrderEventNotAcknowledged.class, HttpStatus.SERVICE_UNAVAILABLE, "EVENT_NOT_ACKNOWLEDGED",
					(ex) -> said(ex, ex.outTradeNo())),
			retryLater(CreationNotYetApplied.class, HttpStatus.SERVICE_UNAVAILABLE, "CREATION_NOT_APPLIED",
					(ex) -> said(ex, ex.outTradeNo())));

	private final IntakeProperties settings;

	IntakeErrors(IntakeProperties settings) {
		this.settings = settings;
	}

	@ExceptionHandler({ InvalidPaymentRequest.class, HttpMessageNotReadableException.class, UnknownMerchant.class,
			MerchantOrderNotFound.class, AlreadyPaid.class, PaymentUnderReview.class, PaymentDataConflict.class,
			AttemptsExhausted.class, AttemptClosing.class, WechatPayUnavailable.class, MerchantOrderBusy.class,
			PaymentStateUnavailable.class, OrderEventNotAcknowledged.class, CreationNotYetApplied.class })
	ResponseEntity<ErrorBody> refuse(Exception ex) {
		Refusal<?> refusal = REFUSALS.stream()
			.filter((candidate) -> candidate.fact().isInstance(ex))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No refusal is mapped for " + ex.getClass().getName(), ex));
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(refusal.status());
		if (refusal.retryLater()) {
			answer.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, this.settings.retryAfter().toSeconds())));
		}
		return answer.body(refusal.body(ex));
	}

	private static <E extends Exception> Refusal<E> refusal(Class<E> fact, HttpStatus status, String code,
			Function<E, Said> said) {
		return new Refusal<>(fact, status, code, false, said);
	}

	private static <E extends Exception> Refusal<E> retryLater(Class<E> fact, HttpStatus status, String code,
			Function<E, Said> said) {
		return new Refusal<>(fact, status, code, true, said);
	}

	private static Said said(Exception ex) {
		return new Said(ex.getMessage(), null, null);
	}

	private static Said said(Exception ex, String outTradeNo) {
		return new Said(ex.getMessage(), outTradeNo, null);
	}

	private static Said invalid(List<FieldError> errors) {
		return new Said(errors.stream().map((e) -> e.field() + ": " + e.reason()).collect(Collectors.joining("; ")),
				null, errors);
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

	/**
	 * How the API refuses one fact.
	 *
	 * @param fact the exception reporting it
	 * @param status the HTTP status
	 * @param code the body's {@code code}
	 * @param retryLater whether the answer carries {@code Retry-After} (the same request
	 * may succeed later)
	 * @param said the rest of the body
	 */
	record Refusal<E extends Exception>(Class<E> fact, HttpStatus status, String code, boolean retryLater,
			Function<E, Said> said) {

		ErrorBody body(Exception ex) {
			Said told = this.said.apply(this.fact.cast(ex));
			return new ErrorBody(this.code, told.message(), told.outTradeNo(), told.errors());
		}

	}

	/** The body of a refusal but its code. */
	record Said(String message, String outTradeNo, List<FieldError> errors) {

	}

}
