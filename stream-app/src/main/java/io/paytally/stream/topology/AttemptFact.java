package io.paytally.stream.topology;

import io.paytally.schemas.MerchantKey;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStatus;
import io.paytally.stream.payment.Transition;

/**
 * What the merchant order needs to know of one of its payment orders to close a newer
 * open attempt when an older one is paid after it was closed; re-partitioned by merchant
 * order.
 *
 * @param mchid the merchant id
 * @param merchantOrderNo the merchant's order number
 * @param outTradeNo the payment order
 * @param kind what happened to it
 */
public record AttemptFact(String mchid, String merchantOrderNo, String outTradeNo, Kind kind) {

	/**
	 * The fact a transition tells, or {@code null} when it tells none that matters. Only
	 * the rare transitions travel: the creation and first success of an attempt after the
	 * first (out_trade_no {@code <merchantOrderNo>-<n>} or {@code <digest>*<n>}, n >= 2,
	 * the intake's rule), and any success after close.
	 */
	static AttemptFact of(Transition transition) {
		OrderPaymentState state = transition.to();
		if (state.merchantOrderNo() == null) {
			return null;
		}
		if (transition.isFirstSuccess() && transition.from() == PaymentStatus.CLOSED) {
			return new AttemptFact(state.mchid(), state.merchantOrderNo(), state.outTradeNo(), Kind.PAID_AFTER_CLOSE);
		}
		if (attemptNumber(state.outTradeNo()) < 2) {
			return null;
		}
		if (transition.isFirstSuccess()) {
			return new AttemptFact(state.mchid(), state.merchantOrderNo(), state.outTradeNo(), Kind.PAID);
		}
		if (transition.from() == null && state.status() == PaymentStatus.PENDING) {
			return new AttemptFact(state.mchid(), state.merchantOrderNo(), state.outTradeNo(), Kind.OPENED);
		}
		return null;
	}

	/**
	 * The attempt number the intake put after the last {@code -} or {@code *} of an
	 * out_trade_no (1 to 99), or 0 when there is none.
	 */
	static int attemptNumber(String outTradeNo) {
		int separator = Math.max(outTradeNo.lastIndexOf('-'), outTradeNo.lastIndexOf('*'));
		String digits = outTradeNo.substring(separator + 1);
		if (separator < 0 || digits.isEmpty() || digits.length() > 2 || !digits.chars().allMatch(Character::isDigit)) {
			return 0;
		}
		return Integer.parseInt(digits);
	}

	/** The key of the merchant order: {@code mchid@merchantOrderNo}. */
	String merchantOrderKey() {
		return MerchantKey.encode(this.mchid, this.merchantOrderNo);
	}

	/** What happened to a payment order. */
	public enum Kind {

		/** An attempt after the first was created (PENDING, open at WeChat). */
		OPENED,

		/** An attempt after the first was paid. */
		PAID,

		/** An attempt was paid after it was closed. */
		PAID_AFTER_CLOSE,

		/**
		 * The payment order was retired (retention): it leaves the merchant order's
		 * entry.
		 */
		RETIRED

	}

}
