package io.paytally.stream.intake;

/**
 * What is wrong with one field of a request.
 *
 * @param field the field's JSON name
 * @param reason why it is refused, for a person
 */
public record FieldError(String field, String reason) {

}
