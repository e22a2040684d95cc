package io.paytally.stream.topology;

import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
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
import io.paytally.stream.retention.RetentionSettings;

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

	TopologyDriver t = new TopologyDriver(TopologySettings.DEFAULTS.withRules(PaymentTopologyTest.RULES)
		.withRetention(new RetentionSettings(RETENTION, Duration.ofMinutes(1), 1000)), START);

	TestOutputTopic<String, PaymentNotification> payments = this.t.driver.createOutputTopic(
			Topic.PAYMENT_NOTIFICATIONS.topicName(), new StringDeserializer(), Serdes.paymentNotification());

	TestOutputTopic<String, RefundNotification> refunds = this.t.driver.createOutputTopic(
			Topic.REFUND_NOTIFICATIONS.topicName(), new StringDeserializer(), Serdes.refundNotification());

	@AfterEach
	void close() {
		this.t.close();
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
		return OrderEvent.created(MCHID, outTradeNo, "SO-" + outTradeNo, 1250, "Demo", this.t.now(),
				this.t.now().plus(payableFor));
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
