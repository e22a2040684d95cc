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
 * @param retired whether the payment order was retired (its line leaves the merchant
 * order's entry)
 */
public record PaidOrder(String mchid, String merchantOrderNo, String outTradeNo, long amount, Instant paidAt,
		boolean retired) {

	/** A payment order paid. */
	public PaidOrder(String mchid, String merchantOrderNo, String outTradeNo, long amount, Instant paidAt) {
		this(mchid, merchantOrderNo, outTradeNo, amount, paidAt, false);
	}

	static PaidOrder of(OrderPaymentState state) {
		return new PaidOrder(state.mchid(), state.merchantOrderNo(), state.outTradeNo(),
				(state.paidAmount() != null) ? state.paidAmount() : state.amountTotal(), state.paidAt());
	}

	/** This payment order, retired. */
	PaidOrder asRetired() {
		return new PaidOrder(this.mchid, this.merchantOrderNo, this.outTradeNo, this.amount, this.paidAt, true);
	}

	/** The key of the merchant order: {@code mchid@merchantOrderNo}. */
	String merchantOrderKey() {
		return MerchantKey.encode(this.mchid, this.merchantOrderNo);
	}

}
