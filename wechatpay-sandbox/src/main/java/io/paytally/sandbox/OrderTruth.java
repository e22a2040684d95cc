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
 * @param paidAmount what the payer paid (0 when unpaid)
 * @param refundedAmount the sum of all refunds started
 */
public record OrderTruth(String mchid, String outTradeNo, String tradeState, long amountTotal, long paidAmount,
		String transactionId, OffsetDateTime successTime, long refundedAmount, List<RefundTruth> refunds,
		OffsetDateTime closedAt, OffsetDateTime createdAt, String tradeType, String notifyUrl) {

	public static OrderTruth of(Order order) {
		return new OrderTruth(order.mchid(), order.outTradeNo(), order.state().name(), order.total(),
				order.paidAmount(), order.transactionId(), beijing(order.successTime()), order.refunded(),
				order.refunds()
					.stream()
					.map((r) -> new RefundTruth(r.outRefundNo(), r.refundId(), r.amount(), r.status(),
							beijing(r.createdAt()), beijing(r.successTime())))
					.toList(),
				beijing(order.closedAt()), beijing(order.createdAt()), order.tradeType(), order.notifyUrl());
	}

	private static OffsetDateTime beijing(OffsetDateTime time) {
		return (time != null) ? time.withOffsetSameInstant(Ledger.BEIJING) : null;
	}

	/**
	 * One refund of the order.
	 *
	 * @param status PROCESSING or SUCCESS
	 */
	public record RefundTruth(String outRefundNo, String refundId, long amount, String status, OffsetDateTime createdAt,
			OffsetDateTime successTime) {

	}

}
