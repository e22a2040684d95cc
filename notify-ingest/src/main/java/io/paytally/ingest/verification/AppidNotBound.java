package io.paytally.ingest.verification;

/**
 * A callback under an app id that is not one the merchant has bound (its {@code appid}
 * and {@code appids} settings).
 */
public final class AppidNotBound extends CallbackRefused {

	public AppidNotBound() {
		super(400, "appid_not_bound", "appid not bound to the merchant");
	}

}
