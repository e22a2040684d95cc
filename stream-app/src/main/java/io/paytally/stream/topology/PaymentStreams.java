package io.paytally.stream.topology;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.paytally.schemas.topics.TopicCatalog;
import io.paytally.schemas.topics.TopicSettings;

/**
 * Runs the payment topology: creates the catalog's missing topics (if asked), then starts
 * Kafka Streams and binds its metrics (process rates, lag, commit latency, state stores)
 * to the meter registry, so that they reach {@code /actuator/prometheus}; closes both on
 * stop. Built by hand, not by Spring's factory bean, so that tests can drive the same
 * topology with a TopologyTestDriver.
 */
public class PaymentStreams implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PaymentStreams.class);

	private final Topology topology;

	private final Properties properties;

	private final TopicSettings topicSettings;

	private volatile KafkaStreams streams;

	private MeterRegistry meterRegistry;

	private KafkaStreamsMetrics metrics;

	/**
	 * @param topology the topology to run
	 * @param properties the Kafka Streams properties
	 * @param topicSettings how to create the catalog's missing topics; {@code null} not
	 * to create them
	 */
	public PaymentStreams(Topology topology, Properties properties, TopicSettings topicSettings) {
		this.topology = topology;
		this.properties = properties;
		this.topicSettings = topicSettings;
	}

	@Override
	public void start() {
		if (this.topicSettings != null) {
			try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
					this.properties.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)))) {
				List<String> created = new TopicCatalog(this.topicSettings).createMissing(admin);
				if (!created.isEmpty()) {
					log.info("Created topics {}", created);
				}
			}
		}
		KafkaStreams streams = new KafkaStreams(this.topology, this.properties);
		streams.setUncaughtExceptionHandler((ex) -> {
			log.error("A stream thread died; replacing it", ex);
			return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
		});
		if (this.meterRegistry != null) {
			this.metrics = new KafkaStreamsMetrics(streams);
			this.metrics.bindTo(this.meterRegistry);
		}
		streams.start();
		this.streams = streams;
		log.info("Kafka Streams {} started", this.properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
	}

	/** Where the Kafka Streams metrics go, from the next start on. */
	public void setMeterRegistry(MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	@Override
	public void stop() {
		KafkaStreams streams = this.streams;
		if (streams != null) {
			closeMetrics();
			streams.close(Duration.ofSeconds(30));
			this.streams = null;
		}
	}

	private void closeMetrics() {
		if (this.metrics != null) {
			this.metrics.close();
			this.metrics = null;
		}
	}

	/**
	 * Stops at once without a clean shutdown of the stream threads' work: for fault
	 * tests.
	 */
	public void halt() {
		KafkaStreams streams = this.streams;
		if (streams != null) {
			closeMetrics();
			streams.close(Duration.ZERO);
			this.streams = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.streams != null;
	}

	/** The running Kafka Streams. */
	public KafkaStreams kafkaStreams() {
		KafkaStreams streams = this.streams;
		if (streams == null) {
			throw new IllegalStateException("Kafka Streams is not running");
		}
		return streams;
	}

	/** This instance's {@code application.server}, if set. */
	public String applicationServer() {
		return this.properties.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG);
	}

}
