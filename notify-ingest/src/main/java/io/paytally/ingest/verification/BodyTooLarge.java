package io.paytally.ingest.verification;

/**
 * A body larger than the configured limit, refused before it is read whole.
 */
public final class BodyTooLarge extends CallbackRefused {

	public BodyTooLarge(long limit) {
		super(413, "body_too_large", "body larger than " + limit + " bytes");
	}

}
