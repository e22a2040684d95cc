package io.paytally.ingest.verification;

import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;

import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.RefundStatus;
import io.paytally.schemas.TradeState;
import io.paytally.schemas.UnknownNotification;
import tools.jackson.databind.JsonNode;

/**
 * Decides whether a v3 callback is genuine and turns it into a notification record. In
 * order: merchant, required headers, replay window, signature probe, serial, the SDK's
 * signature check and decryption, then WeChat Pay's field rules. Every way to fail is a
 * {@link CallbackRefused}; nothing else escapes.
 */
public final class V3CallbackVerifier {

	/** The signature prefix of WeChat's signature probes. */
	static final String PROBE_PREFIX = "WECHATPAY/SIGNTEST/";

	static final String ALGORITHM = "AEAD_AES_256_GCM";

	/**
	 * What an event type WeChat may add looks like: {@code PAYSCORE.USER_OPEN_SERVICE}.
	 */
	private static final Pattern EVENT_TYPE = Pattern.compile("[A-Z0-9_]{1,32}(\\.[A-Z0-9_]{1,32}){0,4}");

	private final Merchants merchants;

	private final ReplayWindow replayWindow;

	private final Clock clock;

	public V3CallbackVerifier(Merchants merchants, ReplayWindow replayWindow, Clock clock) {
		this.merchants = merchants;
		this.replayWindow = replayWindow;
		this.clock = clock;
	}

	/**
	 * Verifies one callback.
	 * @param mchid the merchant of the notify URL
	 * @param headers the {@code Wechatpay-*} headers
	 * @param body the raw body
	 * @param context filled in with the notification id and out_trade_no as they are
	 * learned
	 * @return the notification to write
	 * @throws CallbackRefused if the callback is not accepted
	 */
	public VerifiedNotification verify(String mchid, V3Headers headers, byte[] body, CallbackContext context) {
		try {
			return verifyBody(mchid, headers, body, context);
		}
		catch (CallbackRefused ex) {
			if (context.notificationId() == null) {
				context.notificationId(idOf(body));
			}
			throw ex;
		}
	}

	private VerifiedNotification verifyBody(String mchid, V3Headers headers, byte[] body, CallbackContext context) {
		MerchantVerifier merchant = this.merchants.v3(mchid);
		String timestamp = required(headers.timestamp(), V3Headers.TIMESTAMP);
		String nonce = required(headers.nonce(), V3Headers.NONCE);
		String signature = required(headers.signature(), V3Headers.SIGNATURE);
		String serial = required(headers.serial(), V3Headers.SERIAL);
		this.replayWindow.check(timestamp);
		if (signature.startsWith(PROBE_PREFIX)) {
			throw new ProbeCallback();
		}
		if (!merchant.knowsSerial(serial)) {
			throw new UnknownSerial();
		}
		String signatureType = headers.signatureType();
		if (signatureType != null && !signatureType.isEmpty() && !signatureType.equals(merchant.signType())) {
			throw new SignatureTypeUnsupported();
		}
		merchant.verify(timestamp, nonce, signature, serial, body);
		JsonNode envelope = JsonTrees.object(body);
		String announced = Fields.optionalString(envelope, "event_type");
		if (announced != null && !announced.startsWith("TRANSACTION.") && !announced.startsWith("REFUND.")) {
			return unknown(mchid, envelope, announced, context);
		}
		JsonNode resource = merchant.decrypt(envelope.get("resource"));
		String id = Fields.optionalString(envelope, "id");
		context.notificationId(id);
		String eventType = Fields.requiredString(envelope, "event_type");
		Instant receivedAt = this.clock.instant();
		if (eventType.startsWith("TRANSACTION.")) {
			context.kind("payment");
			return new VerifiedNotification.Payment(payment(mchid, id, resource, context, receivedAt));
		}
		// REFUND.*: any other event type was kept as unknown before the decryption
		context.kind("refund");
		return new VerifiedNotification.Refund(refund(mchid, id, resource, context, receivedAt));
	}

	/**
	 * A genuine callback of an event type paytally does not handle: kept as received
	 * (resource still encrypted), so that it is answered 2xx and not retried for a day.
	 */
	private VerifiedNotification unknown(String mchid, JsonNode envelope, String eventType, CallbackContext context) {
		String id = Fields.requiredMatching(envelope, "id", Fields.ID);
		context.notificationId(id);
		context.kind("unknown_event");
		if (!EVENT_TYPE.matcher(eventType).matches()) {
			throw new InvalidField("event_type");
		}
		JsonNode resource = envelope.get("resource");
		if (resource != null && !resource.isNull() && !resource.isObject()) {
			throw new InvalidField("resource");
		}
		boolean hasResource = resource != null && resource.isObject();
		return new VerifiedNotification.Unknown(
				new UnknownNotification(id, mchid, eventType, Fields.optionalString(envelope, "resource_type"),
						Fields.optionalString(envelope, "summary"), Fields.optionalTime(envelope, "create_time"),
						hasResource ? Fields.optionalString(resource, "original_type") : null,
						hasResource ? Fields.optionalString(resource, "algorithm") : null,
						hasResource ? text(resource, "ciphertext") : null,
						hasResource ? Fields.optionalString(resource, "associated_data") : null,
						hasResource ? Fields.optionalString(resource, "nonce") : null, this.clock.instant()));
	}

