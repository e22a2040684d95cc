package io.paytally.local.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.MerchantKey;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;

/**
 * Watches the topics a dashboard would watch, as committed ({@code read_committed}): the
 * latest state of every order, the anomalies, the expiry checks, the payment
 * notifications by source and the statements. Runs on its own thread until closed.
 */
public final class StateWatcher implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(StateWatcher.class);

	private final Map<String, OrderPaymentState> states = new ConcurrentHashMap<>();

	private final Map<String, PaymentAnomaly> anomalies = new ConcurrentHashMap<>();

	private final Map<String, DailyStatement> statements = new ConcurrentHashMap<>();

	private final Map<NotificationSource, AtomicLong> notifications = new EnumMap<>(NotificationSource.class);

	private final AtomicLong expiryChecks = new AtomicLong();

	private final Map<PaymentStatus, AtomicLong> statusCounts = new EnumMap<>(PaymentStatus.class);

	private volatile long lastCallbackNanos;

	private volatile long lastStateNanos;

	private final KafkaConsumer<String, byte[]> consumer;

	private final Thread thread;

	private volatile boolean running = true;

	private final String bootstrapServers;

	public StateWatcher(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
		for (NotificationSource source : NotificationSource.values()) {
			this.notifications.put(source, new AtomicLong());
		}
		for (PaymentStatus status : PaymentStatus.values()) {
			this.statusCounts.put(status, new AtomicLong());
		}
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
				false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000, ConsumerConfig.CLIENT_ID_CONFIG,
				"paytally-local-watcher"), new StringDeserializer(), new ByteArrayDeserializer());
		List<TopicPartition> partitions = new ArrayList<>();
		for (Topic topic : List.of(Topic.ORDER_STATE, Topic.ANOMALIES, Topic.EXPIRY_CHECKS, Topic.PAYMENT_NOTIFICATIONS,
				Topic.REFUND_NOTIFICATIONS, Topic.STATEMENTS)) {
			for (PartitionInfo info : this.consumer.partitionsFor(topic.topicName(), Duration.ofSeconds(30))) {
				partitions.add(new TopicPartition(info.topic(), info.partition()));
			}
		}
		this.consumer.assign(partitions);
		this.consumer.seekToBeginning(partitions);
		this.thread = new Thread(this::run, "paytally-state-watcher");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void run() {
		try {
			while (this.running) {
				for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(200))) {
					accept(record);
				}
			}
		}
		catch (WakeupException ex) {
			// closing
		}
		catch (RuntimeException ex) {
			logger.error("The state watcher stopped: {}", ex.toString(), ex);
		}
		finally {
			this.consumer.close(Duration.ofSeconds(2));
		}
	}

	private void accept(ConsumerRecord<String, byte[]> record) {
		String topic = record.topic();
		if (record.value() == null) {
			if (topic.equals(Topic.ORDER_STATE.topicName())) {
				count(this.states.remove(record.key()), null);
			}
			return;
		}
		try {
			if (topic.equals(Topic.ORDER_STATE.topicName())) {
				OrderPaymentState state = Serdes.orderPaymentState().deserialize(topic, record.value());
				count(this.states.put(record.key(), state), state);
				this.lastStateNanos = System.nanoTime();
			}
			else if (topic.equals(Topic.ANOMALIES.topicName())) {
				PaymentAnomaly anomaly = Serdes.paymentAnomaly().deserialize(topic, record.value());
				this.anomalies.put(anomaly.anomalyId(), anomaly);
			}
			else if (topic.equals(Topic.EXPIRY_CHECKS.topicName())) {
				this.expiryChecks.incrementAndGet();
			}
			else if (topic.equals(Topic.PAYMENT_NOTIFICATIONS.topicName())) {
				PaymentNotification notification = Serdes.paymentNotification().deserialize(topic, record.value());
				if (notification.source() != null) {
					this.notifications.get(notification.source()).incrementAndGet();
				}
				if (notification.source() == NotificationSource.CALLBACK_V3
						|| notification.source() == NotificationSource.CALLBACK_V2) {
					this.lastCallbackNanos = System.nanoTime();
				}
			}
			else if (topic.equals(Topic.REFUND_NOTIFICATIONS.topicName())) {
				this.lastCallbackNanos = System.nanoTime();
			}
			else if (topic.equals(Topic.STATEMENTS.topicName())) {
				this.statements.put(record.key(), Serdes.dailyStatement().deserialize(topic, record.value()));
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Unreadable record on {} at offset {}: {}", topic, record.offset(), ex.toString());
		}
	}

	/**
	 * Keeps the count per status as the state of an order moves (only this thread
	 * writes).
	 */
	private void count(OrderPaymentState before, OrderPaymentState after) {
		if (before != null && before.status() != null) {
			this.statusCounts.get(before.status()).decrementAndGet();
		}
		if (after != null && after.status() != null) {
			this.statusCounts.get(after.status()).incrementAndGet();
		}
	}

	/** The latest state of a merchant's order, null when none was published. */
	/** The Kafka cluster it watches. */
	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	public OrderPaymentState state(String mchid, String outTradeNo) {
		return this.states.get(MerchantKey.encode(mchid, outTradeNo));
	}

	/**
	 * The latest state of every order seen, by its key ({@code mchid@out_trade_no}): a
	 * live, read-only view (no copy of a day's orders; it moves on while it is read).
	 */
	public Map<String, OrderPaymentState> states() {
		return Collections.unmodifiableMap(this.states);
	}

	/** Every anomaly seen, by anomaly id. */
	public List<PaymentAnomaly> anomalies() {
		return List.copyOf(this.anomalies.values());
	}

	/** How many anomalies were seen (distinct ids), without copying them. */
	public int anomalyCount() {
		return this.anomalies.size();
	}

	/**
	 * The time ({@link System#nanoTime()}) the last callback was seen: a payment callback
	 * (v3 or v2) on {@code wxpay.payment-notifications} or a refund on
	 * {@code wxpay.refund-notifications}; 0 when none was.
	 */
	public long lastCallbackNanos() {
		return this.lastCallbackNanos;
	}

	/**
	 * The time ({@link System#nanoTime()}) the last change of an order was seen on
	 * {@code orders.state}; 0 when none was.
	 */
	public long lastStateNanos() {
		return this.lastStateNanos;
	}

	/** The statements seen, by key ({@code mchid@date}). */
	public Map<String, DailyStatement> statements() {
		return Map.copyOf(this.statements);
	}

	/**
	 * How many orders are in each state now: counted as the states arrive, so asking
	 * costs nothing however many orders the day has.
	 */
	public Map<PaymentStatus, Long> countByStatus() {
		Map<PaymentStatus, Long> counts = new EnumMap<>(PaymentStatus.class);
		this.statusCounts.forEach((status, count) -> counts.put(status, count.get()));
		return counts;
	}

	/** Payment notifications seen, by source. */
	public long notifications(NotificationSource source) {
		return this.notifications.get(source).get();
	}

	/** Expiry checks seen. */
	public long expiryChecks() {
		return this.expiryChecks.get();
	}

	@Override
	public void close() {
		this.running = false;
		this.consumer.wakeup();
		try {
			this.thread.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
