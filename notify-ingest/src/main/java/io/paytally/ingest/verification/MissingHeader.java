package io.paytally.ingest.verification;

/**
 * A required {@code Wechatpay-*} header is missing or blank.
 */
public final class MissingHeader extends CallbackRefused {

	public MissingHeader(String header) {
		super(400, "missing_header", "missing header " + header);
	}

}
