package io.paytally.ingest.verification;

/**
 * A verified callback whose {@code event_type} is neither a payment nor a refund.
 */
public final class UnsupportedEvent extends CallbackRefused {

	public UnsupportedEvent() {
		super(400, "unsupported_event", "unsupported event_type");
	}

}
