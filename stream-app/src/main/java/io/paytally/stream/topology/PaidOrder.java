package io.paytally.stream.topology;

import java.time.Instant;

import io.paytally.schemas.MerchantKey;
import io.paytally.schemas.OrderPaymentState;

/**
 * A payment order that was paid, re-partitioned by its merchant order to find duplicate
 * payments.
 *
 * @param mchid the merchant id
 * @param merchantOrderNo the merchant's order number
 * @param outTradeNo the paid payment order
 * @param amount what WeChat took, in fen
 * @param paidAt when
 */
public record PaidOrder(String mchid, String merchantOrderNo, String outTradeNo, long amount, Instant paidAt) {

	static PaidOrder of(OrderPaymentState state) {
		return new PaidOrder(state.mchid(), state.merchantOrderNo(), state.outTradeNo(),
				(state.paidAmount() != null) ? state.paidAmount() : state.amountTotal(), state.paidAt());
	}

	/** The key of the merchant order: {@code mchid@merchantOrderNo}. */
	String merchantOrderKey() {
		return MerchantKey.encode(this.mchid, this.merchantOrderNo);
	}

}