	/** A string member of any length (the body's size limit bounds it). */
	private static String text(JsonNode object, String name) {
		JsonNode element = object.get(name);
		if (element == null || element.isNull()) {
			return null;
		}
		if (!element.isString()) {
			throw new InvalidField(name);
		}
		return element.stringValue();
	}

	private static String required(String value, String header) {
		if (value == null || value.isBlank()) {
			throw new MissingHeader(header);
		}
		return value;
	}

	/** The notification id of a body, if it is JSON with one, for the log line. */
	private static String idOf(byte[] body) {
		try {
			JsonNode id = JsonTrees.object(body).get("id");
			return (id != null && id.isValueNode() && !id.isNull()) ? id.asString() : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * The payment a verified and decrypted {@code TRANSACTION.*} resource reports
	 * (package-private: the corpus's genuine callbacks whose certificate is not public
	 * are read through it).
	 */
	static PaymentNotification payment(String mchid, String id, JsonNode resource, CallbackContext context,
			Instant receivedAt) {
		String outTradeNo = Fields.requiredString(resource, "out_trade_no");
		context.outTradeNo(outTradeNo);
		if (!Fields.OUT_TRADE_NO.matcher(outTradeNo).matches()) {
			throw new InvalidField("out_trade_no");
		}
		checkMerchant(mchid, resource);
		TradeState tradeState = Fields.requiredEnum(resource, "trade_state", TradeState.class);
		if (tradeState == TradeState.ORDER_NOT_EXIST) {
			throw new InvalidField("trade_state");
		}
		JsonNode amount = Fields.requiredObject(resource, "amount");
		long total = Fields.requiredFen(amount, "total", 1);
		Long payerTotal = Fields.optionalFen(amount, "payer_total", 0);
		String currency = Fields.optionalString(amount, "currency");
		String transactionId = Fields.optionalMatching(resource, "transaction_id", Fields.ID);
		Instant successTime = Fields.optionalTime(resource, "success_time");
		if (tradeState == TradeState.SUCCESS && (transactionId == null || successTime == null)) {
			throw new InvalidField((transactionId == null) ? "transaction_id" : "success_time");
		}
		return new PaymentNotification(id, NotificationSource.CALLBACK_V3, mchid,
				Fields.optionalMatching(resource, "appid", Fields.ID), outTradeNo, transactionId, tradeState,
				Fields.optionalMatching(resource, "trade_type", Fields.ID),
				Fields.optionalMatching(resource, "bank_type", Fields.ID), total, payerTotal,
				(currency != null && !currency.isEmpty()) ? currency : "CNY", successTime,
				emptyToNull(Fields.optionalString(resource, "attach")), receivedAt);
	}

	private static RefundNotification refund(String mchid, String id, JsonNode resource, CallbackContext context,
			Instant receivedAt) {
		String outTradeNo = Fields.requiredString(resource, "out_trade_no");
		context.outTradeNo(outTradeNo);
		if (!Fields.OUT_TRADE_NO.matcher(outTradeNo).matches()) {
			throw new InvalidField("out_trade_no");
		}
		checkMerchant(mchid, resource);
		String outRefundNo = Fields.requiredMatching(resource, "out_refund_no", Fields.OUT_REFUND_NO);
		RefundStatus status = Fields.requiredEnum(resource, "refund_status", RefundStatus.class);
		JsonNode amount = Fields.requiredObject(resource, "amount");
		long total = Fields.requiredFen(amount, "total", 1);
		long refund = Fields.requiredFen(amount, "refund", 1);
		if (refund > total) {
			throw new InvalidField("amount.refund");
		}
		Long payerTotal = Fields.optionalFen(amount, "payer_total", 0);
		Long payerRefund = Fields.optionalFen(amount, "payer_refund", 0);
		Instant successTime = Fields.optionalTime(resource, "success_time");
		if (status == RefundStatus.SUCCESS && successTime == null) {
			throw new InvalidField("success_time");
		}
		return new RefundNotification(id, NotificationSource.CALLBACK_V3, mchid, outTradeNo,
				Fields.optionalMatching(resource, "transaction_id", Fields.ID), outRefundNo,
				Fields.requiredMatching(resource, "refund_id", Fields.ID), status, total, refund, payerTotal,
				payerRefund, successTime, receivedAt);
	}

	private static String emptyToNull(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	private static void checkMerchant(String mchid, JsonNode resource) {
		String decrypted = Fields.optionalString(resource, "mchid");
		if (!mchid.equals(decrypted)) {
			throw new MerchantMismatch();
		}
	}

}
