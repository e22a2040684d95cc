package io.paytally.sandbox.ledger;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One order as WeChat knows it. Immutable: each guarded verb returns the order after the
 * fact or refuses with a {@link WechatError}.
 *
 * @param paidAmount what the payment covered (WeChat's {@code amount.total}), coupon
 * included; 0 when unpaid
 * @param couponAmount the part of {@code paidAmount} a coupon paid, in fen (0: none); the
 * payer paid {@code paidAmount - couponAmount}
 * @param couponType {@link #CASH} (充值代金券, pre-funded by the merchant, settled) or
 * {@link #NOCASH} (非充值代金券, funded by a promotion, not settled to the merchant); null
 * without a coupon
 */
public record Order(String mchid, String appid, String outTradeNo, String tradeType, String description, String attach,
		String notifyUrl, long total, String currency, String prepayOpenid, OffsetDateTime timeExpire,
		OffsetDateTime createdAt, String prepayId, TradeState state, String transactionId, long paidAmount,
		String payerOpenid, String bankType, OffsetDateTime successTime, OffsetDateTime closedAt, List<Refund> refunds,
		long couponAmount, String couponType) {

	/** A recharge coupon (充值代金券): part of what settles to the merchant. */
	public static final String CASH = "CASH";

	/** A non-recharge coupon (非充值代金券): not settled to the merchant. */
	public static final String NOCASH = "NOCASH";

	public Order {
		refunds = List.copyOf(refunds);
	}

	/** An order without a coupon. */
	public Order(String mchid, String appid, String outTradeNo, String tradeType, String description, String attach,
			String notifyUrl, long total, String currency, String prepayOpenid, OffsetDateTime timeExpire,
			OffsetDateTime createdAt, String prepayId, TradeState state, String transactionId, long paidAmount,
			String payerOpenid, String bankType, OffsetDateTime successTime, OffsetDateTime closedAt,
			List<Refund> refunds) {
		this(mchid, appid, outTradeNo, tradeType, description, attach, notifyUrl, total, currency, prepayOpenid,
				timeExpire, createdAt, prepayId, state, transactionId, paidAmount, payerOpenid, bankType, successTime,
				closedAt, refunds, 0, null);
	}

	/** What the payer paid: the payment less its coupon. */
	public long payerTotal() {
		return this.paidAmount - this.couponAmount;
	}

	/** The part of the payment that settles to the merchant (应结订单金额). */
	public long settlementTotal() {
		return NOCASH.equals(this.couponType) ? this.paidAmount - this.couponAmount : this.paidAmount;
	}

	/**
	 * The coupon's share of a refund of {@code amount}: proportional to the payment
	 * (rounded down), and what is left of the coupon when the refund takes the rest of
	 * the payment.
	 */
	public long couponShare(long amount) {
		if (this.couponAmount == 0) {
			return 0;
		}
		long couponRefunded = liveRefunds().mapToLong(Refund::couponRefund).sum();
		if (amount >= this.paidAmount - refunded()) {
			return this.couponAmount - couponRefunded;
		}
		return Math.min(this.couponAmount - couponRefunded,
				java.math.BigInteger.valueOf(amount)
					.multiply(java.math.BigInteger.valueOf(this.couponAmount))
					.divide(java.math.BigInteger.valueOf(this.paidAmount))
					.longValue());
	}

	private java.util.stream.Stream<Refund> liveRefunds() {
		return this.refunds.stream().filter((r) -> !Refund.CLOSED.equals(r.status()));
	}

	public static Order created(PrepayRequest request, String prepayId, OffsetDateTime now) {
		return new Order(request.mchid(), request.appid(), request.outTradeNo(), request.tradeType(),
				request.description(), request.attach(), request.notifyUrl(), request.total(), request.currency(),
				request.payerOpenid(), request.timeExpire(), now, prepayId, TradeState.NOTPAY, null, 0, null, null,
				null, null, List.of());
	}

	/**
	 * Whether a repeated prepay carries the parameters of the first one: WeChat refuses a
	 * repeat with other parameters, {@code time_expire} and the payer included.
	 */
	public boolean samePrepay(PrepayRequest request) {
		return Objects.equals(this.appid, request.appid()) && Objects.equals(this.tradeType, request.tradeType())
				&& Objects.equals(this.description, request.description()) && this.total == request.total()
				&& Objects.equals(this.notifyUrl, request.notifyUrl())
				&& Objects.equals(this.prepayOpenid, request.payerOpenid())
				&& sameInstant(this.timeExpire, request.timeExpire());
	}

	private static boolean sameInstant(OffsetDateTime a, OffsetDateTime b) {
		return (a == null) ? b == null : (b != null && a.isEqual(b));
	}

	public boolean isPaid() {
		return this.transactionId != null;
	}

	/** Every refund started and not closed (a closed refund gave the money back). */
	public long refunded() {
		return liveRefunds().mapToLong(Refund::amount).sum();
	}

	/** The payer starts paying (USERPAYING); only an unpaid open order. */
	public Order startPaying() {
		if (this.state != TradeState.NOTPAY) {
			throw refusalFor(this.state);
		}
		return with(TradeState.USERPAYING, null, 0, null, null, null, this.closedAt, this.refunds);
	}

	/**
	 * As {@link #pay(long, String, String, OffsetDateTime, boolean, long, String)}
	 * without a coupon.
	 */
	public Order pay(long amount, String openid, String transactionId, OffsetDateTime at, boolean force) {
		return pay(amount, openid, transactionId, at, force, 0, null);
	}

	/**
	 * The payer pays {@code amount}. A paid order refuses; a closed order refuses unless
	 * {@code force} (the paid-after-close race). A coupon of {@code coupon} fen
	 * ({@code couponType} CASH or NOCASH) pays part of it.
	 */
	public Order pay(long amount, String openid, String transactionId, OffsetDateTime at, boolean force, long coupon,
			String couponType) {
		if (isPaid()) {
			throw new WechatError.OrderPaid(this.outTradeNo);
		}
		if (this.state == TradeState.CLOSED && !force) {
			throw new WechatError.OrderClosed(this.outTradeNo);
		}
		if (amount < 1) {
			throw new WechatError.ParamError("amount must be at least 1 fen");
		}
		if (coupon < 0 || coupon >= amount || (coupon > 0 && !CASH.equals(couponType) && !NOCASH.equals(couponType))) {
			throw new WechatError.ParamError("a coupon is CASH or NOCASH and leaves the payer at least 1 fen to pay");
		}
		String payer = (openid != null) ? openid
				: (this.prepayOpenid != null) ? this.prepayOpenid : "oSandboxPayer0001";
		return new Order(this.mchid, this.appid, this.outTradeNo, this.tradeType, this.description, this.attach,
				this.notifyUrl, this.total, this.currency, this.prepayOpenid, this.timeExpire, this.createdAt,
				this.prepayId, TradeState.SUCCESS, transactionId, amount, payer, "OTHERS", at, this.closedAt,
				this.refunds, coupon, (coupon > 0) ? couponType : null);
	}

	/** Closes an unpaid order; closing a closed order again changes nothing. */
	public Order close(OffsetDateTime at) {
		if (isPaid()) {
			throw new WechatError.OrderPaid(this.outTradeNo);
		}
		if (this.state == TradeState.CLOSED) {
			return this;
		}
		return with(TradeState.CLOSED, null, 0, null, null, null, at, this.refunds);
	}

	/** Adds a refund of {@code amount} (PROCESSING); the order turns REFUND. */
	public Order refund(Refund refund) {
		if (!isPaid()) {
			throw new WechatError.InvalidRequest("订单未支付，不能退款: " + this.outTradeNo);
		}
		if (refund.amount() < 1 || refund.amount() > this.paidAmount - refunded()) {
			throw new WechatError.NotEnoughRefundable(this.outTradeNo);
		}
		List<Refund> all = new ArrayList<>(this.refunds);
		all.add(refund);
		return with(TradeState.REFUND, this.transactionId, this.paidAmount, this.payerOpenid, this.bankType,
				this.successTime, this.closedAt, all);
	}

	public Order refundSucceeded(String outRefundNo, OffsetDateTime at) {
		return refundFinished(outRefundNo, Refund.SUCCESS, at);
	}

	/**
	 * A PROCESSING refund ends: SUCCESS, ABNORMAL (the payer's card or account cannot
	 * take the money) or CLOSED. A finished refund stays as it is.
	 */
	public Order refundFinished(String outRefundNo, String status, OffsetDateTime at) {
		List<Refund> all = new ArrayList<>();
		for (Refund refund : this.refunds) {
			all.add(refund.outRefundNo().equals(outRefundNo) && Refund.PROCESSING.equals(refund.status())
					? refund.finished(status, at) : refund);
		}
		return with(this.state, this.transactionId, this.paidAmount, this.payerOpenid, this.bankType, this.successTime,
				this.closedAt, all);
	}

	public Refund refundNumbered(String outRefundNo) {
		return this.refunds.stream().filter((r) -> r.outRefundNo().equals(outRefundNo)).findFirst().orElse(null);
	}

	private Order with(TradeState state, String transactionId, long paidAmount, String payerOpenid, String bankType,
			OffsetDateTime successTime, OffsetDateTime closedAt, List<Refund> refunds) {
		return new Order(this.mchid, this.appid, this.outTradeNo, this.tradeType, this.description, this.attach,
				this.notifyUrl, this.total, this.currency, this.prepayOpenid, this.timeExpire, this.createdAt,
				this.prepayId, state, transactionId, paidAmount, payerOpenid, bankType, successTime, closedAt, refunds,
				(transactionId != null) ? this.couponAmount : 0, (transactionId != null) ? this.couponType : null);
	}

	private WechatError refusalFor(TradeState state) {
		return switch (state) {
			case CLOSED -> new WechatError.OrderClosed(this.outTradeNo);
			case SUCCESS, REFUND -> new WechatError.OrderPaid(this.outTradeNo);
			default -> new WechatError.InvalidRequest("订单状态不允许: " + state);
		};
	}

}
