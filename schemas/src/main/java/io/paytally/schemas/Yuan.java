package io.paytally.schemas;

import java.math.BigDecimal;

/**
 * Amounts as yuan text, exactly: fen with two decimals ({@code 123456} is
 * {@code "1234.56"}, {@code -5} is {@code "-0.05"}), the bill's fees in milli-fen with
 * five. Nothing is rounded. The one formatter of paytally's services (the sandbox,
 * playing WeChat, has its own).
 */
public final class Yuan {

	private Yuan() {
	}

	/**
	 * Fen as yuan with two decimals.
	 * @param fen the amount in fen
	 * @return e.g. {@code "1234.56"}
	 */
	public static String of(long fen) {
		return BigDecimal.valueOf(fen, 2).toPlainString();
	}

	/**
	 * Milli-fen (the bill's fees, 0.00001 yuan) as yuan with five decimals.
	 * @param milliFen the amount in milli-fen
	 * @return e.g. {@code "0.07500"}
	 */
	public static String ofMilliFen(long milliFen) {
		return BigDecimal.valueOf(milliFen, 5).toPlainString();
	}

}
