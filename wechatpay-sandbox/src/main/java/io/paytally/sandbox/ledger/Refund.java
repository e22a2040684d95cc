package io.paytally.sandbox.ledger;

import java.time.OffsetDateTime;

/**
 * One refund of a paid order.
 *
 * @param status PROCESSING or SUCCESS
 */
public record Refund(String mchid, String outTradeNo, String transactionId, String outRefundNo, String refundId,
		long amount, long total, String reason, String notifyUrl, String status, OffsetDateTime createdAt,
		OffsetDateTime successTime) {

	public Refund succeeded(OffsetDateTime at) {
		return new Refund(this.mchid, this.outTradeNo, this.transactionId, this.outRefundNo, this.refundId, this.amount,
				this.total, this.reason, this.notifyUrl, "SUCCESS", this.createdAt, at);
	}

}
