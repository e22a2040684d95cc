package io.paytally.stream.intake.prepay;

/**
 * What the payer's client needs to pay a prepaid order: {@code code_url} for NATIVE, the
 * signed parameters for JSAPI.
 *
 * @param codeUrl WeChat's {@code weixin://} URL to show as a QR code (NATIVE)
 * @param jsapi the signed {@code wx.requestPayment} parameters (JSAPI)
 */
public record PayParameters(String codeUrl, JsapiPayParameters jsapi) {

	public static PayParameters nativePay(String codeUrl) {
		return new PayParameters(codeUrl, null);
	}

	static PayParameters jsapi(JsapiPayParameters parameters) {
		return new PayParameters(null, parameters);
	}

}
