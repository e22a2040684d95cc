package io.paytally.stream.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import io.paytally.schemas.ExpiryCheck;
import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.PaymentStats;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.serde.JsonSerde;
import io.paytally.schemas.topics.Topic;
import io.paytally.stream.payment.OrderPayment;
import io.paytally.stream.payment.Transition;
import io.paytally.stream.stats.StatsDelta;
import io.paytally.stream.stats.StatsWindows;

/**
 * The data flow of stream-app, top to bottom. Every topic is read and written with
 * explicit serdes; the only topics Kafka Streams creates are its own internal ones
 * (changelogs and repartition topics).
 */
public final class PaymentTopology {

	/**
	 * One {@link OrderPayment} per order (mchid@out_trade_no): the state machine's store.
	 */
	public static final String ORDER_STORE = "orders";

	/** Orders by the time they must be looked at (expiry, recheck, grace). */
	public static final String EXPIRY_INDEX_STORE = "expiry-index";

	/** Finished orders by the time they are retired (retention). */
	public static final String RETENTION_INDEX_STORE = "retention-index";

	/** How far the one-off retention sweep of the {@code orders} store has come. */
	public static final String RETENTION_SWEEP_STORE = "retention-sweep";

	/** The paid out_trade_nos of every merchant order (mchid@merchant_order_no). */
	public static final String PAID_BY_MERCHANT_ORDER_STORE = "paid-by-merchant-order";

	/**
	 * The attempts after the first and the paid-after-close ones of every merchant order
	 * (mchid@merchant_order_no).
	 */
	public static final String ATTEMPTS_BY_MERCHANT_ORDER_STORE = "attempts-by-merchant-order";

	/** The per-merchant window sums. */
	public static final String STATS_STORE = "merchant-stats";

	private static final Serde<String> KEY = Serdes.String();

	private PaymentTopology() {
	}

	/** The topology with the given settings. */
	public static Topology build(TopologySettings settings) {
		StreamsBuilder builder = new StreamsBuilder();
		build(builder, settings);
		return builder.build();
	}

