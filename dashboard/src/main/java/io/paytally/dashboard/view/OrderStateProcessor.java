package io.paytally.dashboard.view;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStatus;

/**
 * Takes each version of an order from {@code orders.state} into the order views: the
 * latest state, its history, the number indexes, the open orders by expiry and the counts
 * by state. A version not newer than the one held (a redelivery after a restart) changes
 * nothing, so counts stay exact.
 */
final class OrderStateProcessor implements Processor<String, OrderPaymentState, Void, Void> {

	private static final Logger logger = LoggerFactory.getLogger(OrderStateProcessor.class);

	private final ViewChanges changes;

	private KeyValueStore<String, OrderPaymentState> orders;

	private KeyValueStore<String, Transition> history;

	private KeyValueStore<String, String> numbers;

	private KeyValueStore<String, String> openByExpiry;

	private KeyValueStore<String, Long> statusCounts;

	OrderStateProcessor(ViewChanges changes) {
		this.changes = changes;
	}

	@Override
	public void init(ProcessorContext<Void, Void> context) {
		this.orders = context.getStateStore(Stores.ORDERS);
		this.history = context.getStateStore(Stores.HISTORY);
		this.numbers = context.getStateStore(Stores.NUMBERS);
		this.openByExpiry = context.getStateStore(Stores.OPEN_BY_EXPIRY);
		this.statusCounts = context.getStateStore(Stores.STATUS_COUNTS);
	}

	@Override
	public void process(Record<String, OrderPaymentState> record) {
		String key = record.key();
		OrderPaymentState next = record.value();
		if (key == null) {
			return;
		}
		OrderPaymentState previous = this.orders.get(key);
		if (next != null && previous != null && next.version() <= previous.version()) {
			logger.debug("Version {} of order {} already seen", next.version(), key);
			return;
		}
		if (previous != null) {
			unindex(key, previous);
		}
		if (next == null) {
			this.orders.delete(key);
			deleteHistory(key);
		}
		else {
			this.orders.put(key, next);
			index(key, next);
			this.history.put(Stores.historyKey(key, next.version()), Transition.of(next));
		}
		this.changes.changed(ViewChanges.View.ORDERS);
	}

	private void index(String key, OrderPaymentState state) {
		this.numbers.put(Stores.tradeNumberKey(state.outTradeNo(), key), key);
		if (state.merchantOrderNo() != null) {
			this.numbers.put(Stores.merchantOrderKey(state.merchantOrderNo(), key), key);
		}
		if (isOpen(state)) {
			this.openByExpiry.put(Stores.expiryKey(state.expireAt(), key), state.status().name());
		}
		count(state, 1);
	}

	private void unindex(String key, OrderPaymentState state) {
		this.numbers.delete(Stores.tradeNumberKey(state.outTradeNo(), key));
		if (state.merchantOrderNo() != null) {
			this.numbers.delete(Stores.merchantOrderKey(state.merchantOrderNo(), key));
		}
		if (isOpen(state)) {
			this.openByExpiry.delete(Stores.expiryKey(state.expireAt(), key));
		}
		count(state, -1);
	}

	private void count(OrderPaymentState state, long delta) {
		String countKey = Stores.countKey(state.mchid(), state.status().name());
		Long current = this.statusCounts.get(countKey);
		long next = ((current != null) ? current : 0) + delta;
		if (next <= 0) {
			this.statusCounts.delete(countKey);
		}
		else {
			this.statusCounts.put(countKey, next);
		}
	}

	private void deleteHistory(String key) {
		List<String> versions = new ArrayList<>();
		try (KeyValueIterator<String, Transition> it = this.history.prefixScan(Stores.historyPrefix(key),
				new org.apache.kafka.common.serialization.StringSerializer())) {
			it.forEachRemaining((KeyValue<String, Transition> entry) -> versions.add(entry.key));
		}
		versions.forEach(this.history::delete);
	}

	static boolean isOpen(OrderPaymentState state) {
		return (state.status() == PaymentStatus.PENDING || state.status() == PaymentStatus.CHECKING)
				&& state.expireAt() != null;
	}

}
