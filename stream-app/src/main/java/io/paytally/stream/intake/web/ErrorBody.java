package io.paytally.stream.intake.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.paytally.stream.intake.FieldError;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The body of every refusal of the intake API.
 *
 * @param code what happened, stable for programs ({@code INVALID_REQUEST},
 * {@code ALREADY_PAID}, ...)
 * @param message one sentence for a person
 * @param outTradeNo the payment order concerned, if any
 * @param errors the wrong fields of an invalid request
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record ErrorBody(String code, String message, String outTradeNo, List<FieldError> errors) {

}
