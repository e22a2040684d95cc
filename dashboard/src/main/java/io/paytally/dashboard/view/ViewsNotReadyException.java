package io.paytally.dashboard.view;

/**
 * The views cannot be read yet: the stores are restoring from their changelogs or being
 * moved by a rebalance.
 */
public class ViewsNotReadyException extends RuntimeException {

	public ViewsNotReadyException(String message, Throwable cause) {
		super(message, cause);
	}

}
