package io.paytally.stream.topology;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.streams.state.KeyValueStore;

import io.paytally.schemas.ExpiryCheck;
import io.paytally.schemas.MerchantKey;
import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.PaymentStats;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import io.paytally.stream.internal.StreamsConfigs;
import io.paytally.stream.payment.OrderPayment;

/**
 * The topology under a {@link TopologyTestDriver}, with its topics typed and the wall
 * clock in the test's hands.
 */
final class TopologyDriver implements AutoCloseable {

	final TopologyTestDriver driver;

	final TestInputTopic<String, OrderEvent> orderEvents;

	final TestInputTopic<String, PaymentNotification> payments;

	final TestInputTopic<String, RefundNotification> refunds;

	final TestInputTopic<byte[], byte[]> rawOrderEvents;

	final TestOutputTopic<String, OrderPaymentState> states;

	final TestOutputTopic<String, ExpiryCheck> checks;

	final TestOutputTopic<String, PaymentAnomaly> anomalies;

	final TestOutputTopic<String, PaymentStats> stats;

	final TestOutputTopic<String, OrderEvent> producedOrderEvents;

	final TestOutputTopic<byte[], byte[]> deadLetters;

	private final Path stateDir;

	private Instant now;

	TopologyDriver(TopologySettings settings, Instant start) {
		this(settings, start, new Properties());
	}

	/** The topology with some Kafka Streams settings overridden. */
	TopologyDriver(TopologySettings settings, Instant start, Properties overrides) {
		try {
			this.stateDir = Files.createTempDirectory("paytally-ttd");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		Properties props = StreamsConfigs.properties("paytally-stream-test", "dummy:9092", this.stateDir.toString(),
				null, Duration.ofMillis(100), 1, 1);
		props.putAll(overrides);
		this.now = start;
		this.driver = new TopologyTestDriver(PaymentTopology.build(settings), props, start);
		StringSerializer keys = new StringSerializer();
		this.orderEvents = this.driver.createInputTopic(Topic.ORDER_EVENTS.topicName(), keys, Serdes.orderEvent());
		this.payments = this.driver.createInputTopic(Topic.PAYMENT_NOTIFICATIONS.topicName(), keys,
				Serdes.paymentNotification());
		this.refunds = this.driver.createInputTopic(Topic.REFUND_NOTIFICATIONS.topicName(), keys,
				Serdes.refundNotification());
		this.rawOrderEvents = this.driver.createInputTopic(Topic.ORDER_EVENTS.topicName(), new ByteArraySerializer(),
				new ByteArraySerializer());
		StringDeserializer keyReader = new StringDeserializer();
		this.states = this.driver.createOutputTopic(Topic.ORDER_STATE.topicName(), keyReader,
				Serdes.orderPaymentState());
		this.checks = this.driver.createOutputTopic(Topic.EXPIRY_CHECKS.topicName(), keyReader, Serdes.expiryCheck());
		this.anomalies = this.driver.createOutputTopic(Topic.ANOMALIES.topicName(), keyReader, Serdes.paymentAnomaly());
		this.stats = this.driver.createOutputTopic(Topic.STATS.topicName(), keyReader, Serdes.paymentStats());
		this.producedOrderEvents = this.driver.createOutputTopic(Topic.ORDER_EVENTS.topicName(), keyReader,
				Serdes.orderEvent());
		this.deadLetters = this.driver.createOutputTopic(Topic.DEAD_LETTERS.topicName(), new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
	}

	Instant now() {
		return this.now;
	}

	/** Lets wall-clock time pass (punctuators run). */
	void advance(Duration duration) {
		this.now = this.now.plus(duration);
		this.driver.advanceWallClockTime(duration);
	}

	/** Lets wall-clock time pass in steps of one second. */
	void advanceBySeconds(long seconds) {
		for (long i = 0; i < seconds; i++) {
			advance(Duration.ofSeconds(1));
		}
	}

	void pipe(OrderEvent event) {
		this.orderEvents.pipeInput(new TestRecord<>(event.key(), event, this.now));
	}

	void pipe(PaymentNotification notification) {
		this.payments.pipeInput(new TestRecord<>(notification.key(), notification, this.now));
	}

	/** An order event with another record time than the wall clock's (a backlog). */
	void pipe(OrderEvent event, Instant timestamp) {
		this.orderEvents.pipeInput(new TestRecord<>(event.key(), event, timestamp));
	}

	/** A payment notification with another record time than the wall clock's. */
	void pipe(PaymentNotification notification, Instant timestamp) {
		this.payments.pipeInput(new TestRecord<>(notification.key(), notification, timestamp));
	}

	void pipe(RefundNotification notification) {
		this.refunds.pipeInput(new TestRecord<>(notification.key(), notification, this.now));
	}

	List<OrderPaymentState> states() {
		return this.states.readValuesToList();
	}

	List<TestRecord<String, OrderPaymentState>> stateRecords() {
		return this.states.readRecordsToList();
	}

	List<KeyValue<String, ExpiryCheck>> checks() {
		return this.checks.readKeyValuesToList();
	}

	List<PaymentAnomaly> anomalies() {
		return this.anomalies.readValuesToList();
	}

	OrderPayment stored(String mchid, String outTradeNo) {
		KeyValueStore<String, OrderPayment> store = this.driver.getKeyValueStore(PaymentTopology.ORDER_STORE);
		return store.get(MerchantKey.encode(mchid, outTradeNo));
	}

	@Override
	public void close() {
		this.driver.close();
		org.springframework.util.FileSystemUtils.deleteRecursively(this.stateDir.toFile());
	}

}
