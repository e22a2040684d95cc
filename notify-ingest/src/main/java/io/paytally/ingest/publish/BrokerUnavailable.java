package io.paytally.ingest.publish;

/**
 * The broker did not acknowledge a record in time (or could not be reached): the callback
 * is answered 503 so that WeChat Pay sends it again.
 */
public final class BrokerUnavailable extends RuntimeException {

	public BrokerUnavailable(String what) {
		super(what, null, false, false);
	}

}
