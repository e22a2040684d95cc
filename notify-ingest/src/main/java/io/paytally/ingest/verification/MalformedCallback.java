package io.paytally.ingest.verification;

/**
 * A callback that cannot be read: bad JSON or XML, a malformed header, a truncated body.
 */
public final class MalformedCallback extends CallbackRefused {

	public MalformedCallback(String what) {
		super(400, "malformed", "malformed " + what);
	}

}
