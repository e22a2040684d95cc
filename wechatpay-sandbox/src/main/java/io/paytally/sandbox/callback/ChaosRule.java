package io.paytally.sandbox.callback;

import java.util.concurrent.atomic.AtomicInteger;

import io.paytally.sandbox.ChaosAction;

/**
 * A chaos request: for a merchant (or one of its orders), the next {@code count}
 * callbacks get {@code action}.
 */
final class ChaosRule {

	final String mchid;

	final String outTradeNo;

	final ChaosAction action;

	final long delayMs;

	final AtomicInteger remaining;

	ChaosRule(String mchid, String outTradeNo, ChaosAction action, long delayMs, int count) {
		this.mchid = mchid;
		this.outTradeNo = outTradeNo;
		this.action = action;
		this.delayMs = delayMs;
		this.remaining = new AtomicInteger(count);
	}

	boolean matches(String mchid, String outTradeNo) {
		return this.mchid.equals(mchid) && (this.outTradeNo == null || this.outTradeNo.equals(outTradeNo));
	}

	boolean consume() {
		return this.remaining.getAndUpdate((n) -> (n > 0) ? n - 1 : 0) > 0;
	}

	/** Whether the rule has acted as many times as it was asked to. */
	boolean spent() {
		return this.remaining.get() == 0;
	}

}
