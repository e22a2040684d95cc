package io.paytally.sandbox.bill;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Fen to the bill's yuan texts.
 */
final class Money {

	private Money() {
	}

	static BigDecimal yuan(long fen) {
		return BigDecimal.valueOf(fen).movePointLeft(2);
	}

	static String yuan2(long fen) {
		return yuan(fen).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
	}

	/** amount × rate, in yuan, 5 decimals rounded half-up (negative for refunds). */
	static BigDecimal fee(long fen, BigDecimal rate) {
		return yuan(fen).multiply(rate).setScale(5, RoundingMode.HALF_UP);
	}

	static String rate(BigDecimal rate) {
		return rate.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
	}

}
