package io.paytally.stream.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.paytally.schemas.AnomalyType;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.RefundStatus;
import io.paytally.schemas.SuggestedAction;
import io.paytally.schemas.TradeState;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import io.paytally.stream.expiry.ExpiryIndexKey;
import io.paytally.stream.payment.OrderPayment;
import io.paytally.stream.retention.RetentionSettings;
import io.paytally.stream.retention.RetentionSweep;
import io.paytally.stream.retention.SweepPosition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Finished orders leave the store and the compacted topics after the retention, through
 * the real topology, wall-clock time advanced by the test.
 */
class RetentionTopologyTest {

	static final String MCHID = PaymentTopologyTest.MCHID;

	static final Instant START = PaymentTopologyTest.START;

	static final Duration RETENTION = Duration.ofDays(10);

	static final String APPLICATION_ID = "paytally-stream-test";

	TopologyDriver t = driver(RetentionSettings.Sweep.DEFAULTS);

	TestOutputTopic<String, PaymentNotification> payments = this.t.driver.createOutputTopic(
			Topic.PAYMENT_NOTIFICATIONS.topicName(), new StringDeserializer(), Serdes.paymentNotification());

	TestOutputTopic<String, RefundNotification> refunds = this.t.driver.createOutputTopic(
			Topic.REFUND_NOTIFICATIONS.topicName(), new StringDeserializer(), Serdes.refundNotification());

	TestOutputTopic<String, String> paidChangelog = changelog(PaymentTopology.PAID_BY_MERCHANT_ORDER_STORE);

	TestOutputTopic<String, String> attemptsChangelog = changelog(PaymentTopology.ATTEMPTS_BY_MERCHANT_ORDER_STORE);

	@AfterEach
	void close() {
		this.t.close();
	}

	static TopologyDriver driver(RetentionSettings.Sweep sweep) {
		return new TopologyDriver(TopologySettings.DEFAULTS.withRules(PaymentTopologyTest.RULES)
			.withRetention(new RetentionSettings(RETENTION, Duration.ofMinutes(1), 1000, sweep)), START);
	}

	/** Another driver (the test's fields were made for the first). */
	private void restartWith(RetentionSettings.Sweep sweep) {
		this.t.close();
		this.t = driver(sweep);
		this.payments = this.t.driver.createOutputTopic(Topic.PAYMENT_NOTIFICATIONS.topicName(),
				new StringDeserializer(), Serdes.paymentNotification());
		this.refunds = this.t.driver.createOutputTopic(Topic.REFUND_NOTIFICATIONS.topicName(), new StringDeserializer(),
				Serdes.refundNotification());
		this.paidChangelog = changelog(PaymentTopology.PAID_BY_MERCHANT_ORDER_STORE);
		this.attemptsChangelog = changelog(PaymentTopology.ATTEMPTS_BY_MERCHANT_ORDER_STORE);
	}

	@Test
	void removesAFinishedOrderPastRetentionAndTombstonesItsStatePaymentsAndRefunds() {
		this.t.pipe(created("A1", Duration.ofMinutes(15)));
		this.t.pipe(success("A1"));
		this.t.pipe(refund("A1", "RA1", 500));
		this.t.states();

		this.t.advance(RETENTION.minusMinutes(1));
		assertThat(this.t.stored(MCHID, "A1")).isNotNull();
		assertThat(this.t.states.readRecordsToList()).isEmpty();

		this.t.advance(Duration.ofMinutes(2));

		assertThat(this.t.stored(MCHID, "A1")).isNull();
		assertThat(this.t.states.readKeyValuesToList()).containsExactly(KeyValue.pair(MCHID + "@A1", null));
		assertThat(this.payments.readKeyValuesToList()).containsExactly(KeyValue.pair(MCHID + "@A1", null));
		assertThat(this.refunds.readKeyValuesToList()).containsExactly(KeyValue.pair(MCHID + "@RA1", null));
		assertThat(retentionEntries()).isZero();
		assertThat(this.t.anomalies()).isEmpty();
	}

