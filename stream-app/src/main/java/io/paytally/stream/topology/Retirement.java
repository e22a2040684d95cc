package io.paytally.stream.topology;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.paytally.schemas.MerchantKey;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.RefundNotification;
import io.paytally.stream.payment.OrderPayment;

/**
 * An order retired from the store: the keys whose records leave the compacted topics with
 * it, and what leaves the merchant order's stores.
 *
 * @param orderKey the order ({@code mchid@out_trade_no}), on {@code orders.state} and
 * {@code wxpay.payment-notifications}
 * @param refundKeys its refunds ({@code mchid@out_refund_no}) on
 * {@code wxpay.refund-notifications}
 * @param paid its line in the merchant order's {@code paid-by-merchant-order} entry, for
 * an order that was paid; {@code null} otherwise
 * @param attempt its line in the merchant order's {@code attempts-by-merchant-order}
 * entry, for an attempt after the first or one paid after close; {@code null} otherwise
 */
record Retirement(String orderKey, List<String> refundKeys, PaidOrder paid, AttemptFact attempt) {

	Retirement {
		refundKeys = List.copyOf(refundKeys);
	}

	/**
	 * What leaves with this order: every refund it knows or holds, and its lines in the
	 * stores by merchant order. Those are sent for every order that can have one (the
	 * transitions that wrote them are {@link Transition#isFirstSuccess()} and
	 * {@link AttemptFact#of}); a line that is not there is no change.
	 */
	static Retirement of(String orderKey, OrderPayment order) {
		String mchid = MerchantKey.parse(orderKey).mchid();
		Set<String> refunds = new LinkedHashSet<>();
		OrderPaymentState state = order.state();
		if (state != null && state.refunds() != null) {
			state.refunds().forEach((refund) -> refunds.add(MerchantKey.encode(mchid, refund.outRefundNo())));
		}
		for (RefundNotification held : order.heldRefunds()) {
			refunds.add(held.key());
		}
		PaidOrder paid = null;
		AttemptFact attempt = null;
		if (state != null && state.merchantOrderNo() != null) {
			boolean wasPaid = state.transactionId() != null;
			if (wasPaid) {
				paid = PaidOrder.of(state).asRetired();
			}
			if (AttemptFact.attemptNumber(state.outTradeNo()) >= 2 || (wasPaid && state.closedAt() != null)) {
				attempt = new AttemptFact(state.mchid(), state.merchantOrderNo(), state.outTradeNo(),
						AttemptFact.Kind.RETIRED);
			}
		}
		return new Retirement(orderKey, List.copyOf(refunds), paid, attempt);
	}

}
