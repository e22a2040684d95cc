package io.paytally.sandbox.ledger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Every order of every merchant, with its payments, closes and refunds. Business times
 * come from the configured clock, in Beijing time.
 */
public final class Ledger {

	public static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

	private final Clock clock;

	private final Map<String, Order> orders = new ConcurrentHashMap<>();

	private final Map<String, String> byTransactionId = new ConcurrentHashMap<>();

	private final Map<String, String> byOutRefundNo = new ConcurrentHashMap<>();

	private final AtomicLong sequence = new AtomicLong();

	private final Map<String, AtomicInteger> closeRequests = new ConcurrentHashMap<>();

	private final List<Consumer<Order>> listeners = new CopyOnWriteArrayList<>();

	public Ledger(Clock clock) {
		this.clock = clock;
	}

	public OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(BEIJING).withNano(0);
	}

	public void onChange(Consumer<Order> listener) {
		this.listeners.add(listener);
	}

	public Order prepay(PrepayRequest request) {
		String key = key(request.mchid(), request.outTradeNo());
		Order order = this.orders.compute(key, (k, existing) -> {
			if (existing == null) {
				return Order.created(request, "wx" + now().format(DateTimeFormatter.ofPattern("ddHHmmss"))
						+ String.format("%024d", this.sequence.incrementAndGet()), now());
			}
			if (existing.isPaid()) {
				throw new WechatError.OrderPaid(request.outTradeNo());
			}
			if (existing.state() == TradeState.CLOSED) {
				throw new WechatError.OrderClosed(request.outTradeNo());
			}
			if (!existing.samePrepay(request)) {
				throw new WechatError.DuplicateOutTradeNo(request.outTradeNo());
			}
			return existing;
		});
		changed(order);
		return order;
	}

	public Optional<Order> find(String mchid, String outTradeNo) {
		return Optional.ofNullable(this.orders.get(key(mchid, outTradeNo)));
	}

	public Order get(String mchid, String outTradeNo) {
		return find(mchid, outTradeNo).orElseThrow(() -> new WechatError.OrderNotExist(outTradeNo));
	}

	public Optional<Order> findByTransactionId(String mchid, String transactionId) {
		String key = this.byTransactionId.get(transactionId);
		Order order = (key != null) ? this.orders.get(key) : null;
		return (order != null && order.mchid().equals(mchid)) ? Optional.of(order) : Optional.empty();
	}

	public Order startPaying(String mchid, String outTradeNo) {
		return update(mchid, outTradeNo, Order::startPaying);
	}

	public Order pay(String mchid, String outTradeNo, Long amount, String openid, boolean force) {
		return pay(mchid, outTradeNo, amount, openid, force, 0, null);
	}

	/** Pays with a coupon of {@code coupon} fen of {@code couponType} (CASH, NOCASH). */
	public Order pay(String mchid, String outTradeNo, Long amount, String openid, boolean force, long coupon,
			String couponType) {
		Order paid = update(mchid, outTradeNo, (order) -> order.pay((amount != null) ? amount : order.total(), openid,
				transactionId(), now(), force, coupon, couponType));
		this.byTransactionId.put(paid.transactionId(), key(mchid, outTradeNo));
		changed(paid);
		return paid;
	}

	/**
	 * Closes an unpaid order. Every request for an order that exists is counted, the
	 * idempotent repeat and the one refused because the order is paid included (see
	 * {@link #closeRequests}).
	 */
	public Order close(String mchid, String outTradeNo) {
		return update(mchid, outTradeNo, (order) -> {
			this.closeRequests.computeIfAbsent(key(mchid, outTradeNo), (k) -> new AtomicInteger()).incrementAndGet();
			return order.close(now());
		});
	}

	/**
	 * How many close requests reached the order since the sandbox started (not kept in
	 * the persist file): more than one means the merchant closed it again.
	 */
	public int closeRequests(String mchid, String outTradeNo) {
		AtomicInteger count = this.closeRequests.get(key(mchid, outTradeNo));
		return (count != null) ? count.get() : 0;
	}

	/**
	 * Starts a refund (PROCESSING). Asking again with the same out_refund_no returns the
	 * refund already started.
	 */
	public Refund refund(String mchid, String outTradeNo, String outRefundNo, long amount, String reason,
			String notifyUrl) {
		String refundKey = key(mchid, outRefundNo);
		String existingOrderKey = this.byOutRefundNo.get(refundKey);
		if (existingOrderKey != null) {
			return this.orders.get(existingOrderKey).refundNumbered(outRefundNo);
		}
		Order order = update(mchid, outTradeNo, (current) -> {
			if (current.refundNumbered(outRefundNo) != null) {
				return current;
			}
			Refund refund = new Refund(mchid, outTradeNo, current.transactionId(), outRefundNo, refundId(), amount,
					current.paidAmount(), reason, notifyUrl, Refund.PROCESSING, now(), null,
					current.isPaid() ? current.couponShare(amount) : 0, current.couponType());
			return current.refund(refund);
		});
		this.byOutRefundNo.put(refundKey, key(mchid, outTradeNo));
		return order.refundNumbered(outRefundNo);
	}

	public Refund completeRefund(String mchid, String outRefundNo) {
		return finishRefund(mchid, outRefundNo, Refund.SUCCESS);
	}

	/** A PROCESSING refund ends as {@code status}: SUCCESS, ABNORMAL or CLOSED. */
	public Refund finishRefund(String mchid, String outRefundNo, String status) {
		Refund refund = findRefund(mchid, outRefundNo).orElseThrow(() -> new WechatError.ResourceNotExist(outRefundNo));
		Order order = update(mchid, refund.outTradeNo(),
				(current) -> current.refundFinished(outRefundNo, status, now()));
		return order.refundNumbered(outRefundNo);
	}

	public Optional<Refund> findRefund(String mchid, String outRefundNo) {
		String key = this.byOutRefundNo.get(key(mchid, outRefundNo));
		return Optional.ofNullable(key).map(this.orders::get).map((order) -> order.refundNumbered(outRefundNo));
	}

	/**
	 * Every order of a merchant (all merchants when {@code mchid} is null), oldest first.
	 */
	public List<Order> orders(String mchid) {
		List<Order> all = new ArrayList<>();
		for (Order order : this.orders.values()) {
			if (mchid == null || order.mchid().equals(mchid)) {
				all.add(order);
			}
		}
		all.sort(Comparator.comparing(Order::createdAt).thenComparing(Order::outTradeNo));
		return all;
	}

	/** Replaces the ledger with saved orders (at start). */
	public void restore(List<Order> saved) {
		long max = 0;
		for (Order order : saved) {
			this.orders.put(key(order.mchid(), order.outTradeNo()), order);
			if (order.transactionId() != null) {
				this.byTransactionId.put(order.transactionId(), key(order.mchid(), order.outTradeNo()));
				max = Math.max(max, tail(order.transactionId()));
			}
			for (Refund refund : order.refunds()) {
				this.byOutRefundNo.put(key(order.mchid(), refund.outRefundNo()),
						key(order.mchid(), order.outTradeNo()));
				max = Math.max(max, tail(refund.refundId()));
			}
		}
		this.sequence.set(Math.max(this.sequence.get(), max));
	}

	private static long tail(String id) {
		return Long.parseLong(id.substring(id.length() - 10));
	}

	private Order update(String mchid, String outTradeNo, UnaryOperator<Order> change) {
		Order updated = this.orders.compute(key(mchid, outTradeNo), (k, existing) -> {
			if (existing == null) {
				throw new WechatError.OrderNotExist(outTradeNo);
			}
			return change.apply(existing);
		});
		changed(updated);
		return updated;
	}

	private void changed(Order order) {
		for (Consumer<Order> listener : this.listeners) {
			listener.accept(order);
		}
	}

	private String transactionId() {
		return "42000000" + now().format(DAY) + String.format("%012d", this.sequence.incrementAndGet());
	}

	private String refundId() {
		return "50300000" + now().format(DAY) + String.format("%013d", this.sequence.incrementAndGet());
	}

	private static String key(String mchid, String number) {
		return mchid + "|" + number;
	}

}
