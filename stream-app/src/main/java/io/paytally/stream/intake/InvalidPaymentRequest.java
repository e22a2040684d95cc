package io.paytally.stream.intake;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A request that breaks WeChat's or paytally's limits; nothing was done.
 */
public class InvalidPaymentRequest extends RuntimeException {

	private final List<FieldError> errors;

	InvalidPaymentRequest(List<FieldError> errors) {
		super(errors.stream().map((e) -> e.field() + ": " + e.reason()).collect(Collectors.joining("; ")));
		this.errors = List.copyOf(errors);
	}

	InvalidPaymentRequest(String field, String reason) {
		this(List.of(new FieldError(field, reason)));
	}

	public List<FieldError> errors() {
		return this.errors;
	}

}
