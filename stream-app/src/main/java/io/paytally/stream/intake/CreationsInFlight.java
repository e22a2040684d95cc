package io.paytally.stream.intake;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import io.paytally.schemas.MerchantKey;
import io.paytally.schemas.OrderEvent;
import io.paytally.stream.intake.order.PaymentOrder;

/**
 * The OrderCreated events this instance published (or tried to: an unacknowledged one may
 * have landed) that the state store has not shown yet. They are what the intake knows of
 * a creation under way when the stream lags: a request whose {@code time_expire} is too
 * near for a new payment order, for a payment order with such a creation of the same
 * data, is a repeat to be retried, not a request to refuse. Kept in memory (one
 * instance's knowledge) until the store shows the creation or its {@code time_expire}
 * passes, at most {@link #MAX} at once (the oldest make room).
 */
final class CreationsInFlight {

	/** The most creations remembered at once. */
	static final int MAX = 10_000;

	private final Map<String, OrderEvent> creations = new LinkedHashMap<>();

	/** A creation is about to be published. */
	synchronized void publishing(OrderEvent created, Instant now) {
		forgetExpired(now);
		String key = MerchantKey.encode(created.mchid(), created.outTradeNo());
		this.creations.remove(key);
		this.creations.put(key, created);
		if (this.creations.size() > MAX) {
			Iterator<String> oldest = this.creations.keySet().iterator();
			oldest.next();
			oldest.remove();
		}
	}

	/** The store shows the payment order: its creation is no longer under way. */
	synchronized void applied(String mchid, String outTradeNo) {
		this.creations.remove(MerchantKey.encode(mchid, outTradeNo));
	}

	/**
	 * Whether a creation of this payment order with the request's data (amount,
	 * description, {@code time_expire}) is under way, still payable at {@code now}.
	 */
	synchronized boolean holds(PaymentOrder order, String outTradeNo, Instant expireAt, Instant now) {
		OrderEvent created = this.creations.get(MerchantKey.encode(order.mchid(), outTradeNo));
		return created != null && now.isBefore(created.expireAt()) && created.expireAt().equals(expireAt)
				&& created.amountTotal() == order.amount() && created.description().equals(order.description())
				&& created.merchantOrderNo().equals(order.merchantOrderNo());
	}

	synchronized int size() {
		return this.creations.size();
	}

	private void forgetExpired(Instant now) {
		this.creations.values().removeIf((created) -> !now.isBefore(created.expireAt()));
	}

}
