package io.paytally.dashboard.view;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import io.paytally.dashboard.DashboardSettings;

/**
 * The Kafka Streams instance that keeps the views, started and stopped with the
 * application, and the stores it serves to interactive queries. It only reads our topics
 * ({@code read_committed}); it writes nothing but its stores' changelogs.
 */
public class ViewStreams implements SmartLifecycle, StoreAccess {

	private static final Logger logger = LoggerFactory.getLogger(ViewStreams.class);

	private final Properties properties;

	private final ViewChanges changes;

	private volatile KafkaStreams streams;

	/**
	 * The views' Kafka Streams instance.
	 * @param properties its properties ({@link #properties(Map, DashboardSettings)})
	 * @param changes told of every change of a view
	 */
	public ViewStreams(Properties properties, ViewChanges changes) {
		this.properties = properties;
		this.changes = changes;
	}

	/**
	 * The Kafka Streams properties of the dashboard on top of the given ones (Spring
	 * Boot's {@code spring.kafka.streams.*}: application id, brokers, security and any
	 * {@code spring.kafka.streams.properties.*}); a state directory or replication factor
	 * given there wins over the dashboard's. List values (Boot gives the brokers as a
	 * list) become comma-separated strings.
	 * @param base the Kafka Streams properties built by Spring Boot
	 * @param settings the dashboard's settings
	 */
	public static Properties properties(Map<String, ?> base, DashboardSettings settings) {
		Properties props = new Properties();
		props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toAbsolutePath().toString());
		props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Integer.toString(settings.replicationFactor()));
		base.forEach((key, value) -> props.put(key, (value instanceof Collection<?> list)
				? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value)));
		// a view: a redelivered version is recognised by the order's version and ignored
		props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
		props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(settings.commitInterval().toMillis()));
		props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
		props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
		props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
		// a record the dashboard cannot read is logged and skipped: it must not stop the
		// page
		props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
		props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1");
		props.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
		props.put(StreamsConfig.consumerPrefix(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG), "false");
		props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
		return props;
	}

	@Override
	public void start() {
		KafkaStreams started = new KafkaStreams(ViewTopology.build(this.changes), this.properties);
		started.setUncaughtExceptionHandler((ex) -> {
			logger.error("The dashboard's stream thread failed; replacing it", ex);
			return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
		});
		started.start();
		this.streams = started;
		logger.info("Dashboard views {} reading {} into {}",
				this.properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG),
				this.properties.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG),
				this.properties.getProperty(StreamsConfig.STATE_DIR_CONFIG));
	}

	@Override
	public void stop() {
		KafkaStreams running = this.streams;
		if (running != null) {
			// leave the group: a restarted dashboard gets its partitions at once instead
			// of
			// after the session timeout
			running.close(CloseOptions.timeout(Duration.ofSeconds(30))
				.withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
			this.streams = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.streams != null;
	}

	/** The Kafka Streams state (for health). */
	public KafkaStreams.State state() {
		KafkaStreams running = this.streams;
		return (running != null) ? running.state() : KafkaStreams.State.NOT_RUNNING;
	}

	@Override
	public <V> ReadOnlyKeyValueStore<String, V> store(String name) {
		KafkaStreams running = this.streams;
		if (running == null) {
			throw new ViewsNotReadyException("The views are not running", null);
		}
		try {
			return running
				.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
		}
		catch (InvalidStateStoreException ex) {
			throw new ViewsNotReadyException("The views are restoring (" + running.state() + ")", ex);
		}
	}

}
