package io.paytally.dashboard.web;

import io.paytally.schemas.Yuan;

/**
 * Amounts as yuan with two decimals, by the one formatter of {@code schemas}
 * ({@link Yuan}).
 */
final class Money {

	private Money() {
	}

	/** {@code 12345} fen is {@code "123.45"}; {@code -5} is {@code "-0.05"}. */
	static String yuan(long fen) {
		return Yuan.of(fen);
	}

	/** Milli-fen rounded half away from zero to the fen, as yuan. */
	static String yuanFromMilliFen(long milliFen) {
		long fen = (Math.abs(milliFen) + 500) / 1000;
		return yuan((milliFen < 0) ? -fen : fen);
	}

	/** Nullable fen. */
	static String yuan(Long fen) {
		return (fen != null) ? yuan(fen.longValue()) : null;
	}

	/**
	 * {@code part/whole} as a percentage with one decimal, rounded half up; "-" of none.
	 */
	static String percent(long part, long whole) {
		if (whole <= 0) {
			return "-";
		}
		long perMille = (part * 1000 + whole / 2) / whole;
		return (perMille / 10) + "." + (perMille % 10) + "%";
	}

}
