package io.paytally.ingest.verification;

/**
 * A verified, decrypted callback with a field that breaks WeChat's rules (format, amount,
 * state).
 */
public final class InvalidField extends CallbackRefused {

	public InvalidField(String field) {
		super(400, "invalid_field", "invalid field " + field);
	}

}
