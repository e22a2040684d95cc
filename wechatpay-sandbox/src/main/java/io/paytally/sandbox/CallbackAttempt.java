package io.paytally.sandbox;

import java.time.Instant;

/**
 * One callback the sandbox sent (or, under chaos, did not send) and the answer it got.
 *
 * @param id the notification id (the envelope's {@code id}); a duplicate shares it
 * @param attempt 1 for the first delivery, 2 for the first retry, ...; 0 for a forged
 * copy
 * @param sentAt real time the request went out
 * @param status the HTTP status answered, null when no answer (see {@code error})
 * @param error why there is no status (connect failure, timeout, dropped by chaos)
 * @param forged null for a genuine callback, else FORGE_SIGNATURE, STALE_TIMESTAMP or
 * WRONG_KEY
 * @param chaos the chaos action applied to this notification, if any
 */
public record CallbackAttempt(String id, String mchid, String outTradeNo, String outRefundNo, String eventType,
		int attempt, Instant sentAt, Integer status, String error, String forged, String chaos, String notifyUrl) {

	public boolean answered2xx() {
		return this.status != null && this.status >= 200 && this.status < 300;
	}

}