	@Test
	void keepsOpenOrdersAndCountsTheRetentionFromAFinishedOrdersLastChange() {
		this.t.pipe(created("OPEN", Duration.ofDays(30)));
		this.t.pipe(created("PAID", Duration.ofMinutes(15)));
		this.t.pipe(success("PAID"));
		this.t.pipe(created("REFUNDED-LATER", Duration.ofMinutes(15)));
		this.t.pipe(success("REFUNDED-LATER"));
		this.t.advance(Duration.ofDays(5));
		this.t.pipe(refund("REFUNDED-LATER", "RL1", 1250));
		this.t.states();

		this.t.advance(Duration.ofDays(5).plusMinutes(1));

		assertThat(this.t.states.readKeyValuesToList()).containsExactly(KeyValue.pair(MCHID + "@PAID", null));
		assertThat(this.t.stored(MCHID, "PAID")).isNull();
		assertThat(this.t.stored(MCHID, "OPEN").status()).isEqualTo(PaymentStatus.PENDING);
		assertThat(this.t.stored(MCHID, "REFUNDED-LATER").status()).isEqualTo(PaymentStatus.REFUNDED);

		this.t.advance(Duration.ofDays(5));

		assertThat(this.t.states.readKeyValuesToList()).containsExactly(KeyValue.pair(MCHID + "@REFUNDED-LATER", null));
		assertThat(this.refunds.readKeyValuesToList()).containsExactly(KeyValue.pair(MCHID + "@RL1", null));
		assertThat(this.t.stored(MCHID, "OPEN").status()).isEqualTo(PaymentStatus.PENDING);
		assertThat(this.payments.readKeyValuesToList()).extracting((kv) -> kv.key)
			.containsExactly(MCHID + "@PAID", MCHID + "@REFUNDED-LATER");
	}

	@Test
	void aLateRefundOfARetiredOrderPublishesNoStateAndIsReportedAsAnUnknownOrder() {
		this.t.pipe(created("A1", Duration.ofMinutes(15)));
		this.t.pipe(success("A1"));
		this.t.advance(RETENTION.plusMinutes(1));
		assertThat(this.t.stored(MCHID, "A1")).isNull();
		this.t.states();

		this.t.pipe(refund("A1", "RA2", 300));
		this.t.advance(PaymentTopologyTest.RULES.unknownOrderGrace().plusSeconds(1));

		assertThat(this.t.states()).isEmpty();
		assertThat(this.t.anomalies())
			.extracting(PaymentAnomaly::type, PaymentAnomaly::outTradeNo, PaymentAnomaly::action)
			.containsExactly(tuple(AnomalyType.UNKNOWN_ORDER, "A1", SuggestedAction.REVIEW));
		assertThat(this.t.stored(MCHID, "A1").heldRefunds()).extracting(RefundNotification::outRefundNo)
			.containsExactly("RA2");

		// reported, the held refund is retired after the retention too
		this.t.advance(RETENTION);
		assertThat(this.t.stored(MCHID, "A1")).isNull();
		assertThat(this.refunds.readKeyValuesToList()).contains(KeyValue.pair(MCHID + "@RA2", null));
		assertThat(this.t.anomalies()).isEmpty();
	}

	@Test
	void ignoresTombstonesOnItsInputTopics() {
		this.t.pipe(created("A1", Duration.ofMinutes(15)));
		this.t.pipe(success("A1"));
		this.t.states();

		this.t.payments.pipeInput(MCHID + "@A1", null, this.t.now());
		this.t.refunds.pipeInput(MCHID + "@RA1", null, this.t.now());

		assertThat(this.t.states()).isEmpty();
		assertThat(this.t.stored(MCHID, "A1").status()).isEqualTo(PaymentStatus.PAID);
		assertThat(this.t.deadLetters.readRecordsToList()).isEmpty();
	}

	// ------------------------------------------------------- merchant-order stores

