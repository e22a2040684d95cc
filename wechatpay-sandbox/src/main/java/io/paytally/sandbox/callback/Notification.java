package io.paytally.sandbox.callback;

/**
 * One callback to send: the envelope (already encrypted) and where it goes.
 */
record Notification(String id, String mchid, String outTradeNo, String outRefundNo, String eventType, String notifyUrl,
		String body) {

}
