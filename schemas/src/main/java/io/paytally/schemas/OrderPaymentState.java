package io.paytally.schemas;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The authoritative payment state of one payment order. Value of {@code orders.state},
 * keyed by {@link #key()} (merchant and out_trade_no); the topic is compacted, so its
 * latest record per key is the truth.
 *
 * @param mchid the merchant id
 * @param outTradeNo the payment order number
 * @param merchantOrderNo the merchant's own order number
 * @param status the payment state
 * @param amountTotal the order amount in fen
 * @param currency ISO currency
 * @param description what is sold
 * @param createdAt when the payment order was created
 * @param expireAt when it stops being payable
 * @param transactionId WeChat's order number, from the first success
 * @param paidAt WeChat's success_time of the first success; never changes once set
 * @param paidAmount what the first success paid in fen, WeChat's {@code amount.total}:
 * the order's amount, a coupon's part included
 * @param paidSource which source reported the first success
 * @param refundedAmount the sum of successful refunds in fen
 * @param refunds every refund seen, by out_refund_no
 * @param closedAt when the order was closed, if it was
 * @param closeReason why it was closed (expired, cancelled, never placed at WeChat)
 * @param expiryChecks how many expiry checks were asked for
 * @param version how many transitions this order has been through
 * @param updatedAt when the last transition happened
 * @param payerTotal what the payer paid in fen ({@code amount.payer_total}) from the
 * first success, if WeChat said: less than {@code paidAmount} when a coupon paid the rest
 */
public record OrderPaymentState(String mchid, String outTradeNo, String merchantOrderNo, PaymentStatus status,
		long amountTotal, String currency, String description, Instant createdAt, Instant expireAt,
		String transactionId, Instant paidAt, Long paidAmount, NotificationSource paidSource, long refundedAmount,
		List<Refund> refunds, Instant closedAt, String closeReason, int expiryChecks, long version, Instant updatedAt,
		Long payerTotal) {

	public OrderPaymentState {
		Objects.requireNonNull(mchid, "mchid");
		Objects.requireNonNull(outTradeNo, "outTradeNo");
		Objects.requireNonNull(status, "status");
		refunds = (refunds != null) ? List.copyOf(refunds) : List.of();
	}

	/** A state without the payer's part of the payment (none known). */
	public OrderPaymentState(String mchid, String outTradeNo, String merchantOrderNo, PaymentStatus status,
			long amountTotal, String currency, String description, Instant createdAt, Instant expireAt,
			String transactionId, Instant paidAt, Long paidAmount, NotificationSource paidSource, long refundedAmount,
			List<Refund> refunds, Instant closedAt, String closeReason, int expiryChecks, long version,
			Instant updatedAt) {
		this(mchid, outTradeNo, merchantOrderNo, status, amountTotal, currency, description, createdAt, expireAt,
				transactionId, paidAt, paidAmount, paidSource, refundedAmount, refunds, closedAt, closeReason,
				expiryChecks, version, updatedAt, null);
	}

	/**
	 * The coupon's part of the payment in fen ({@code paidAmount - payerTotal}); 0 when
	 * unpaid or unknown. Derived, so not part of the JSON.
	 */
	@JsonIgnore
	public long couponAmount() {
		return (this.paidAmount != null && this.payerTotal != null) ? this.paidAmount - this.payerTotal : 0;
	}

	/**
	 * One refund of the order.
	 *
	 * @param outRefundNo the merchant's refund number
	 * @param refundId WeChat's refund number
	 * @param amount the amount the merchant asked back in fen ({@code amount.refund}, the
	 * bill's 申请退款金额)
	 * @param status the refund's state
	 * @param successTime when it succeeded, if it did
	 * @param payerRefund what goes back to the payer in fen
	 * ({@code amount.payer_refund}), if WeChat said: less than {@code amount} when a
	 * coupon paid part of the order
	 */
	public record Refund(String outRefundNo, String refundId, long amount, RefundStatus status, Instant successTime,
			Long payerRefund) {

		/** A refund without the payer's part (none known). */
		public Refund(String outRefundNo, String refundId, long amount, RefundStatus status, Instant successTime) {
			this(outRefundNo, refundId, amount, status, successTime, null);
		}

	}

	/**
	 * The state of a payment order just created: PENDING, version 1, nothing paid,
	 * refunded or closed, no expiry check yet. The one place a PENDING state is built.
	 * @param created the order's CREATED event
	 * @param at when the state machine took it in
	 * @return the new order's state
	 */
	public static OrderPaymentState pending(OrderEvent created, Instant at) {
		return new OrderPaymentState(created.mchid(), created.outTradeNo(), created.merchantOrderNo(),
				PaymentStatus.PENDING, created.amountTotal(), created.currency(), created.description(),
				created.createdAt(), created.expireAt(), null, null, null, null, 0, List.of(), null, null, 0, 1, at);
	}

	/**
	 * The state of a payment order just created (see
	 * {@link #pending(OrderEvent, Instant)}).
	 * @param mchid the merchant id
	 * @param outTradeNo the payment order number
	 * @param merchantOrderNo the merchant's own order number
	 * @param amountTotal the order amount in fen
	 * @param currency ISO currency
	 * @param description what is sold
	 * @param createdAt when the payment order was created
	 * @param expireAt when it stops being payable
	 * @return the new order's state, last updated at its creation
	 */
	public static OrderPaymentState pending(String mchid, String outTradeNo, String merchantOrderNo, long amountTotal,
			String currency, String description, Instant createdAt, Instant expireAt) {
		return new OrderPaymentState(mchid, outTradeNo, merchantOrderNo, PaymentStatus.PENDING, amountTotal, currency,
				description, createdAt, expireAt, null, null, null, null, 0, List.of(), null, null, 0, 1, createdAt);
	}

	/** This state in another status. */
	public OrderPaymentState withStatus(PaymentStatus status) {
		return new OrderPaymentState(this.mchid, this.outTradeNo, this.merchantOrderNo, status, this.amountTotal,
				this.currency, this.description, this.createdAt, this.expireAt, this.transactionId, this.paidAt,
				this.paidAmount, this.paidSource, this.refundedAmount, this.refunds, this.closedAt, this.closeReason,
				this.expiryChecks, this.version, this.updatedAt, this.payerTotal);
	}

	/**
	 * This state with its first success: WeChat's order number, time, amount and who said
	 * it.
	 */
	public OrderPaymentState withPayment(String transactionId, Instant paidAt, Long paidAmount,
			NotificationSource paidSource) {
		return new OrderPaymentState(this.mchid, this.outTradeNo, this.merchantOrderNo, this.status, this.amountTotal,
				this.currency, this.description, this.createdAt, this.expireAt, transactionId, paidAt, paidAmount,
				paidSource, this.refundedAmount, this.refunds, this.closedAt, this.closeReason, this.expiryChecks,
				this.version, this.updatedAt, this.payerTotal);
	}

	/**
	 * This state with its first success and the payer's part of it in fen (less than the
	 * paid amount when a coupon paid the rest).
	 */
	public OrderPaymentState withPayment(String transactionId, Instant paidAt, Long paidAmount, Long payerTotal,
			NotificationSource paidSource) {
		return new OrderPaymentState(this.mchid, this.outTradeNo, this.merchantOrderNo, this.status, this.amountTotal,
				this.currency, this.description, this.createdAt, this.expireAt, transactionId, paidAt, paidAmount,
				paidSource, this.refundedAmount, this.refunds, this.closedAt, this.closeReason, this.expiryChecks,
				this.version, this.updatedAt, payerTotal);
	}

	/** This state with these refunds and their successful sum in fen. */
	public OrderPaymentState withRefunds(long refundedAmount, List<Refund> refunds) {
		return new OrderPaymentState(this.mchid, this.outTradeNo, this.merchantOrderNo, this.status, this.amountTotal,
				this.currency, this.description, this.createdAt, this.expireAt, this.transactionId, this.paidAt,
				this.paidAmount, this.paidSource, refundedAmount, refunds, this.closedAt, this.closeReason,
				this.expiryChecks, this.version, this.updatedAt, this.payerTotal);
	}

	/** This state closed at a time, for a reason. */
	public OrderPaymentState withClosed(Instant closedAt, String closeReason) {
		return new OrderPaymentState(this.mchid, this.outTradeNo, this.merchantOrderNo, this.status, this.amountTotal,
				this.currency, this.description, this.createdAt, this.expireAt, this.transactionId, this.paidAt,
				this.paidAmount, this.paidSource, this.refundedAmount, this.refunds, closedAt, closeReason,
				this.expiryChecks, this.version, this.updatedAt, this.payerTotal);
	}

	/** This state after so many expiry checks. */
	public OrderPaymentState withExpiryChecks(int expiryChecks) {
		return new OrderPaymentState(this.mchid, this.outTradeNo, this.merchantOrderNo, this.status, this.amountTotal,
				this.currency, this.description, this.createdAt, this.expireAt, this.transactionId, this.paidAt,
				this.paidAmount, this.paidSource, this.refundedAmount, this.refunds, this.closedAt, this.closeReason,
				expiryChecks, this.version, this.updatedAt, this.payerTotal);
	}

	/** This state at a version, last updated at a time. */
	public OrderPaymentState withVersion(long version, Instant updatedAt) {
		return new OrderPaymentState(this.mchid, this.outTradeNo, this.merchantOrderNo, this.status, this.amountTotal,
				this.currency, this.description, this.createdAt, this.expireAt, this.transactionId, this.paidAt,
				this.paidAmount, this.paidSource, this.refundedAmount, this.refunds, this.closedAt, this.closeReason,
				this.expiryChecks, version, updatedAt, this.payerTotal);
	}

	/** The record key: the merchant and its out_trade_no ({@link MerchantKey}). */
	public String key() {
		return MerchantKey.encode(this.mchid, this.outTradeNo);
	}

}
