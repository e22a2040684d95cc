package io.paytally.local.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.paytally.sandbox.OrderTruth;
import io.paytally.schemas.MerchantKey;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStatus;

/**
 * What paytally must show for an order, given WeChat's truth about it (the sandbox's
 * ground truth), and the comparison of the two.
 */
public final class Expectations {

	private Expectations() {
	}

	/**
	 * The state paytally must end in for an order in this state at WeChat; null when the
	 * order is not final at WeChat yet (NOTPAY, USERPAYING).
	 */
	public static PaymentStatus expectedStatus(OrderTruth truth) {
		long refunded = refundedSuccessfully(truth);
		return switch (truth.tradeState()) {
			case "SUCCESS", "REFUND" -> {
				if (truth.paidAmount() != truth.amountTotal()) {
					yield PaymentStatus.AMOUNT_MISMATCH;
				}
				if (refunded <= 0) {
					yield PaymentStatus.PAID;
				}
				yield (refunded >= truth.paidAmount()) ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
			}
			case "CLOSED", "REVOKED", "PAYERROR" -> PaymentStatus.CLOSED;
			default -> null;
		};
	}

	/** The sum of the order's successful refunds, in fen. */
	public static long refundedSuccessfully(OrderTruth truth) {
		if (truth.refunds() == null) {
			return 0;
		}
		return truth.refunds()
			.stream()
			.filter((refund) -> "SUCCESS".equals(refund.status()))
			.mapToLong(OrderTruth.RefundTruth::amount)
			.sum();
	}

	/**
	 * Every way paytally's states differ from WeChat's truth, one line per difference.
	 * @param truths WeChat's orders (only these are compared)
	 * @param states paytally's latest state per order key ({@code mchid@out_trade_no}):
	 * each truth is compared with its own merchant's order only
	 */
	public static List<Disagreement> compare(List<OrderTruth> truths, Map<String, OrderPaymentState> states) {
		return compare(truths, states, false);
	}

	/**
	 * Every way paytally's states differ from WeChat's truth, one line per difference,
	 * for a merchant whose callbacks are v2 XML ({@code v2Callbacks}) or v3 JSON. A v2
	 * refund callback does not say the payer's part of a refund (its
	 * {@code settlement_refund_fee} leaves out only a non-recharge coupon's share): a v2
	 * merchant's refund without one is compared by status and amount.
	 * @param truths WeChat's orders (only these are compared)
	 * @param states paytally's latest state per order key ({@code mchid@out_trade_no})
	 * @param v2Callbacks whether the merchant gets v2 callbacks
	 */
	public static List<Disagreement> compare(List<OrderTruth> truths, Map<String, OrderPaymentState> states,
			boolean v2Callbacks) {
		List<Disagreement> disagreements = new ArrayList<>();
		for (OrderTruth truth : truths) {
			String no = MerchantKey.encode(truth.mchid(), truth.outTradeNo());
			PaymentStatus expected = expectedStatus(truth);
			OrderPaymentState state = states.get(no);
			if (expected == null) {
				disagreements.add(new Disagreement(no, "is " + truth.tradeState() + " at WeChat: not final"));
				continue;
			}
			if (state == null) {
				disagreements
					.add(new Disagreement(no, "has no state on orders.state; WeChat says " + truth.tradeState()));
				continue;
			}
			if (state.status() != expected) {
				disagreements.add(new Disagreement(no,
						"is " + state.status() + " on orders.state, expected " + expected + " (WeChat: "
								+ truth.tradeState() + ", paid " + truth.paidAmount() + " of " + truth.amountTotal()
								+ ", refunded " + refundedSuccessfully(truth) + ")"));
				continue;
			}
			if (truth.paidAmount() > 0) {
				if (!Objects.equals(state.transactionId(), truth.transactionId())) {
					disagreements.add(new Disagreement(no,
							"has transaction_id " + state.transactionId() + ", WeChat " + truth.transactionId()));
				}
				if (state.paidAmount() == null || state.paidAmount() != truth.paidAmount()) {
					disagreements.add(new Disagreement(no,
							"has paid amount " + state.paidAmount() + ", WeChat " + truth.paidAmount()));
				}
				if (state.payerTotal() == null || state.payerTotal() != truth.payerTotal()) {
					disagreements.add(new Disagreement(no, "has the payer paying " + state.payerTotal()
							+ " fen, WeChat " + truth.payerTotal() + " (coupon " + truth.couponAmount() + ")"));
				}
				if (truth.successTime() != null
						&& (state.paidAt() == null || !state.paidAt().equals(truth.successTime().toInstant()))) {
					disagreements.add(new Disagreement(no,
							"was paid at " + state.paidAt() + ", WeChat says " + truth.successTime()));
				}
			}
			long refunded = refundedSuccessfully(truth);
			if (state.refundedAmount() != refunded) {
				disagreements
					.add(new Disagreement(no, "has refunded " + state.refundedAmount() + " fen, WeChat " + refunded));
			}
			compareRefunds(no, truth, state, v2Callbacks, disagreements);
		}
		return disagreements;
	}

	/**
	 * Each refund WeChat finished (SUCCESS, ABNORMAL, CLOSED) is on the state with its
	 * status, the amount asked back and the payer's part (the coupon's share left out).
	 */
	private static void compareRefunds(String no, OrderTruth truth, OrderPaymentState state, boolean v2Callbacks,
			List<Disagreement> disagreements) {
		if (truth.refunds() == null) {
			return;
		}
		for (OrderTruth.RefundTruth refund : truth.refunds()) {
			if ("PROCESSING".equals(refund.status())) {
				continue;
			}
			OrderPaymentState.Refund local = state.refunds()
				.stream()
				.filter((r) -> r.outRefundNo().equals(refund.outRefundNo()))
				.findFirst()
				.orElse(null);
			boolean payerPart = !v2Callbacks || local == null || local.payerRefund() != null;
			String expected = refund.status() + " " + refund.amount()
					+ (payerPart ? " (payer " + (refund.amount() - refund.couponRefund()) + ")" : "");
			String actual = (local != null)
					? local.status() + " " + local.amount() + (payerPart ? " (payer " + local.payerRefund() + ")" : "")
					: "none";
			if (!expected.equals(actual)) {
				disagreements.add(new Disagreement(no,
						"has refund " + refund.outRefundNo() + " " + actual + ", WeChat " + expected));
			}
		}
	}

	/**
	 * One order on which paytally and WeChat disagree.
	 *
	 * @param outTradeNo the payment order
	 * @param what how they disagree
	 */
	public record Disagreement(String outTradeNo, String what) {

		@Override
		public String toString() {
			return this.outTradeNo + " " + this.what;
		}

	}

}
