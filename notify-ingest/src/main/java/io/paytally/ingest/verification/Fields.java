package io.paytally.ingest.verification;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

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

	static String requiredString(JsonObject object, String name) {
		String value = optionalString(object, name);
		if (value == null || value.isEmpty()) {
			throw new InvalidField(name);
		}
		return value;
	}

	static String optionalString(JsonObject object, String name) {
		JsonElement element = object.get(name);
		if (element == null || element.isJsonNull()) {
			return null;
		}
		if (!element.isJsonPrimitive() || !((JsonPrimitive) element).isString()) {
			throw new InvalidField(name);
		}
		String value = element.getAsString();
		if (value.length() > 256) {
			throw new InvalidField(name);
		}
		return value;
	}

	static String requiredMatching(JsonObject object, String name, Pattern pattern) {
		String value = requiredString(object, name);
		if (!pattern.matcher(value).matches()) {
			throw new InvalidField(name);
		}
		return value;
	}

	static String optionalMatching(JsonObject object, String name, Pattern pattern) {
		String value = optionalString(object, name);
		if (value != null && !value.isEmpty() && !pattern.matcher(value).matches()) {
			throw new InvalidField(name);
		}
		return (value == null || value.isEmpty()) ? null : value;
	}

	static JsonObject requiredObject(JsonObject object, String name) {
		JsonElement element = object.get(name);
		if (element == null || !element.isJsonObject()) {
			throw new InvalidField(name);
		}
		return element.getAsJsonObject();
	}

	/** A whole number of fen, at least {@code min}. */
	static long requiredFen(JsonObject object, String name, long min) {
		Long value = optionalFen(object, name, min);
		if (value == null) {
			throw new InvalidField(name);
		}
		return value;
	}

	static Long optionalFen(JsonObject object, String name, long min) {
		JsonElement element = object.get(name);
		if (element == null || element.isJsonNull()) {
			return null;
		}
		if (!element.isJsonPrimitive() || !((JsonPrimitive) element).isNumber()) {
			throw new InvalidField(name);
		}
		long value;
		try {
			value = element.getAsBigDecimal().longValueExact();
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
	static Instant optionalTime(JsonObject object, String name) {
		String value = optionalString(object, name);
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidField(name);
		}
	}

	static <E extends Enum<E>> E requiredEnum(JsonObject object, String name, Class<E> type) {
		String value = requiredString(object, name);
		try {
			return Enum.valueOf(type, value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidField(name);
		}
	}

}