	@Test
	void retiresAMerchantOrdersPaidAndAttemptEntriesWithItsLastRetiredPaymentOrder() {
		this.t.pipe(created("SO-D-1", "SO-D", Duration.ofMinutes(15)));
		this.t.pipe(success("SO-D-1"));
		this.t.pipe(created("SO-D-2", "SO-D", Duration.ofMinutes(15)));
		this.t.pipe(success("SO-D-2"));
		assertThat(this.t.anomalies()).extracting(PaymentAnomaly::type, PaymentAnomaly::outTradeNo)
			.containsExactly(tuple(AnomalyType.DUPLICATE_PAYMENT, "SO-D-2"));
		assertThat(merchantOrderStores()).containsExactly(
				entry(PaymentTopology.PAID_BY_MERCHANT_ORDER_STORE, "SO-D", "SO-D-1\nSO-D-2"),
				entry(PaymentTopology.ATTEMPTS_BY_MERCHANT_ORDER_STORE, "SO-D", "PAID SO-D-2"));
		this.t.advance(Duration.ofDays(5));
		this.t.pipe(refund("SO-D-2", "RD2", 1250));
		this.t.states();
		this.paidChangelog.readRecordsToList();
		this.attemptsChangelog.readRecordsToList();

		// SO-D-1 retired: it leaves the paid entry; it never was in the attempts' one
		this.t.advance(Duration.ofDays(5).plusMinutes(1));

		assertThat(this.t.states.readKeyValuesToList()).containsExactly(KeyValue.pair(MCHID + "@SO-D-1", null));
		assertThat(merchantOrderStores()).containsExactly(
				entry(PaymentTopology.PAID_BY_MERCHANT_ORDER_STORE, "SO-D", "SO-D-2"),
				entry(PaymentTopology.ATTEMPTS_BY_MERCHANT_ORDER_STORE, "SO-D", "PAID SO-D-2"));
		assertThat(this.paidChangelog.readKeyValuesToList()).containsExactly(KeyValue.pair(MCHID + "@SO-D", "SO-D-2"));
		assertThat(this.attemptsChangelog.readKeyValuesToList()).isEmpty();

		// SO-D-2 retired (its refund restarted its clock): both entries are deleted
		this.t.advance(Duration.ofDays(5));

		assertThat(this.t.states.readKeyValuesToList()).containsExactly(KeyValue.pair(MCHID + "@SO-D-2", null));
		assertThat(merchantOrderStores()).isEmpty();
		assertThat(this.paidChangelog.readKeyValuesToList()).containsExactly(KeyValue.pair(MCHID + "@SO-D", null));
		assertThat(this.attemptsChangelog.readKeyValuesToList()).containsExactly(KeyValue.pair(MCHID + "@SO-D", null));
		assertThat(this.t.anomalies()).isEmpty();
		assertThat(this.t.producedOrderEvents.isEmpty()).isTrue();
	}

	@Test
	void retiresAnAttemptPaidAfterCloseAndTheAttemptItCancelledFromTheMerchantOrdersEntries() {
		this.t.pipe(created("SO-C-1", "SO-C", Duration.ofSeconds(1)));
		this.t.advanceBySeconds(1);
		this.t.pipe(activeQuery("SO-C-1", TradeState.CLOSED));
		this.t.pipe(created("SO-C-2", "SO-C", Duration.ofMinutes(15)));
		this.t.pipe(success("SO-C-1"));
		assertThat(this.t.producedOrderEvents.readValuesToList()).extracting(OrderEvent::type, OrderEvent::outTradeNo)
			.containsExactly(tuple(OrderEvent.Type.CANCELLED, "SO-C-2"));
		this.t.pipe(activeQuery("SO-C-2", TradeState.CLOSED));
		assertThat(this.t.stored(MCHID, "SO-C-2").status()).isEqualTo(PaymentStatus.CLOSED);
		assertThat(merchantOrderStores()).containsExactly(
				entry(PaymentTopology.PAID_BY_MERCHANT_ORDER_STORE, "SO-C", "SO-C-1"),
				entry(PaymentTopology.ATTEMPTS_BY_MERCHANT_ORDER_STORE, "SO-C",
						"CANCEL_SENT SO-C-2\nPAID_AFTER_CLOSE SO-C-1"));
		this.t.states();
		this.t.anomalies();
		this.paidChangelog.readRecordsToList();
		this.attemptsChangelog.readRecordsToList();

		this.t.advance(RETENTION.plusMinutes(1));

		assertThat(this.t.states.readKeyValuesToList())
			.containsExactlyInAnyOrder(KeyValue.pair(MCHID + "@SO-C-1", null), KeyValue.pair(MCHID + "@SO-C-2", null));
		assertThat(merchantOrderStores()).isEmpty();
		assertThat(this.paidChangelog.readKeyValuesToList()).containsExactly(KeyValue.pair(MCHID + "@SO-C", null));
		assertThat(this.attemptsChangelog.readKeyValuesToList()).containsExactly(
				KeyValue.pair(MCHID + "@SO-C", "CANCEL_SENT SO-C-2"), KeyValue.pair(MCHID + "@SO-C", null));
		assertThat(this.t.anomalies()).isEmpty();
		assertThat(this.t.producedOrderEvents.isEmpty()).isTrue();
	}

