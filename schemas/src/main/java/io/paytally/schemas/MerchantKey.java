package io.paytally.schemas;

import java.util.Objects;

/**
 * The record key of everything that belongs to one merchant's order or refund: the
 * merchant id and the merchant's number together, written {@code mchid@number}.
 * <p>
 * WeChat Pay guarantees out_trade_no and out_refund_no unique only within one merchant,
 * so a number alone never identifies an order. A merchant id is digits only and an order
 * number is digits, letters and {@code _-|*}, so the first {@code @} always separates the
 * two; {@link #parse(String)} still splits at the first {@code @} so that a number
 * holding one (a v2 out_trade_no may) reads back whole.
 *
 * @param mchid the merchant id
 * @param number the merchant's out_trade_no, out_refund_no or merchant order number
 */
public record MerchantKey(String mchid, String number) {

	/** What separates the merchant id from the number in a key. */
	public static final char SEPARATOR = '@';

	public MerchantKey {
		Objects.requireNonNull(mchid, "mchid");
		Objects.requireNonNull(number, "number");
		if (mchid.isEmpty() || mchid.indexOf(SEPARATOR) >= 0) {
			throw new IllegalArgumentException("a merchant id must be non-empty and hold no '@': " + mchid);
		}
		if (number.isEmpty()) {
			throw new IllegalArgumentException("an order number must not be empty (merchant " + mchid + ")");
		}
	}

	/** The key of a merchant's order or refund number. */
	public static MerchantKey of(String mchid, String number) {
		return new MerchantKey(mchid, number);
	}

	/** The key as it is written on the topics and in the stores: {@code mchid@number}. */
	public static String encode(String mchid, String number) {
		return of(mchid, number).toString();
	}

	/**
	 * Reads a key written by {@link #encode(String, String)}.
	 * @throws IllegalArgumentException when the key holds no merchant id
	 */
	public static MerchantKey parse(String key) {
		int at = key.indexOf(SEPARATOR);
		if (at <= 0 || at == key.length() - 1) {
			throw new IllegalArgumentException("not a merchant key (mchid@number): " + key);
		}
		return new MerchantKey(key.substring(0, at), key.substring(at + 1));
	}

	/** {@code mchid@number}. */
	@Override
	public String toString() {
		return this.mchid + SEPARATOR + this.number;
	}

}
