package io.paytally.schemas;

import java.time.Instant;
import java.util.Objects;

/**
 * What WeChat Pay says about one refund. Value of {@code wxpay.refund-notifications},
 * keyed by {@link #key()} (merchant and out_refund_no); the stream re-keys it by
 * {@link #orderKey()}.
 *
 * @param notificationId the callback id, for tracing only
 * @param source where the notification came from
 * @param mchid the merchant id
 * @param outTradeNo the refunded payment order
 * @param transactionId WeChat's order number of the refunded payment
 * @param outRefundNo the merchant's refund number
 * @param refundId WeChat's refund number
 * @param refundStatus the refund's state
 * @param amountTotal the original order amount in fen
 * @param refundAmount the amount of this refund in fen
 * @param payerTotal what the payer paid for the order in fen
 * @param payerRefund what goes back to the payer in fen
 * @param successTime when the refund succeeded, if it did
 * @param receivedAt when paytally received this notification
 */
public record RefundNotification(String notificationId, NotificationSource source, String mchid, String outTradeNo,
		String transactionId, String outRefundNo, String refundId, RefundStatus refundStatus, long amountTotal,
		long refundAmount, Long payerTotal, Long payerRefund, Instant successTime, Instant receivedAt) {

	public RefundNotification {
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(mchid, "mchid");
		Objects.requireNonNull(outTradeNo, "outTradeNo");
		Objects.requireNonNull(outRefundNo, "outRefundNo");
		Objects.requireNonNull(refundStatus, "refundStatus");
		Objects.requireNonNull(receivedAt, "receivedAt");
	}

	/** The record key: the merchant and its out_refund_no ({@link MerchantKey}). */
	public String key() {
		return MerchantKey.encode(this.mchid, this.outRefundNo);
	}

	/** The key of the refunded payment order: the merchant and its out_trade_no. */
	public String orderKey() {
		return MerchantKey.encode(this.mchid, this.outTradeNo);
	}

}