	/** Adds the data flow to a builder. */
	public static void build(StreamsBuilder builder, TopologySettings settings) {
		// 1. The stores of the state machine: one record per order, and the expiry index.
		builder.addStateStore(orderStore());
		builder.addStateStore(expiryIndexStore());
		builder.addStateStore(retentionIndexStore());
		builder.addStateStore(retentionSweepStore());

		// 2. The merchant's order events (created, cancelled), keyed mchid@out_trade_no.
		// Every order topic has that key (MerchantKey): out_trade_no alone is unique only
		// within one merchant.
		KStream<String, OrderInput> orderEvents = builder
			.stream(Topic.ORDER_EVENTS.topicName(),
					Consumed.with(KEY, JsonSerde.of(OrderEvent.class)).withName("order-events"))
			.mapValues(OrderInput::of, Named.as("order-event-input"));

		// 3. WeChat's word on payments: callbacks, active-query answers, bill repairs.
		KStream<String, OrderInput> payments = builder
			.stream(Topic.PAYMENT_NOTIFICATIONS.topicName(),
					Consumed.with(KEY, JsonSerde.of(PaymentNotification.class)).withName("payment-notifications"))
			.filter((key, payment) -> payment != null, Named.as("payment-not-tombstone"))
			.mapValues(OrderInput::of, Named.as("payment-input"));

		// 4. Refunds, keyed mchid@out_refund_no, re-keyed by their order
		// (mchid@out_trade_no)
		// and re-partitioned.
		KStream<String, OrderInput> refunds = builder
			.stream(Topic.REFUND_NOTIFICATIONS.topicName(),
					Consumed.with(KEY, JsonSerde.of(RefundNotification.class)).withName("refund-notifications"))
			.filter((key, refund) -> refund != null, Named.as("refund-not-tombstone"))
			.selectKey((refundKey, refund) -> refund.orderKey(), Named.as("refund-by-out-trade-no"))
			.repartition(Repartitioned.<String, RefundNotification>as("refunds-by-order")
				.withKeySerde(KEY)
				.withValueSerde(InternalSerdes.refundNotification()))
			.mapValues(OrderInput::of, Named.as("refund-input"));

		// 5. The co-partitioned merge into the state machine; its wall-clock punctuator
		// expires and rechecks what is due.
		KStream<String, OrderOutput> outputs = orderEvents.merge(payments, Named.as("merge-payments"))
			.merge(refunds, Named.as("merge-refunds"))
			.process(() -> new OrderPaymentProcessor(settings), Named.as("order-payment"), ORDER_STORE,
					EXPIRY_INDEX_STORE, RETENTION_INDEX_STORE, RETENTION_SWEEP_STORE);

		// 6. Every state change, in order, on orders.state.
		KStream<String, Transition> transitions = outputs.filter((no, out) -> out.isTransition(), Named.as("is-state"))
			.mapValues(OrderOutput::transition, Named.as("transitions"));
		transitions.mapValues(Transition::to, Named.as("states"))
			.to(Topic.ORDER_STATE.topicName(),
					Produced.with(KEY, JsonSerde.of(OrderPaymentState.class)).withName("order-state"));

		// 7. Expiry checks for the active-query worker.
		outputs.filter((no, out) -> out.isCheck(), Named.as("is-check"))
			.mapValues(OrderOutput::check, Named.as("checks"))
			.to(Topic.EXPIRY_CHECKS.topicName(),
					Produced.with(KEY, JsonSerde.of(ExpiryCheck.class)).withName("expiry-checks"));

		// 12. Retired orders (their tombstones below); defined here, as steps 8 and 11
		// take their retirements from the stores by merchant order too.
		KStream<String, Retirement> retired = outputs.filter((no, out) -> out.isRetirement(), Named.as("is-retirement"))
			.mapValues(OrderOutput::retirement, Named.as("retirements"));

		// 8. Duplicate payments: first successes re-partitioned by merchant order, and
		// the retired paid orders through the same repartition topic (a new topic would
		// add a sub-topology and renumber the ones after it).
		KStream<String, PaidOrder> retiredPaid = retired
			.filter((no, retirement) -> retirement.paid() != null, Named.as("retired-paid"))
			.map((no, retirement) -> KeyValue.pair(retirement.paid().merchantOrderKey(), retirement.paid()),
					Named.as("retired-paid-by-merchant-order"));
		KStream<String, PaymentAnomaly> duplicates = transitions
			.filter((no, transition) -> transition.isFirstSuccess(), Named.as("first-successes"))
			.map((no, transition) -> paidOrder(transition.to()), Named.as("by-merchant-order"))
			.merge(retiredPaid, Named.as("merge-retired-paid"))
			.repartition(Repartitioned.<String, PaidOrder>as("paid-by-merchant-order")
				.withKeySerde(KEY)
				.withValueSerde(InternalSerdes.paidOrder()))
			.process(DuplicatePaymentProcessor::new, Named.as("duplicate-payments"),
					addPaidByMerchantOrderStore(builder));

		// 9. Every anomaly on orders.anomalies.
		KStream<String, PaymentAnomaly> anomalies = outputs.filter((no, out) -> out.isAnomaly(), Named.as("is-anomaly"))
			.mapValues(OrderOutput::anomaly, Named.as("anomalies"))
			.merge(duplicates, Named.as("merge-duplicates"));
		anomalies.to(Topic.ANOMALIES.topicName(),
				Produced.with(KEY, JsonSerde.of(PaymentAnomaly.class)).withName("order-anomalies"));

		// 10. Per-merchant statistics over tumbling windows on orders.stats. The grace
		// covers a backlog (its partitions interleave on the repartition topic, and the
		// punctuations' records carry the wall-clock time): a late record of a window
		// still counts and writes the window's record again.
		StatsWindows windows = settings.stats();
		transitions.mapValues(StatsDelta::of, Named.as("transition-stats"))
			.filter((no, delta) -> delta != null, Named.as("counted"))
			.merge(anomalies.mapValues(StatsDelta::of, Named.as("anomaly-stats")), Named.as("merge-stats"))
			.groupBy((no, delta) -> delta.mchid(), Grouped.with("stats-by-merchant", KEY, InternalSerdes.statsDelta()))
			.windowedBy(TimeWindows.ofSizeAndGrace(windows.size(), windows.grace()))
			.reduce(StatsDelta::plus,
					Materialized.<String, StatsDelta, WindowStore<Bytes, byte[]>>as(STATS_STORE)
						.withKeySerde(KEY)
						.withValueSerde(InternalSerdes.statsDelta())
						.withRetention(windows.retention()))
			.toStream(Named.as("window-sums"))
			.map((window, sum) -> KeyValue.pair(PaymentStats.key(window.key(), window.window().startTime()),
					sum.toStats(window.window().startTime(), window.window().endTime())), Named.as("stats"))
			.to(Topic.STATS.topicName(),
					Produced.with(KEY, JsonSerde.of(PaymentStats.class)).withName("merchant-stats"));

		// 11. An attempt paid after it was closed: the merchant order's other open
		// attempts are cancelled on orders.events (an input of this topology, in the
		// same transaction), which the state machine turns into a check that closes
		// them at WeChat. Added last, so that the sub-topologies above keep their
		// numbers (and their tasks and local state) across the upgrade. The retired
		// attempts travel the same repartition topic.
		KStream<String, AttemptFact> retiredAttempts = retired
			.filter((no, retirement) -> retirement.attempt() != null, Named.as("retired-attempt"))
			.map((no, retirement) -> KeyValue.pair(retirement.attempt().merchantOrderKey(), retirement.attempt()),
					Named.as("retired-attempt-by-merchant-order"));
		transitions.mapValues(AttemptFact::of, Named.as("attempt-facts"))
			.filter((no, fact) -> fact != null, Named.as("is-attempt-fact"))
			.selectKey((no, fact) -> fact.merchantOrderKey(), Named.as("attempt-by-merchant-order"))
			.merge(retiredAttempts, Named.as("merge-retired-attempts"))
			.repartition(Repartitioned.<String, AttemptFact>as("attempts-by-merchant-order")
				.withKeySerde(KEY)
				.withValueSerde(InternalSerdes.attemptFact()))
			.process(NewerAttemptCloser::new, Named.as("newer-attempt-closing"),
					addAttemptsByMerchantOrderStore(builder))
			.to(Topic.ORDER_EVENTS.topicName(),
					Produced.with(KEY, JsonSerde.of(OrderEvent.class)).withName("attempt-cancellations"));

		retirements(retired);
	}

