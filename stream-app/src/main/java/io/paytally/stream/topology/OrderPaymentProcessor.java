package io.paytally.stream.topology;

import java.time.Instant;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paytally.schemas.ExpiryCheck;
import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.stream.expiry.ExpiryIndex;
import io.paytally.stream.expiry.ExpiryIndexKey;
import io.paytally.stream.expiry.ExpiryPunctuator;
import io.paytally.stream.expiry.PunctuationListener;
import io.paytally.stream.payment.OrderPayment;
import io.paytally.stream.payment.Outcome;
import io.paytally.stream.payment.PaymentRules;
import io.paytally.stream.payment.Transition;
import io.paytally.stream.retention.RetentionSweep;

/**
 * Loads the order, applies the input to it, stores it, keeps the expiry index in step and
 * forwards what the state machine emitted. The rules are all in {@link OrderPayment}.
 * Time is the wall clock of the stream thread.
 */
final class OrderPaymentProcessor implements Processor<String, OrderInput, String, OrderOutput> {

	private static final Logger log = LoggerFactory.getLogger(OrderPaymentProcessor.class);

	private final TopologySettings settings;

	private final PaymentRules rules;

	private ProcessorContext<String, OrderOutput> context;

	private KeyValueStore<String, OrderPayment> orders;

	private ExpiryIndex index;

	private ExpiryIndex retentionIndex;

	OrderPaymentProcessor(TopologySettings settings) {
		this.settings = settings;
		this.rules = settings.rules();
	}

	@Override
	public void init(ProcessorContext<String, OrderOutput> context) {
		this.context = context;
		this.orders = context.getStateStore(PaymentTopology.ORDER_STORE);
		KeyValueStore<Bytes, byte[]> indexStore = context.getStateStore(PaymentTopology.EXPIRY_INDEX_STORE);
		this.index = new ExpiryIndex(indexStore);
		context.schedule(this.settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, new ExpiryPunctuator(
				this.index, this.settings.maxDuePerPunctuation(), this::due, this.settings.punctuationListener()));
		KeyValueStore<Bytes, byte[]> retentionStore = context.getStateStore(PaymentTopology.RETENTION_INDEX_STORE);
		this.retentionIndex = new ExpiryIndex(retentionStore);
		// wall clock, as the expiry: stream time stands still on a partition without
		// input, and a retired order must leave the store even when nothing else comes
		context.schedule(this.settings.retention().scanInterval(), PunctuationType.WALL_CLOCK_TIME,
				new ExpiryPunctuator(this.retentionIndex, this.settings.retention().maxPerScan(), this::retire,
						PunctuationListener.NONE));
		if (this.settings.retention().sweep().enabled()) {
			KeyValueStore<String, String> sweepPositions = context.getStateStore(PaymentTopology.RETENTION_SWEEP_STORE);
			context.schedule(this.settings.retention().sweep().interval(), PunctuationType.WALL_CLOCK_TIME,
					new RetentionSweep(this.orders, this.retentionIndex, sweepPositions, this.settings.retention()));
		}
	}

	/**
	 * Every record names its order in its key ({@code mchid@out_trade_no}) and in its
	 * value; when they differ, a producer keyed it wrongly and it must not touch either
	 * order.
	 */
	@Override
	public void process(Record<String, OrderInput> record) {
		String key = record.key();
		OrderInput input = record.value();
		if (key == null || !key.equals(input.orderKey())) {
			throw new RecordKeyMismatch(key, input.orderKey());
		}
		Instant now = Instant.ofEpochMilli(this.context.currentSystemTimeMs());
		OrderPayment order = load(key);
		Outcome outcome;
		if (input.event() != null) {
			outcome = (input.event().type() == OrderEvent.Type.CREATED) ? order.create(input.event(), now, this.rules)
					: order.cancel(input.event(), now, this.rules);
		}
		else if (input.payment() != null) {
			outcome = order.payment(input.payment(), now, this.rules);
		}
		else {
			outcome = order.refund(input.refund(), now, this.rules);
		}
		apply(key, order, outcome, record.timestamp());
	}

	/**
	 * The punctuator found an order due. An entry that is not the order's (the order is
	 * gone or due at another millisecond) is removed; the order's own entry stays until
	 * the order moves it: an order due later in the punctuation's millisecond is not due
	 * yet and is found again by the next punctuation.
	 */
	private void due(ExpiryIndexKey entry, Instant now) {
		OrderPayment order = this.orders.get(entry.orderKey());
		if (order == null || !entry.isEntryOf(order.dueAt())) {
			this.index.remove(entry);
			if (order == null) {
				return;
			}
		}
		apply(entry.orderKey(), order, order.due(now, this.rules), now.toEpochMilli());
	}

	/**
	 * The retention index found an order whose time is up: it leaves the store, and its
	 * records leave the compacted topics (tombstones for {@code orders.state}, its
	 * payment notifications and every refund it knows) and the stores by merchant order.
	 * The order's time is the current setting's: an entry written under another
	 * {@code finished-after} retires the order when that time has come too, and otherwise
	 * moves to it.
	 */
	private void retire(ExpiryIndexKey entry, Instant now) {
		this.retentionIndex.remove(entry);
		OrderPayment order = this.orders.get(entry.orderKey());
		Instant retireAt = (order != null) ? this.settings.retention().retireAt(order) : null;
		if (retireAt == null) {
			return;
		}
		if (retireAt.isAfter(now)) {
			this.retentionIndex.move(entry.orderKey(), null, retireAt);
			return;
		}
		this.orders.delete(entry.orderKey());
		this.index.move(entry.orderKey(), order.dueAt(), null);
		if (!retireAt.equals(entry.dueAt())) {
			this.retentionIndex.move(entry.orderKey(), retireAt, null);
		}
		Retirement retirement = Retirement.of(entry.orderKey(), order);
		log.info("Order {} retired ({} after its last change), {} refund records with it", entry.orderKey(),
				this.settings.retention().finishedAfter(), retirement.refundKeys().size());
		this.context.forward(new Record<>(entry.orderKey(), OrderOutput.of(retirement), now.toEpochMilli()));
	}

	private OrderPayment load(String key) {
		OrderPayment order = this.orders.get(key);
		return (order != null) ? order : OrderPayment.unknown();
	}

	private void apply(String key, OrderPayment before, Outcome outcome, long timestamp) {
		OrderPayment after = outcome.next();
		if (!after.equals(before)) {
			this.orders.put(key, after);
			this.index.move(key, before.dueAt(), after.dueAt());
			this.retentionIndex.move(key, this.settings.retention().retireAt(before),
					this.settings.retention().retireAt(after));
		}
		for (Transition transition : outcome.transitions()) {
			log.debug("Order {} {} -> {} (v{})", key, transition.from(), transition.to().status(),
					transition.to().version());
			this.context.forward(new Record<>(key, OrderOutput.of(transition), timestamp));
		}
		for (ExpiryCheck check : outcome.checks()) {
			log.info("Order {} checked at WeChat ({}, attempt {})", key, check.reason(), check.attempt());
			this.context.forward(new Record<>(key, OrderOutput.of(check), timestamp));
		}
		for (PaymentAnomaly anomaly : outcome.anomalies()) {
			log.warn("Order {}: {} ({})", key, anomaly.type(), anomaly.detail());
			this.context.forward(new Record<>(key, OrderOutput.of(anomaly), timestamp));
		}
	}

}
