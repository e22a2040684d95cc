package io.paytally.stream.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.paytally.schemas.MerchantKey;
import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStatus;

/**
 * The payment orders this instance created lately, as PENDING states: they bridge the
 * moment between the broker's acknowledgement of an OrderCreated and the state store
 * showing it, so that a repeat right after the first call takes the same creation and
 * expiry times. Only consulted when the state store does not know the order.
 */
final class RecentCreations {

	private static final int MAX_ENTRIES = 100_000;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final Clock clock;

	private final Duration ttl;

	RecentCreations(Clock clock, Duration ttl) {
		this.clock = clock;
		this.ttl = ttl;
	}

	void remember(OrderEvent created) {
		if (this.entries.size() >= MAX_ENTRIES) {
			evictOld();
		}
		this.entries.put(created.key(), new Entry(created, this.clock.instant()));
	}

	Optional<OrderPaymentState> find(String mchid, String outTradeNo) {
		String key = MerchantKey.encode(mchid, outTradeNo);
		Entry entry = this.entries.get(key);
		if (entry == null) {
			return Optional.empty();
		}
		if (entry.rememberedAt().plus(this.ttl).isBefore(this.clock.instant())) {
			this.entries.remove(key, entry);
			return Optional.empty();
		}
		OrderEvent e = entry.created();
		return Optional.of(new OrderPaymentState(e.mchid(), e.outTradeNo(), e.merchantOrderNo(), PaymentStatus.PENDING,
				e.amountTotal(), e.currency(), e.description(), e.createdAt(), e.expireAt(), null, null, null, null, 0,
				null, null, null, 0, 0, e.occurredAt()));
	}

	private void evictOld() {
		Instant oldest = this.clock.instant().minus(this.ttl);
		this.entries.values().removeIf((entry) -> entry.rememberedAt().isBefore(oldest));
		if (this.entries.size() >= MAX_ENTRIES) {
			this.entries.clear();
		}
	}

	private record Entry(OrderEvent created, Instant rememberedAt) {

	}

}
