package io.paytally.ingest.verification;

/**
 * WeChat's signature probe: a callback signed {@code WECHATPAY/SIGNTEST/...} on purpose,
 * to check that we refuse it.
 */
public final class ProbeCallback extends CallbackRefused {

	public ProbeCallback() {
		super(401, "probe", "signature probe");
	}

}