	/**
	 * 12. Retired orders: tombstones for their state, their payment notifications and
	 * their refunds, in the transaction that deletes them from the store. Both inputs
	 * skip tombstones (steps 3 and 4).
	 */
	private static void retirements(KStream<String, Retirement> retired) {
		retired.mapValues((retirement) -> (OrderPaymentState) null, Named.as("state-tombstones"))
			.to(Topic.ORDER_STATE.topicName(),
					Produced.with(KEY, JsonSerde.of(OrderPaymentState.class)).withName("retired-states"));
		retired.mapValues((retirement) -> (PaymentNotification) null, Named.as("payment-tombstones"))
			.to(Topic.PAYMENT_NOTIFICATIONS.topicName(),
					Produced.with(KEY, JsonSerde.of(PaymentNotification.class)).withName("retired-payments"));
		retired
			.flatMap((no, retirement) -> retirement.refundKeys()
				.stream()
				.map((refundKey) -> KeyValue.pair(refundKey, (RefundNotification) null))
				.toList(), Named.as("refund-tombstones"))
			.to(Topic.REFUND_NOTIFICATIONS.topicName(),
					Produced.with(KEY, JsonSerde.of(RefundNotification.class)).withName("retired-refunds"));
	}

	private static KeyValue<String, PaidOrder> paidOrder(OrderPaymentState state) {
		PaidOrder paid = PaidOrder.of(state);
		return KeyValue.pair(paid.merchantOrderKey(), paid);
	}

	static StoreBuilder<KeyValueStore<String, OrderPayment>> orderStore() {
		return Stores
			.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDER_STORE), KEY, InternalSerdes.orderPayment())
			.withCachingEnabled();
	}

	static StoreBuilder<KeyValueStore<Bytes, byte[]>> expiryIndexStore() {
		return Stores
			.keyValueStoreBuilder(Stores.persistentKeyValueStore(EXPIRY_INDEX_STORE), Serdes.Bytes(),
					Serdes.ByteArray())
			.withCachingEnabled();
	}

	static StoreBuilder<KeyValueStore<Bytes, byte[]>> retentionIndexStore() {
		return Stores
			.keyValueStoreBuilder(Stores.persistentKeyValueStore(RETENTION_INDEX_STORE), Serdes.Bytes(),
					Serdes.ByteArray())
			.withCachingEnabled();
	}

	static StoreBuilder<KeyValueStore<String, String>> retentionSweepStore() {
		return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RETENTION_SWEEP_STORE), KEY, Serdes.String());
	}

	private static String addAttemptsByMerchantOrderStore(StreamsBuilder builder) {
		builder.addStateStore(Stores.keyValueStoreBuilder(
				Stores.persistentKeyValueStore(ATTEMPTS_BY_MERCHANT_ORDER_STORE), KEY, Serdes.String()));
		return ATTEMPTS_BY_MERCHANT_ORDER_STORE;
	}

	private static String addPaidByMerchantOrderStore(StreamsBuilder builder) {
		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PAID_BY_MERCHANT_ORDER_STORE),
				KEY, Serdes.String()));
		return PAID_BY_MERCHANT_ORDER_STORE;
	}

}
