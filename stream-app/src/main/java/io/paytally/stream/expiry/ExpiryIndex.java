package io.paytally.stream.expiry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The orders by the time they are due, over a key-value store of {@link ExpiryIndexKey}s.
 * Each order has at most one entry: its {@code OrderPayment.dueAt()}.
 */
public final class ExpiryIndex {

	private static final byte[] PRESENT = new byte[0];

	private final KeyValueStore<Bytes, byte[]> store;

	public ExpiryIndex(KeyValueStore<Bytes, byte[]> store) {
		this.store = store;
	}

	/** Moves an order's entry from one due time to another (either may be absent). */
	public void move(String orderKey, Instant from, Instant to) {
		if (Objects.equals(from, to)) {
			return;
		}
		if (from != null) {
			this.store.delete(new ExpiryIndexKey(from, orderKey).encode());
		}
		if (to != null) {
			this.store.put(new ExpiryIndexKey(to, orderKey).encode(), PRESENT);
		}
	}

	/** Whether the order has an entry at the given time. */
	public boolean contains(String orderKey, Instant at) {
		return this.store.get(new ExpiryIndexKey(at, orderKey).encode()) != null;
	}

	/** Removes one entry. */
	public void remove(ExpiryIndexKey key) {
		this.store.delete(key.encode());
	}

	/**
	 * The entries due at or before {@code now}, earliest first, at most {@code limit}: a
	 * range scan that reads nothing else, so its cost does not grow with the number of
	 * open orders.
	 */
	public List<ExpiryIndexKey> due(Instant now, int limit) {
		List<ExpiryIndexKey> due = new ArrayList<>();
		try (KeyValueIterator<Bytes, byte[]> it = this.store.range(ExpiryIndexKey.lowest(),
				ExpiryIndexKey.upperBoundOfDueAt(now))) {
			while (it.hasNext() && due.size() < limit) {
				KeyValue<Bytes, byte[]> entry = it.next();
				due.add(ExpiryIndexKey.decode(entry.key));
			}
		}
		return due;
	}

}
