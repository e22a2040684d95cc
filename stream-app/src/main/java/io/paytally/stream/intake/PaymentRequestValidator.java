package io.paytally.stream.intake;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import io.paytally.stream.intake.order.PaymentOrder;
import io.paytally.stream.intake.prepay.TradeType;

/**
 * Checks a {@link PaymentRequest} against WeChat's limits and paytally's, reporting every
 * wrong field at once.
 */
final class PaymentRequestValidator {

	/** WeChat: description is string(127). */
	static final int MAX_DESCRIPTION = 127;

	/** paytally: merchant order numbers up to 64 characters. */
	static final int MAX_MERCHANT_ORDER_NO = 64;

	/** WeChat: openid is string(128). */
	static final int MAX_OPENID = 128;

	/** WeChat: time_expire at least one minute after ordering. */
	static final Duration MIN_PAYABLE = Duration.ofMinutes(1);

	/** WeChat: time_expire within 90 days of ordering. */
	static final Duration MAX_PAYABLE = Duration.ofDays(90);

	private final Predicate<String> servedMerchant;

	PaymentRequestValidator(Predicate<String> servedMerchant) {
		this.servedMerchant = servedMerchant;
	}

	/**
	 * The request as a payment order.
	 * @throws InvalidPaymentRequest naming every wrong field
	 */
	PaymentOrder validate(PaymentRequest request) {
		if (request == null) {
			throw new InvalidPaymentRequest("body", "a JSON object is required");
		}
		List<FieldError> errors = new ArrayList<>();
		String mchid = request.mchid();
		checkMchid(mchid, errors);
		String merchantOrderNo = request.merchantOrderNo();
		checkMerchantOrderNo(merchantOrderNo, errors);
		Long amount = request.amount();
		if (amount == null) {
			errors.add(new FieldError("amount", "is required (in fen)"));
		}
		else if (amount < 1) {
			errors.add(new FieldError("amount", "must be at least 1 fen, was " + amount));
		}
		else if (amount > Integer.MAX_VALUE) {
			errors.add(new FieldError("amount", "must be at most " + Integer.MAX_VALUE + " fen, was " + amount));
		}
		String description = request.description();
		if (isBlank(description)) {
			errors.add(new FieldError("description", "is required"));
		}
		else if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION) {
			errors.add(new FieldError("description", "must have at most " + MAX_DESCRIPTION + " characters, has "
					+ description.codePointCount(0, description.length())));
		}
		TradeType tradeType = tradeType(request.tradeType(), errors);
		String openid = isBlank(request.payerOpenid()) ? null : request.payerOpenid();
		if (tradeType == TradeType.JSAPI && openid == null) {
			errors.add(new FieldError("payer_openid", "is required for JSAPI"));
		}
		else if (openid != null && openid.length() > MAX_OPENID) {
			errors.add(new FieldError("payer_openid", "must have at most " + MAX_OPENID + " characters"));
		}
		if (tradeType != TradeType.JSAPI) {
			openid = null;
		}
		Instant timeExpire = timeExpire(request.timeExpire(), errors);
		if (!errors.isEmpty()) {
			throw new InvalidPaymentRequest(errors);
		}
		return new PaymentOrder(mchid, merchantOrderNo, amount, description, tradeType, openid, timeExpire);
	}

	/**
	 * Checks the merchant and the merchant order number of a look-up.
	 * @throws InvalidPaymentRequest naming every wrong field
	 */
	void validateKey(String mchid, String merchantOrderNo) {
		List<FieldError> errors = new ArrayList<>();
		checkMchid(mchid, errors);
		checkMerchantOrderNo(merchantOrderNo, errors);
		if (!errors.isEmpty()) {
			throw new InvalidPaymentRequest(errors);
		}
	}

	/**
	 * Checks that a new payment order may be given this time_expire now (a repeat keeps
	 * the time_expire it was created with).
	 */
	void checkNewExpiry(Instant timeExpire, Instant createdAt) {
		if (tooNearForNewOrder(timeExpire, createdAt)) {
			throw new InvalidPaymentRequest("time_expire",
					"must be at least 1 minute after the order is created (WeChat's limit), was " + timeExpire);
		}
		if (timeExpire.isAfter(createdAt.plus(MAX_PAYABLE))) {
			throw new InvalidPaymentRequest("time_expire",
					"must be within 90 days of the order's creation (WeChat's limit), was " + timeExpire);
		}
	}

	/**
	 * Whether this time_expire is less than WeChat's minute after a new payment order's
	 * creation: too near for a new one, though a repeat of one created earlier may carry
	 * it.
	 */
	boolean tooNearForNewOrder(Instant timeExpire, Instant createdAt) {
		return timeExpire.isBefore(createdAt.plus(MIN_PAYABLE));
	}

	private void checkMchid(String mchid, List<FieldError> errors) {
		if (isBlank(mchid)) {
			errors.add(new FieldError("mchid", "is required"));
		}
		else if (!this.servedMerchant.test(mchid)) {
			errors.add(new FieldError("mchid", "merchant " + mchid + " is not served here"));
		}
	}

	private void checkMerchantOrderNo(String merchantOrderNo, List<FieldError> errors) {
		if (isBlank(merchantOrderNo)) {
			errors.add(new FieldError("merchant_order_no", "is required"));
		}
		else if (merchantOrderNo.length() > MAX_MERCHANT_ORDER_NO) {
			errors.add(new FieldError("merchant_order_no",
					"must have at most " + MAX_MERCHANT_ORDER_NO + " characters, has " + merchantOrderNo.length()));
		}
		else if (!merchantOrderNo.codePoints().allMatch(PaymentRequestValidator::printable)) {
			errors.add(new FieldError("merchant_order_no", "must not contain control characters or blanks"));
		}
	}

	private TradeType tradeType(String value, List<FieldError> errors) {
		if (isBlank(value)) {
			errors.add(new FieldError("trade_type", "is required: NATIVE or JSAPI"));
			return null;
		}
		try {
			return TradeType.valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			errors.add(new FieldError("trade_type", "must be NATIVE or JSAPI, was " + value));
			return null;
		}
	}

	private Instant timeExpire(String value, List<FieldError> errors) {
		if (isBlank(value)) {
			return null;
		}
		Instant timeExpire;
		try {
			timeExpire = OffsetDateTime.parse(value.trim()).toInstant();
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldError("time_expire", "must be an RFC 3339 time like 2026-11-23T20:00:00+08:00"));
			return null;
		}
		if (timeExpire.getNano() != 0) {
			errors.add(new FieldError("time_expire", "must be whole seconds (WeChat's format)"));
			return null;
		}
		return timeExpire.truncatedTo(ChronoUnit.SECONDS);
	}

	private static boolean printable(int codePoint) {
		return !Character.isISOControl(codePoint) && !Character.isWhitespace(codePoint)
				&& Character.isDefined(codePoint);
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
