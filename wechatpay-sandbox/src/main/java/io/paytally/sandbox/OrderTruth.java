package io.paytally.sandbox;

import java.time.OffsetDateTime;
import java.util.List;

import io.paytally.sandbox.ledger.Ledger;
import io.paytally.sandbox.ledger.Order;

/**
 * The true state of an order at WeChat, for end-to-end tests to compare the pipeline
 * against.
 *
 * @param tradeState NOTPAY, USERPAYING, SUCCESS, REFUND or CLOSED (a forced payment after
 * close is SUCCESS with {@code closedAt} kept)
 * @param amountTotal what the merchant asked for at prepay, in fen
 * @param paidAmount what the payment covered, WeChat's {@code amount.total} (0 when
 * unpaid), a coupon's part included
 * @param refundedAmount the sum of all refunds started and not closed
 * @param couponAmount the part of {@code paidAmount} a coupon paid (0 without)
 * @param couponType CASH (recharge coupon, settled) or NOCASH (non-recharge coupon, not
 * settled); null without a coupon
 * @param closeRequests how many close requests reached the order at WeChat (a repeat of
 * an idempotent close and one refused because the order was paid included), since the
 * sandbox started; 0 when it was never asked to close
 */
public record OrderTruth(String mchid, String outTradeNo, String tradeState, long amountTotal, long paidAmount,
		String transactionId, OffsetDateTime successTime, long refundedAmount, List<RefundTruth> refunds,
		OffsetDateTime closedAt, OffsetDateTime createdAt, String tradeType, String notifyUrl, long couponAmount,
		String couponType, int closeRequests) {

	/** The truth of an order never asked to close. */
	public OrderTruth(String mchid, String outTradeNo, String tradeState, long amountTotal, long paidAmount,
			String transactionId, OffsetDateTime successTime, long refundedAmount, List<RefundTruth> refunds,
			OffsetDateTime closedAt, OffsetDateTime createdAt, String tradeType, String notifyUrl, long couponAmount,
			String couponType) {
		this(mchid, outTradeNo, tradeState, amountTotal, paidAmount, transactionId, successTime, refundedAmount,
				refunds, closedAt, createdAt, tradeType, notifyUrl, couponAmount, couponType, 0);
	}

	/** The truth of an order paid without a coupon. */
	public OrderTruth(String mchid, String outTradeNo, String tradeState, long amountTotal, long paidAmount,
			String transactionId, OffsetDateTime successTime, long refundedAmount, List<RefundTruth> refunds,
			OffsetDateTime closedAt, OffsetDateTime createdAt, String tradeType, String notifyUrl) {
		this(mchid, outTradeNo, tradeState, amountTotal, paidAmount, transactionId, successTime, refundedAmount,
				refunds, closedAt, createdAt, tradeType, notifyUrl, 0, null);
	}

	/** What the payer paid: the payment less its coupon. */
	public long payerTotal() {
		return this.paidAmount - this.couponAmount;
	}

	/** 应结订单金额: the payment less a non-recharge coupon. */
	public long settlementTotal() {
		return "NOCASH".equals(this.couponType) ? this.paidAmount - this.couponAmount : this.paidAmount;
	}

	/** The truth of an order, without its close requests. */
	public static OrderTruth of(Order order) {
		return of(order, 0);
	}

	/** The truth of an order that {@code closeRequests} close requests reached. */
	public static OrderTruth of(Order order, int closeRequests) {
		return new OrderTruth(order.mchid(), order.outTradeNo(), order.state().name(), order.total(),
				order.paidAmount(), order.transactionId(), beijing(order.successTime()), order.refunded(),
				order.refunds()
					.stream()
					.map((r) -> new RefundTruth(r.outRefundNo(), r.refundId(), r.amount(), r.status(),
							beijing(r.createdAt()), beijing(r.successTime()), r.couponRefund(), r.settlementRefund()))
					.toList(),
				beijing(order.closedAt()), beijing(order.createdAt()), order.tradeType(), order.notifyUrl(),
				order.couponAmount(), order.couponType(), closeRequests);
	}

	private static OffsetDateTime beijing(OffsetDateTime time) {
		return (time != null) ? time.withOffsetSameInstant(Ledger.BEIJING) : null;
	}

	/**
	 * One refund of the order.
	 *
	 * @param amount what the merchant asked back (申请退款金额)
	 * @param status PROCESSING, SUCCESS, ABNORMAL or CLOSED
	 * @param couponRefund the coupon's share of {@code amount}
	 * @param settlementRefund 退款金额: {@code amount} less a non-recharge coupon's share
	 */
	public record RefundTruth(String outRefundNo, String refundId, long amount, String status, OffsetDateTime createdAt,
			OffsetDateTime successTime, long couponRefund, long settlementRefund) {

		/** The truth of a refund of an order paid without a coupon. */
		public RefundTruth(String outRefundNo, String refundId, long amount, String status, OffsetDateTime createdAt,
				OffsetDateTime successTime) {
			this(outRefundNo, refundId, amount, status, createdAt, successTime, 0, amount);
		}

	}

}