	@Test
	void keepsItsSubTopologiesAcrossTheUpgrade() {
		TopologyDescription description = PaymentTopology.build(TopologySettings.DEFAULTS).describe();

		Map<Integer, List<Set<String>>> subtopologies = new TreeMap<>();
		for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
			Set<String> topics = new TreeSet<>();
			Set<String> stores = new TreeSet<>();
			for (TopologyDescription.Node node : subtopology.nodes()) {
				if (node instanceof TopologyDescription.Source source) {
					topics.addAll(source.topicSet());
				}
				if (node instanceof TopologyDescription.Processor processor) {
					stores.addAll(processor.stores());
				}
			}
			subtopologies.put(subtopology.id(), List.of(topics, stores));
		}

		assertThat(subtopologies).containsExactly(
				Map.entry(0,
						List.of(Set.of("orders.events", "wxpay.payment-notifications", "refunds-by-order-repartition",
								"paid-by-merchant-order-repartition"),
								Set.of("orders", "expiry-index", "retention-index", "retention-sweep",
										"paid-by-merchant-order"))),
				Map.entry(1, List.of(Set.of("wxpay.refund-notifications"), Set.of())),
				Map.entry(2, List.of(Set.of("stats-by-merchant-repartition"), Set.of("merchant-stats"))),
				Map.entry(3, List.of(Set.of("attempts-by-merchant-order-repartition"),
						Set.of("attempts-by-merchant-order"))));
	}

	// ------------------------------------------------------------------- the sweep

	@Test
	void sweepsTheOrdersStoredBeforeTheRetentionSliceBySliceAndRetiresThem() {
		restartWith(new RetentionSettings.Sweep(true, Duration.ofSeconds(1), 2));
		Instant longAgo = START.minus(Duration.ofDays(30));
		Instant yesterday = START.minus(Duration.ofDays(1));
		storeOrdersOfBeforeTheRetention(longAgo, yesterday);

		this.t.advance(Duration.ofSeconds(1));
		assertThat(retentionIndex()).containsExactly(index(longAgo.plus(RETENTION), "OLD-1"),
				index(longAgo.plus(RETENTION), "OLD-2"));
		assertThat(sweepPosition()).isEqualTo(SweepPosition.after(RETENTION, MCHID + "@OLD-2"));

		this.t.advance(Duration.ofSeconds(1));
		assertThat(retentionIndex()).containsExactly(index(longAgo.plus(RETENTION), "OLD-1"),
				index(longAgo.plus(RETENTION), "OLD-2"), index(longAgo.plus(RETENTION), "OLD-3"));
		assertThat(sweepPosition()).isEqualTo(SweepPosition.after(RETENTION, MCHID + "@OPEN-1"));

		this.t.advance(Duration.ofSeconds(1));
		assertThat(retentionIndex()).containsExactly(index(longAgo.plus(RETENTION), "OLD-1"),
				index(longAgo.plus(RETENTION), "OLD-2"), index(longAgo.plus(RETENTION), "OLD-3"),
				index(yesterday.plus(RETENTION), "YOUNG"));
		assertThat(sweepPosition()).isEqualTo(SweepPosition.done(RETENTION));
		assertThat(this.t.states.readRecordsToList()).isEmpty();

		// the next retention scan retires what the sweep indexed
		this.t.advance(Duration.ofMinutes(1));

		assertThat(this.t.states.readKeyValuesToList()).containsExactly(KeyValue.pair(MCHID + "@OLD-1", null),
				KeyValue.pair(MCHID + "@OLD-2", null), KeyValue.pair(MCHID + "@OLD-3", null));
		assertThat(this.payments.readKeyValuesToList()).containsExactly(KeyValue.pair(MCHID + "@OLD-1", null),
				KeyValue.pair(MCHID + "@OLD-2", null), KeyValue.pair(MCHID + "@OLD-3", null));
		assertThat(this.refunds.readKeyValuesToList()).containsExactly(KeyValue.pair(MCHID + "@R-OLD-2", null));
		// the entry the test stored, then the retirement's tombstone
		assertThat(this.paidChangelog.readKeyValuesToList())
			.containsExactly(KeyValue.pair(MCHID + "@SO-OLD-1", "OLD-1"), KeyValue.pair(MCHID + "@SO-OLD-1", null));
		assertThat(storedKeys()).containsExactly(MCHID + "@OPEN-1", MCHID + "@YOUNG");
		assertThat(retentionIndex()).containsExactly(index(yesterday.plus(RETENTION), "YOUNG"));
		assertThat(merchantOrderStores()).isEmpty();
		assertThat(this.t.anomalies()).isEmpty();

		// done: nothing more is swept
		this.t.advance(Duration.ofSeconds(1));
		assertThat(retentionIndex()).containsExactly(index(yesterday.plus(RETENTION), "YOUNG"));
	}

	@Test
	void resumesTheSweepFromItsStoredPosition() {
		restartWith(new RetentionSettings.Sweep(true, Duration.ofSeconds(1), 2));
		Instant longAgo = START.minus(Duration.ofDays(30));
		storeOrdersOfBeforeTheRetention(longAgo, START);
		sweepPositions().put(RetentionSweep.POSITION_KEY, SweepPosition.after(RETENTION, MCHID + "@OLD-2").encode());

		this.t.advance(Duration.ofSeconds(1));

		assertThat(retentionIndex()).containsExactly(index(longAgo.plus(RETENTION), "OLD-3"));
		assertThat(sweepPosition()).isEqualTo(SweepPosition.after(RETENTION, MCHID + "@OPEN-1"));
	}

	@Test
	void sweepsAgainWhenTheRetentionChanged() {
		restartWith(new RetentionSettings.Sweep(true, Duration.ofSeconds(1), 10));
		Instant longAgo = START.minus(Duration.ofDays(30));
		storeOrdersOfBeforeTheRetention(longAgo, START);
		sweepPositions().put(RetentionSweep.POSITION_KEY, SweepPosition.done(Duration.ofDays(400)).encode());

		this.t.advance(Duration.ofSeconds(1));

		assertThat(retentionIndex()).containsExactly(index(longAgo.plus(RETENTION), "OLD-1"),
				index(longAgo.plus(RETENTION), "OLD-2"), index(longAgo.plus(RETENTION), "OLD-3"),
				index(START.plus(RETENTION), "YOUNG"));
		assertThat(sweepPosition()).isEqualTo(SweepPosition.done(RETENTION));
	}

	@Test
	void leavesTheOrdersStoredBeforeTheRetentionAloneWhenTheSweepIsOff() {
		restartWith(RetentionSettings.Sweep.OFF);
		storeOrdersOfBeforeTheRetention(START.minus(Duration.ofDays(30)), START);

		this.t.advance(Duration.ofMinutes(1));
		this.t.advance(RETENTION);

		assertThat(storedKeys()).containsExactly(MCHID + "@OLD-1", MCHID + "@OLD-2", MCHID + "@OLD-3",
				MCHID + "@OPEN-1", MCHID + "@YOUNG");
		assertThat(retentionIndex()).isEmpty();
		assertThat(sweepPosition()).isNull();
		assertThat(this.t.states.readRecordsToList()).isEmpty();
		assertThat(this.payments.readRecordsToList()).isEmpty();
	}

	@Test
	void retiresOrMovesAnEntryWrittenUnderAnotherRetention() {
		restartWith(RetentionSettings.Sweep.OFF);
		Instant longAgo = START.minus(Duration.ofDays(30));
		storeOrdersOfBeforeTheRetention(longAgo, START);
		KeyValueStore<Bytes, byte[]> index = this.t.driver.getKeyValueStore(PaymentTopology.RETENTION_INDEX_STORE);
		// a shorter retention's entry for YOUNG, a longer one's for OLD-1: both due now
		index.put(index(START.plusSeconds(30), "YOUNG").encode(), new byte[0]);
		index.put(index(START.plusSeconds(30), "OLD-1").encode(), new byte[0]);

		this.t.advance(Duration.ofMinutes(1));

		assertThat(this.t.states.readKeyValuesToList()).containsExactly(KeyValue.pair(MCHID + "@OLD-1", null));
		assertThat(this.payments.readKeyValuesToList()).containsExactly(KeyValue.pair(MCHID + "@OLD-1", null));
		assertThat(retentionIndex()).containsExactly(index(START.plus(RETENTION), "YOUNG"));
		assertThat(storedKeys()).containsExactly(MCHID + "@OLD-2", MCHID + "@OLD-3", MCHID + "@OPEN-1",
				MCHID + "@YOUNG");
	}

	/**
	 * Orders as a store kept them before the retention was deployed, without index
	 * entries: OLD-1 to OLD-3 paid {@code longAgo} (OLD-2 with a refund, OLD-1 with its
	 * merchant order's paid entry), OPEN-1 pending, YOUNG paid {@code recently}.
	 */
	private void storeOrdersOfBeforeTheRetention(Instant longAgo, Instant recently) {
		KeyValueStore<String, OrderPayment> orders = this.t.driver.getKeyValueStore(PaymentTopology.ORDER_STORE);
		orders.put(MCHID + "@OLD-1", paidOrder("OLD-1", longAgo, false));
		orders.put(MCHID + "@OLD-2", paidOrder("OLD-2", longAgo, true));
		orders.put(MCHID + "@OLD-3", paidOrder("OLD-3", longAgo, false));
		orders.put(MCHID + "@OPEN-1",
				OrderPayment.unknown()
					.create(OrderEvent.created(MCHID, "OPEN-1", "SO-OPEN-1", 1250, "Demo", longAgo,
							START.plus(Duration.ofDays(3))), longAgo, PaymentTopologyTest.RULES)
					.next());
		orders.put(MCHID + "@YOUNG", paidOrder("YOUNG", recently, false));
		KeyValueStore<String, String> paid = this.t.driver
			.getKeyValueStore(PaymentTopology.PAID_BY_MERCHANT_ORDER_STORE);
		paid.put(MCHID + "@SO-OLD-1", "OLD-1");
	}

	private static OrderPayment paidOrder(String outTradeNo, Instant at, boolean refunded) {
		OrderPayment order = OrderPayment.unknown()
			.create(OrderEvent.created(MCHID, outTradeNo, "SO-" + outTradeNo, 1250, "Demo", at,
					at.plus(Duration.ofMinutes(15))), at, PaymentTopologyTest.RULES)
			.next();
		order = order
			.payment(new PaymentNotification("EV-" + outTradeNo, NotificationSource.CALLBACK_V3, MCHID,
					"wx0000000000demo01", outTradeNo, "TX-" + outTradeNo, TradeState.SUCCESS, "JSAPI", "OTHERS", 1250,
					1250L, "CNY", at, null, at), at, PaymentTopologyTest.RULES)
			.next();
		if (refunded) {
			order = order
				.refund(new RefundNotification("EV-R-" + outTradeNo, NotificationSource.CALLBACK_V3, MCHID, outTradeNo,
						"TX-" + outTradeNo, "R-" + outTradeNo, "503" + outTradeNo, RefundStatus.SUCCESS, 1250, 500,
						1250L, 500L, at, at), at, PaymentTopologyTest.RULES)
				.next();
		}
		return order;
	}

	private static ExpiryIndexKey index(Instant at, String outTradeNo) {
		return new ExpiryIndexKey(at, MCHID + "@" + outTradeNo);
	}

	private List<ExpiryIndexKey> retentionIndex() {
		KeyValueStore<Bytes, byte[]> store = this.t.driver.getKeyValueStore(PaymentTopology.RETENTION_INDEX_STORE);
		List<ExpiryIndexKey> entries = new ArrayList<>();
		try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
			it.forEachRemaining((entry) -> entries.add(ExpiryIndexKey.decode(entry.key)));
		}
		return entries;
	}

	private List<String> storedKeys() {
		KeyValueStore<String, OrderPayment> store = this.t.driver.getKeyValueStore(PaymentTopology.ORDER_STORE);
		List<String> keys = new ArrayList<>();
		try (KeyValueIterator<String, OrderPayment> it = store.all()) {
			it.forEachRemaining((entry) -> keys.add(entry.key));
		}
		return keys;
	}

	private KeyValueStore<String, String> sweepPositions() {
		return this.t.driver.getKeyValueStore(PaymentTopology.RETENTION_SWEEP_STORE);
	}

	private SweepPosition sweepPosition() {
		return SweepPosition.decode(sweepPositions().get(RetentionSweep.POSITION_KEY));
	}

	/** Every entry of the two stores by merchant order: store, merchant order, value. */
	private List<List<String>> merchantOrderStores() {
		List<List<String>> entries = new ArrayList<>();
		for (String name : List.of(PaymentTopology.PAID_BY_MERCHANT_ORDER_STORE,
				PaymentTopology.ATTEMPTS_BY_MERCHANT_ORDER_STORE)) {
			KeyValueStore<String, String> store = this.t.driver.getKeyValueStore(name);
			try (KeyValueIterator<String, String> it = store.all()) {
				it.forEachRemaining((entry) -> entries.add(List.of(name, entry.key, entry.value)));
			}
		}
		return entries;
	}

	private static List<String> entry(String store, String merchantOrderNo, String value) {
		return List.of(store, MCHID + "@" + merchantOrderNo, value);
	}

	private TestOutputTopic<String, String> changelog(String store) {
		return this.t.driver.createOutputTopic(APPLICATION_ID + "-" + store + "-changelog", new StringDeserializer(),
				new StringDeserializer());
	}

	private long retentionEntries() {
		KeyValueStore<Bytes, byte[]> store = this.t.driver.getKeyValueStore(PaymentTopology.RETENTION_INDEX_STORE);
		long count = 0;
		try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
			while (it.hasNext()) {
				it.next();
				count++;
			}
		}
		return count;
	}

	OrderEvent created(String outTradeNo, Duration payableFor) {
		return created(outTradeNo, "SO-" + outTradeNo, payableFor);
	}

	OrderEvent created(String outTradeNo, String merchantOrderNo, Duration payableFor) {
		return OrderEvent.created(MCHID, outTradeNo, merchantOrderNo, 1250, "Demo", this.t.now(),
				this.t.now().plus(payableFor));
	}

	PaymentNotification activeQuery(String outTradeNo, TradeState tradeState) {
		return new PaymentNotification("AQ-" + outTradeNo, NotificationSource.ACTIVE_QUERY, MCHID, "wx0000000000demo01",
				outTradeNo, null, tradeState, null, null, 1250, null, "CNY", null, null, this.t.now());
	}

	PaymentNotification success(String outTradeNo) {
		return new PaymentNotification("EV-" + outTradeNo, NotificationSource.CALLBACK_V3, MCHID, "wx0000000000demo01",
				outTradeNo, "TX-" + outTradeNo, TradeState.SUCCESS, "JSAPI", "OTHERS", 1250, 1250L, "CNY", this.t.now(),
				null, this.t.now());
	}

	RefundNotification refund(String outTradeNo, String outRefundNo, long amount) {
		return new RefundNotification("EV-" + outRefundNo, NotificationSource.CALLBACK_V3, MCHID, outTradeNo,
				"TX-" + outTradeNo, outRefundNo, "503" + outRefundNo, RefundStatus.SUCCESS, 1250, amount, 1250L, amount,
				this.t.now(), this.t.now());
	}

}
