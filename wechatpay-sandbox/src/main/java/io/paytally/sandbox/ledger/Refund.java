package io.paytally.sandbox.ledger;

import java.time.OffsetDateTime;

/**
 * One refund of a paid order.
 *
 * @param amount what the merchant asked back (申请退款金额, {@code amount.refund})
 * @param status PROCESSING, then SUCCESS, ABNORMAL or CLOSED
 * @param successTime when it succeeded (SUCCESS only)
 * @param couponRefund the coupon's share of {@code amount}, in fen (0 without a coupon):
 * it goes back to the coupon, not to the payer
 * @param couponType the order's coupon type (CASH, NOCASH), null without a coupon
 */
public record Refund(String mchid, String outTradeNo, String transactionId, String outRefundNo, String refundId,
		long amount, long total, String reason, String notifyUrl, String status, OffsetDateTime createdAt,
		OffsetDateTime successTime, long couponRefund, String couponType) {

	public static final String PROCESSING = "PROCESSING";

	public static final String SUCCESS = "SUCCESS";

	public static final String ABNORMAL = "ABNORMAL";

	public static final String CLOSED = "CLOSED";

	/** A refund of an order without a coupon. */
	public Refund(String mchid, String outTradeNo, String transactionId, String outRefundNo, String refundId,
			long amount, long total, String reason, String notifyUrl, String status, OffsetDateTime createdAt,
			OffsetDateTime successTime) {
		this(mchid, outTradeNo, transactionId, outRefundNo, refundId, amount, total, reason, notifyUrl, status,
				createdAt, successTime, 0, null);
	}

	public Refund succeeded(OffsetDateTime at) {
		return finished(SUCCESS, at);
	}

	/** The refund ends as {@code status} (SUCCESS, ABNORMAL or CLOSED). */
	public Refund finished(String status, OffsetDateTime at) {
		if (!SUCCESS.equals(status) && !ABNORMAL.equals(status) && !CLOSED.equals(status)) {
			throw new WechatError.ParamError("a refund ends SUCCESS, ABNORMAL or CLOSED, not " + status);
		}
		return new Refund(this.mchid, this.outTradeNo, this.transactionId, this.outRefundNo, this.refundId, this.amount,
				this.total, this.reason, this.notifyUrl, status, this.createdAt, SUCCESS.equals(status) ? at : null,
				this.couponRefund, this.couponType);
	}

	/** What goes back to the payer: the refund less the coupon's share. */
	public long payerRefund() {
		return this.amount - this.couponRefund;
	}

	/**
	 * What the merchant's settlement gives back (退款金额): less a non-recharge coupon's
	 * share.
	 */
	public long settlementRefund() {
		return Order.NOCASH.equals(this.couponType) ? this.amount - this.couponRefund : this.amount;
	}

	/** The recharge coupon's share (充值券退款金额). */
	public long rechargeCouponRefund() {
		return Order.CASH.equals(this.couponType) ? this.couponRefund : 0;
	}

}
