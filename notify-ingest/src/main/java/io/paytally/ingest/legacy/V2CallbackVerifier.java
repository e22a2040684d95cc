package io.paytally.ingest.legacy;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.paytally.ingest.verification.CallbackContext;
import io.paytally.ingest.verification.InvalidField;
import io.paytally.ingest.verification.MalformedCallback;
import io.paytally.ingest.verification.MerchantMismatch;
import io.paytally.ingest.verification.Merchants;
import io.paytally.ingest.verification.VerifiedNotification;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.TradeState;

/**
 * Decides whether a v2 payment callback is genuine and maps a {@code result_code} SUCCESS
 * to a {@link PaymentNotification} (source {@code CALLBACK_V2}, {@code time_end} read as
 * Beijing time). A verified FAIL result is acknowledged without a record: the order
 * simply stays unpaid.
 */
final class V2CallbackVerifier {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private static final DateTimeFormatter TIME_END = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

	private static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_\\-|*]{6,32}");

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
	 * @return the payment to write, or empty for a verified payment failure
	 */
	Optional<VerifiedNotification> verify(String mchid, byte[] body, CallbackContext context) {
		String apiKey = this.merchants.v2Key(mchid);
		Map<String, String> fields = V2Xml.parse(body);
		context.notificationId(fields.get("nonce_str"));
		context.outTradeNo(fields.get("out_trade_no"));
		if (!"SUCCESS".equals(fields.get("return_code"))) {
			throw new MalformedCallback("return_code");
		}
		V2Signature.check(fields, apiKey);
		if (!mchid.equals(fields.get("mch_id"))) {
			throw new MerchantMismatch();
		}
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
