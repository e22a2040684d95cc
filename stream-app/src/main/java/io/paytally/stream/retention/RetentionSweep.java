package io.paytally.stream.retention;

import java.time.Instant;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paytally.stream.expiry.ExpiryIndex;
import io.paytally.stream.payment.OrderPayment;

/**
 * The one-off sweep of a task's {@code orders} store: gives every order that may be
 * retired its retention-index entry, so that the orders stored before the retention was
 * deployed are retired like the others. Runs on the wall clock, reads at most one slice
 * of orders per punctuation in key order from where the last one stopped, and keeps that
 * position in the {@code retention-sweep} store: processing goes on between slices, and a
 * restart resumes. An entry is what the order processor itself keeps for the order
 * ({@link RetentionSettings#retireAt}), so sweeping an order twice, or one the processor
 * already indexed, changes nothing. Once done, it runs again only when
 * {@code finishedAfter} changes.
 */
public final class RetentionSweep implements Punctuator {

	/** The key of the position in the {@code retention-sweep} store. */
	public static final String POSITION_KEY = "orders";

	private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);

	private final KeyValueStore<String, OrderPayment> orders;

	private final ExpiryIndex retentionIndex;

	private final KeyValueStore<String, String> positions;

	private final RetentionSettings settings;

	private boolean done;

	public RetentionSweep(KeyValueStore<String, OrderPayment> orders, ExpiryIndex retentionIndex,
			KeyValueStore<String, String> positions, RetentionSettings settings) {
		this.orders = orders;
		this.retentionIndex = retentionIndex;
		this.positions = positions;
		this.settings = settings;
	}

	@Override
	public void punctuate(long timestamp) {
		if (this.done) {
			return;
		}
		SweepPosition position = SweepPosition.decode(this.positions.get(POSITION_KEY));
		boolean sameRetention = position != null && position.finishedAfter().equals(this.settings.finishedAfter());
		if (sameRetention && position.done()) {
			this.done = true;
			return;
		}
		String after = sameRetention ? position.after() : null;
		if (after == null) {
			log.info("Retention sweep of the orders store started (finished-after {})", this.settings.finishedAfter());
		}
		int read = 0;
		int indexed = 0;
		String last = after;
		boolean finished;
		try (KeyValueIterator<String, OrderPayment> it = this.orders.range(after, null)) {
			while (read < this.settings.sweep().slice() && it.hasNext()) {
				KeyValue<String, OrderPayment> entry = it.next();
				if (entry.key.equals(after)) {
					continue;
				}
				read++;
				last = entry.key;
				Instant retireAt = this.settings.retireAt(entry.value);
				if (retireAt != null && !this.retentionIndex.contains(entry.key, retireAt)) {
					this.retentionIndex.move(entry.key, null, retireAt);
					indexed++;
					log.debug("Order {} indexed by the retention sweep: retired at {}", entry.key, retireAt);
				}
			}
			finished = !it.hasNext();
		}
		SweepPosition next = finished ? SweepPosition.done(this.settings.finishedAfter())
				: SweepPosition.after(this.settings.finishedAfter(), last);
		this.positions.put(POSITION_KEY, next.encode());
		if (finished) {
			this.done = true;
			log.info("Retention sweep of the orders store finished: last slice {} orders read, {} indexed", read,
					indexed);
		}
		else {
			log.debug("Retention sweep: {} orders read, {} indexed, up to order {}", read, indexed, last);
		}
	}

}
