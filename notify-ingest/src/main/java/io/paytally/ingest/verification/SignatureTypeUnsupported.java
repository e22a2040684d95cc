package io.paytally.ingest.verification;

/**
 * A {@code Wechatpay-Signature-Type} other than the merchant's
 * ({@code WECHATPAY2-SHA256-RSA2048}).
 */
public final class SignatureTypeUnsupported extends CallbackRefused {

	public SignatureTypeUnsupported() {
		super(400, "signature_type_unsupported", "unsupported Wechatpay-Signature-Type");
	}

}
