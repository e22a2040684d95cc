package io.paytally.stream.apidoc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every field of the API's bodies means, for the merchant's integrators, by schema
 * and JSON name. Kept here rather than as annotations because two of the schemas
 * ({@code OrderPaymentState}, {@code Refund}) are the topic contract in {@code schemas},
 * which knows nothing of OpenAPI; the customizer applies them to every schema alike.
 */
final class FieldDescriptions {

	private static final String MCHID = "The merchant id (mchid): an order number is unique only within one merchant";

	private static final String MERCHANT_ORDER_NO = "The merchant's own order number (its order system's)";

	private static final String OUT_TRADE_NO = "The payment order's number at WeChat Pay (out_trade_no), made by "
			+ "paytally from the merchant order number and the attempt";

	private static final String DESCRIPTION = "What is sold, as the payer sees it (1 to 127 characters)";

	static final Map<String, Map<String, String>> BY_SCHEMA = Map.of("PaymentRequest", fields("mchid",
			"The merchant id (mchid), one this caller may act for and this deployment serves", "merchant_order_no",
			"The merchant's own order number, 1 to 64 printable characters; repeating a request "
					+ "with the same number answers the same payment order (idempotent)",
			"amount", "The amount in fen (1 yuan = 100 fen), an integer of at least 1", "description", DESCRIPTION,
			"trade_type", "NATIVE (a QR code the payer scans) or JSAPI (paid inside WeChat)", "payer_openid",
			"The payer's openid under the merchant's appid (at most 128 characters): required for JSAPI, ignored for "
					+ "NATIVE",
			"time_expire",
			"Optional: when the order stops being payable, RFC 3339 with offset (e.g. "
					+ "2026-11-23T20:00:00+08:00); default now plus the configured payable period"),
			"PaymentResponse",
			fields("mchid", MCHID, "merchant_order_no", MERCHANT_ORDER_NO, "out_trade_no", OUT_TRADE_NO, "attempt",
					"Which payment order of the merchant order this is: 1 for the first, more after one closed unpaid",
					"created",
					"true when this request created the payment order (201), false when it repeated it (200)", "amount",
					"The amount in fen", "description", DESCRIPTION, "trade_type", "NATIVE or JSAPI", "created_at",
					"When the payment order was created (RFC 3339, UTC)", "time_expire",
					"When it stops being payable (RFC 3339, UTC); it is then checked at WeChat and closed if unpaid",
					"prepay_expires_at",
					"Until when code_url or jsapi can be used at the latest (WeChat's prepay lives 2 h); "
							+ "ask again after it",
					"code_url", "NATIVE only: the weixin:// URL to show as a QR code", "jsapi",
					"JSAPI only: the signed parameters for wx.requestPayment"),
			"JsapiPayParameters",
			fields("appId", "The merchant's appid", "timeStamp", "Seconds since the epoch, as text", "nonceStr",
					"A random string", "package", "prepay_id=<WeChat's prepay id>", "signType", "RSA", "paySign",
					"SHA256withRSA with the merchant's key over appId, timeStamp, nonceStr and package, one a line, "
							+ "Base64"),
			"MerchantOrderView",
			fields("mchid", MCHID, "merchant_order_no", MERCHANT_ORDER_NO, "paid",
					"true when one of its payment orders is paid (PAID, PARTIALLY_REFUNDED or REFUNDED)",
					"payment_orders", "Its payment orders, attempt 1 first"),
			"PaymentOrderView",
			fields("out_trade_no", OUT_TRADE_NO, "attempt",
					"Which payment order of the merchant order this is (1 first)", "status",
					"Its payment state (PENDING, CHECKING, PAID, CLOSED, PARTIALLY_REFUNDED, REFUNDED, "
							+ "AMOUNT_MISMATCH)",
					"amount", "The order amount in fen", "description", DESCRIPTION, "created_at",
					"When it was created (RFC 3339, UTC)", "time_expire", "When it stops being payable (RFC 3339, UTC)",
					"transaction_id", "WeChat Pay's transaction id, once paid", "paid_at",
					"WeChat's success_time of the first success, once paid; never changes", "paid_amount",
					"What the payer paid in fen, once paid (differs from amount only in AMOUNT_MISMATCH)",
					"refunded_amount", "The sum of its successful refunds in fen", "closed_at",
					"When it was closed, if it was", "close_reason",
					"Why it was closed: expired unpaid, cancelled by the merchant, never placed at WeChat"),
			"OrderPaymentState",
			fields("mchid", MCHID, "out_trade_no", OUT_TRADE_NO, "merchant_order_no", MERCHANT_ORDER_NO, "status",
					"The payment state (PENDING, CHECKING, PAID, CLOSED, PARTIALLY_REFUNDED, REFUNDED, "
							+ "AMOUNT_MISMATCH)",
					"amount_total", "The order amount in fen", "currency", "ISO 4217 currency, CNY", "description",
					DESCRIPTION, "created_at", "When the payment order was created (RFC 3339, UTC)", "expire_at",
					"When it stops being payable (RFC 3339, UTC)", "transaction_id",
					"WeChat Pay's transaction id, from the first success", "paid_at",
					"WeChat's success_time of the first success; never changes once set", "paid_amount",
					"What WeChat says was paid for the order in fen (amount.total), from the first success",
					"payer_total",
					"The payer's part of it in fen (amount.payer_total): less than paid_amount when a coupon "
							+ "paid the rest",
					"paid_source",
					"Which road reported the first success: CALLBACK_V3, CALLBACK_V2, ACTIVE_QUERY, BILL",
					"refunded_amount", "The sum of successful refunds in fen", "refunds",
					"Every refund seen, by out_refund_no", "closed_at", "When the order was closed, if it was",
					"close_reason",
					"Why it was closed: expired unpaid, cancelled by the merchant, never placed at WeChat",
					"expiry_checks", "How many times WeChat was asked about it after it expired", "version",
					"How many transitions the order has been through (1 for the first state)", "updated_at",
					"When the last transition happened (RFC 3339, UTC)"),
			"Refund",
			fields("out_refund_no", "The merchant's refund number (out_refund_no)", "refund_id",
					"WeChat Pay's refund id", "amount",
					"The amount the merchant asked back in fen (amount.refund, the bill's 申请退款金额)", "status",
					"The refund's state at WeChat (PROCESSING, SUCCESS, CLOSED, ABNORMAL)", "success_time",
					"When it succeeded, if it did (RFC 3339, UTC)", "payer_refund",
					"What goes back to the payer in fen (amount.payer_refund), if WeChat said: less than amount "
							+ "when a coupon paid part of the order"));

	/** The path parameters, by name. */
	static final Map<String, String> PARAMETERS = Map.of("merchantOrderNo",
			"The merchant's own order number, as given to POST /payments", "outTradeNo",
			"The payment order's number at WeChat Pay (out_trade_no), as answered by POST /payments");

	private FieldDescriptions() {
	}

	private static Map<String, String> fields(String... nameAndDescription) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (int i = 0; i < nameAndDescription.length; i += 2) {
			fields.put(nameAndDescription[i], nameAndDescription[i + 1]);
		}
		return fields;
	}

}
