package io.paytally.ingest.legacy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.paytally.ingest.verification.AppidNotBound;
import io.paytally.ingest.verification.CallbackContext;
import io.paytally.ingest.verification.InvalidField;
import io.paytally.ingest.verification.MalformedCallback;
import io.paytally.ingest.verification.MerchantMismatch;
import io.paytally.ingest.verification.Merchants;
import io.paytally.ingest.verification.VerifiedNotification;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.RefundStatus;
import io.paytally.schemas.TradeState;

/**
 * Decides whether a v2 callback is genuine. A refund callback ({@code req_info}) becomes
 * a {@link RefundNotification} (source {@code CALLBACK_V2}). A payment callback with
 * {@code result_code} SUCCESS is mapped to a {@link PaymentNotification} (source
 * {@code CALLBACK_V2}, {@code time_end} read as Beijing time). A verified FAIL result is
 * acknowledged without a record: the order simply stays unpaid.
 */
final class V2CallbackVerifier {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private static final DateTimeFormatter TIME_END = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

	private static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_\\-|*]{6,32}");

	private static final DateTimeFormatter SUCCESS_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

	private static final Pattern OUT_REFUND_NO = Pattern.compile("[0-9A-Za-z_\\-|*@]{1,64}");

	private static final Pattern ID = Pattern.compile("[0-9A-Za-z_\\-]{1,64}");

	private static final Pattern FEN = Pattern.compile("[0-9]{1,12}");

	private final Merchants merchants;

	private final Clock clock;

	V2CallbackVerifier(Merchants merchants, Clock clock) {
		this.merchants = merchants;
		this.clock = clock;
	}

	/**
	 * Verifies one callback.
	 * @return the payment or refund to write, or empty for a verified payment failure
	 */
	Optional<VerifiedNotification> verify(String mchid, byte[] body, CallbackContext context) {
		String apiKey = this.merchants.v2Key(mchid);
		Map<String, String> fields = V2Xml.parse(body);
		context.notificationId(fields.get("nonce_str"));
		context.outTradeNo(fields.get("out_trade_no"));
		if (!"SUCCESS".equals(fields.get("return_code"))) {
			throw new MalformedCallback("return_code");
		}
		if (fields.containsKey("req_info")) {
			return Optional.of(refund(mchid, fields, apiKey, context));
		}
		V2Signature.check(fields, apiKey);
		if (!mchid.equals(fields.get("mch_id"))) {
			throw new MerchantMismatch();
		}
		checkAppid(mchid, fields);
		String outTradeNo = matching(fields, "out_trade_no", OUT_TRADE_NO);
		context.kind("payment");
		if (!"SUCCESS".equals(fields.get("result_code"))) {
			return Optional.empty();
		}
		long total = fen(fields, "total_fee");
		if (total < 1) {
			throw new InvalidField("total_fee");
		}
		String cashFee = fields.get("cash_fee");
		Long payerTotal = (cashFee == null || cashFee.isEmpty()) ? null : fen(fields, "cash_fee");
		String feeType = fields.get("fee_type");
		PaymentNotification payment = new PaymentNotification(fields.get("nonce_str"), NotificationSource.CALLBACK_V2,
				mchid, optionalMatching(fields, "appid"), outTradeNo, matching(fields, "transaction_id", ID),
				TradeState.SUCCESS, optionalMatching(fields, "trade_type"), optionalMatching(fields, "bank_type"),
				total, payerTotal, (feeType == null || feeType.isEmpty()) ? "CNY" : feeType, timeEnd(fields),
				emptyToNull(fields.get("attach")), this.clock.instant());
		return Optional.of(new VerifiedNotification.Payment(payment));
	}

	/**
	 * A refund callback: no {@code sign}; its {@code req_info} decrypts under the
	 * merchant's API v2 key (that is its authentication), then the same rules as a v3
	 * refund.
	 */
	private VerifiedNotification refund(String mchid, Map<String, String> fields, String apiKey,
			CallbackContext context) {
		context.kind("refund");
		Map<String, String> info = V2RefundInfo.decrypt(fields.get("req_info"), apiKey);
		context.outTradeNo(info.get("out_trade_no"));
		if (!mchid.equals(fields.get("mch_id"))) {
			throw new MerchantMismatch();
		}
		checkAppid(mchid, fields);
		String outTradeNo = matching(info, "out_trade_no", OUT_TRADE_NO);
		String outRefundNo = matching(info, "out_refund_no", OUT_REFUND_NO);
		long total = fen(info, "total_fee");
		long refund = fen(info, "refund_fee");
		if (total < 1 || refund < 1 || refund > total) {
			throw new InvalidField((total < 1) ? "total_fee" : "refund_fee");
		}
		RefundStatus status = switch (String.valueOf(info.get("refund_status"))) {
			case "SUCCESS" -> RefundStatus.SUCCESS;
			case "CHANGE" -> RefundStatus.ABNORMAL;
			case "REFUNDCLOSE" -> RefundStatus.CLOSED;
			default -> throw new InvalidField("refund_status");
		};
		Instant successTime = successTime(info);
		if (status == RefundStatus.SUCCESS && successTime == null) {
			throw new InvalidField("success_time");
		}
		RefundNotification notification = new RefundNotification(fields.get("nonce_str"),
				NotificationSource.CALLBACK_V2, mchid, outTradeNo, optionalMatching(info, "transaction_id"),
				outRefundNo, matching(info, "refund_id", ID), status, total, refund, null, null, successTime,
				this.clock.instant());
		return new VerifiedNotification.Refund(notification);
	}

	private void checkAppid(String mchid, Map<String, String> fields) {
		if (!this.merchants.bindsAppid(mchid, fields.get("appid"))) {
			throw new AppidNotBound();
		}
	}

	/** A refund's {@code success_time}: {@code yyyy-MM-dd HH:mm:ss}, Beijing time. */
	private static Instant successTime(Map<String, String> info) {
		String value = info.get("success_time");
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			return LocalDateTime.parse(value, SUCCESS_TIME).atZone(BEIJING).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidField("success_time");
		}
	}

	private static String matching(Map<String, String> fields, String name, Pattern pattern) {
		String value = fields.get(name);
		if (value == null || !pattern.matcher(value).matches()) {
			throw new InvalidField(name);
		}
		return value;
	}

	private static String optionalMatching(Map<String, String> fields, String name) {
		String value = fields.get(name);
		if (value == null || value.isEmpty()) {
			return null;
		}
		if (!ID.matcher(value).matches()) {
			throw new InvalidField(name);
		}
		return value;
	}

	private static long fen(Map<String, String> fields, String name) {
		return Long.parseLong(matching(fields, name, FEN));
	}

	private static java.time.Instant timeEnd(Map<String, String> fields) {
		String value = fields.get("time_end");
		if (value == null) {
			throw new InvalidField("time_end");
		}
		try {
			return LocalDateTime.parse(value, TIME_END).atZone(BEIJING).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidField("time_end");
		}
	}

	private static String emptyToNull(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

}
