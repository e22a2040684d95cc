package io.paytally.ingest.verification;

/**
 * A callback that is not accepted, for a reason named by the subclass. Its message is
 * safe to log and to send back: it never holds any part of the request. No stack trace is
 * taken: a refusal is an answer, not an error.
 */
public abstract class CallbackRefused extends RuntimeException {

	private final int status;

	private final String reason;

	protected CallbackRefused(int status, String reason, String message) {
		super(message, null, false, false);
		this.status = status;
		this.reason = reason;
	}

	/** The HTTP status answered. */
	public int status() {
		return this.status;
	}

	/** A short, stable label of the reason, for metrics and logs. */
	public String reason() {
		return this.reason;
	}

}
