package io.paytally.stream.intake.prepay;

/**
 * How the payer pays: which WeChat prepay API and which pay parameters.
 */
public enum TradeType {

	/** A QR code the payer scans: the answer carries WeChat's {@code code_url}. */
	NATIVE,

	/**
	 * Inside WeChat (official account page or mini program): the answer carries the
	 * signed parameters of {@code wx.requestPayment}; needs the payer's openid.
	 */
	JSAPI

}
