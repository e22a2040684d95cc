package io.paytally.sandbox.ledger;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One order as WeChat knows it. Immutable: each guarded verb returns the order after the
 * fact or refuses with a {@link WechatError}.
 */
public record Order(String mchid, String appid, String outTradeNo, String tradeType, String description, String attach,
		String notifyUrl, long total, String currency, String prepayOpenid, OffsetDateTime timeExpire,
		OffsetDateTime createdAt, String prepayId, TradeState state, String transactionId, long paidAmount,
		String payerOpenid, String bankType, OffsetDateTime successTime, OffsetDateTime closedAt,
		List<Refund> refunds) {

	public Order {
		refunds = List.copyOf(refunds);
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

	public long refunded() {
		return this.refunds.stream().mapToLong(Refund::amount).sum();
	}

	/** The payer starts paying (USERPAYING); only an unpaid open order. */
	public Order startPaying() {
		if (this.state != TradeState.NOTPAY) {
			throw refusalFor(this.state);
		}
		return with(TradeState.USERPAYING, null, 0, null, null, null, this.closedAt, this.refunds);
	}

	/**
	 * The payer pays {@code amount}. A paid order refuses; a closed order refuses unless
	 * {@code force} (the paid-after-close race).
	 */
	public Order pay(long amount, String openid, String transactionId, OffsetDateTime at, boolean force) {
		if (isPaid()) {
			throw new WechatError.OrderPaid(this.outTradeNo);
		}
		if (this.state == TradeState.CLOSED && !force) {
			throw new WechatError.OrderClosed(this.outTradeNo);
		}
		if (amount < 1) {
			throw new WechatError.ParamError("amount must be at least 1 fen");
		}
		String payer = (openid != null) ? openid
				: (this.prepayOpenid != null) ? this.prepayOpenid : "oSandboxPayer0001";
		return with(TradeState.SUCCESS, transactionId, amount, payer, "OTHERS", at, this.closedAt, this.refunds);
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
		List<Refund> all = new ArrayList<>();
		for (Refund refund : this.refunds) {
			all.add(refund.outRefundNo().equals(outRefundNo) && !"SUCCESS".equals(refund.status())
					? refund.succeeded(at) : refund);
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
				this.prepayId, state, transactionId, paidAmount, payerOpenid, bankType, successTime, closedAt, refunds);
	}

	private WechatError refusalFor(TradeState state) {
		return switch (state) {
			case CLOSED -> new WechatError.OrderClosed(this.outTradeNo);
			case SUCCESS, REFUND -> new WechatError.OrderPaid(this.outTradeNo);
			default -> new WechatError.InvalidRequest("订单状态不允许: " + state);
		};
	}

}
