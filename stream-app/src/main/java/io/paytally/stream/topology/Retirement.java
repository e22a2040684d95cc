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
 * it.
 *
 * @param orderKey the order ({@code mchid@out_trade_no}), on {@code orders.state} and
 * {@code wxpay.payment-notifications}
 * @param refundKeys its refunds ({@code mchid@out_refund_no}) on
 * {@code wxpay.refund-notifications}
 */
record Retirement(String orderKey, List<String> refundKeys) {

	Retirement {
		refundKeys = List.copyOf(refundKeys);
	}

	/** What leaves with this order: every refund it knows or holds. */
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
		return new Retirement(orderKey, List.copyOf(refunds));
	}

}
