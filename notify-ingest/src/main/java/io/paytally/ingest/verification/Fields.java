package io.paytally.ingest.verification;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import io.paytally.schemas.serde.Rfc3339;

/**
 * Reads and checks the fields of a decrypted resource by WeChat Pay's rules.
 */
final class Fields {

	/** out_trade_no: 6 to 32 of digits, letters, {@code _ - | *}. */
	static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_\\-|*]{6,32}");

	/** out_refund_no: 1 to 64 of digits, letters, {@code _ - | * @}. */
	static final Pattern OUT_REFUND_NO = Pattern.compile("[0-9A-Za-z_\\-|*@]{1,64}");

	/** WeChat's ids: transaction_id, refund_id, mchid, appid. */
	static final Pattern ID = Pattern.compile("[0-9A-Za-z_\\-]{1,64}");

	private Fields() {
	}

	static String requiredString(JsonNode object, String name) {
		String value = optionalString(object, name);
		if (value == null || value.isEmpty()) {
			throw new InvalidField(name);
		}
		return value;
	}

	static String optionalString(JsonNode object, String name) {
		JsonNode element = object.get(name);
		if (element == null || element.isNull()) {
			return null;
		}
		if (!element.isString()) {
			throw new InvalidField(name);
		}
		String value = element.stringValue();
		if (value.length() > 256) {
			throw new InvalidField(name);
		}
		return value;
	}

	static String requiredMatching(JsonNode object, String name, Pattern pattern) {
		String value = requiredString(object, name);
		if (!pattern.matcher(value).matches()) {
			throw new InvalidField(name);
		}
		return value;
	}

	static String optionalMatching(JsonNode object, String name, Pattern pattern) {
		String value = optionalString(object, name);
		if (value != null && !value.isEmpty() && !pattern.matcher(value).matches()) {
			throw new InvalidField(name);
		}
		return (value == null || value.isEmpty()) ? null : value;
	}

	static JsonNode requiredObject(JsonNode object, String name) {
		JsonNode element = object.get(name);
		if (element == null || !element.isObject()) {
			throw new InvalidField(name);
		}
		return element;
	}

	/** A whole number of fen, at least {@code min}. */
	static long requiredFen(JsonNode object, String name, long min) {
		Long value = optionalFen(object, name, min);
		if (value == null) {
			throw new InvalidField(name);
		}
		return value;
	}

	static Long optionalFen(JsonNode object, String name, long min) {
		JsonNode element = object.get(name);
		if (element == null || element.isNull()) {
			return null;
		}
		if (!element.isNumber()) {
			throw new InvalidField(name);
		}
		long value;
		try {
			value = element.decimalValue().longValueExact();
		}
		catch (ArithmeticException | NumberFormatException ex) {
			throw new InvalidField(name);
		}
		if (value < min || value > 100_000_000_000L) {
			throw new InvalidField(name);
		}
		return value;
	}

	/** An RFC 3339 time such as {@code 2026-03-01T09:15:02+08:00}. */
	static Instant optionalTime(JsonNode object, String name) {
		String value = optionalString(object, name);
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			return rfc3339(value);
		}
		catch (DateTimeException ex) {
			throw new InvalidField(name);
		}
	}

	/**
	 * An RFC 3339 time. The usual forms, WeChat's own ({@code 2026-11-23T18:20:00+08:00})
	 * among them, are read digit by digit ({@link Rfc3339}), a tenth of the cost of a
	 * {@code DateTimeFormatter}; anything else goes through the formatter.
	 * @throws DateTimeException if it is not a valid time
	 */
	static Instant rfc3339(String value) {
		Instant usual = Rfc3339.parse(value);
		return (usual != null) ? usual : OffsetDateTime.parse(value).toInstant();
	}

	static <E extends Enum<E>> E requiredEnum(JsonNode object, String name, Class<E> type) {
		String value = requiredString(object, name);
		try {
			return Enum.valueOf(type, value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidField(name);
		}
	}

}
