package io.paytally.sandbox.callback;

/**
 * One callback to send: the envelope (already encrypted) and where it goes; for a v2
 * merchant the XML, and the same callback forged (signed or encrypted with another key).
 */
record Notification(String id, String mchid, String outTradeNo, String outRefundNo, String eventType, String notifyUrl,
		String body, boolean v2, String forgedBody) {

	Notification(String id, String mchid, String outTradeNo, String outRefundNo, String eventType, String notifyUrl,
			String body) {
		this(id, mchid, outTradeNo, outRefundNo, eventType, notifyUrl, body, false, null);
	}

}
