package io.paytally.ingest.verification;

/**
 * A callback signed with a platform key or certificate that is not the merchant's.
 */
public final class UnknownSerial extends CallbackRefused {

	public UnknownSerial() {
		super(401, "unknown_serial", "unknown Wechatpay-Serial");
	}

}
