package io.paytally.stream.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams configuration of stream-app.
 */
public final class StreamsConfigs {

	private StreamsConfigs() {
	}

	/**
	 * The properties of one Kafka Streams instance.
	 * @param applicationId the application id (consumer group, prefix of internal topics)
	 * @param bootstrapServers the brokers
	 * @param stateDir where RocksDB keeps the stores
	 * @param applicationServer {@code host:port} of this instance's HTTP, for
	 * interactive-query routing; {@code null} for none
	 * @param commitInterval how often a transaction is committed (EOS latency)
	 * @param threads stream threads
	 * @param replicationFactor of the internal topics
	 */
	public static Properties properties(String applicationId, String bootstrapServers, String stateDir,
			String applicationServer, Duration commitInterval, int threads, int replicationFactor) {
		return properties(
				Map.of(StreamsConfig.APPLICATION_ID_CONFIG, applicationId, StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
						bootstrapServers, StreamsConfig.STATE_DIR_CONFIG, stateDir),
				applicationServer, commitInterval, threads, replicationFactor);
	}

	/**
	 * The properties of one Kafka Streams instance on top of the given ones (Spring
	 * Boot's {@code spring.kafka.streams.*}: application id, bootstrap servers, state
	 * directory and any {@code spring.kafka.streams.properties.*}); a replication factor
	 * given there wins over {@code replicationFactor}. List values (Boot gives the
	 * bootstrap servers as a list) become comma-separated strings.
	 * @param base the Kafka Streams properties built by Spring Boot
	 * @param applicationServer {@code host:port} of this instance's HTTP, for
	 * interactive-query routing; {@code null} for none
	 * @param commitInterval how often a transaction is committed (EOS latency)
	 * @param threads stream threads
	 * @param replicationFactor of the internal topics, unless {@code base} has one
	 */
	public static Properties properties(Map<String, ?> base, String applicationServer, Duration commitInterval,
			int threads, int replicationFactor) {
		Properties props = new Properties();
		props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Integer.toString(replicationFactor));
		base.forEach((key, value) -> props.put(key, (value instanceof Collection<?> list)
				? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value)));
		if (applicationServer != null && !applicationServer.isBlank()) {
			props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
		}
		props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
		props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
		props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(threads));
		// explicit serdes everywhere; these defaults only make a forgotten one fail
		// loudly
		props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
		props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
		props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
		props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
		// Process what is buffered instead of waiting for the other input partitions of a
		// task. The state machine takes its inputs in any order across topics (a
		// notification before its order is held, a cancel after the payment does
		// nothing),
		// and with the default (0) Kafka Streams formats a log line for every record
		// while
		// one input partition is empty, which is always (refunds are rare): 15% of the
		// stream thread's time.
		props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1");
		props.put(StreamsConfig.consumerPrefix(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG), "false");
		props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
		// Under exactly-once a reader (read_committed) sees a transaction's records only
		// once it commits, and the commit flushes the producer: lingering up to the
		// commit
		// interval delays nothing anyone reads, and sends a partition's records in one
		// produce request per commit instead of one every few milliseconds per instance.
		// Measured 2026-12-02 (StreamBenchmark, ScalingBenchmark; stream-app README): the
		// producer's network thread was nearly half of an instance's CPU at 5 ms, and
		// notification-to-state p99 fell rather than rose.
		props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG),
				Long.toString(commitInterval.toMillis()));
		// one transaction writes hundreds of records per partition of orders.state and
		// the
		// internal topics: larger batches mean fewer produce requests and appends (the
		// broker's and the producer's CPU per event fell by a third)
		props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), Integer.toString(128 * 1024));
		// a produce right after a commit meets CONCURRENT_TRANSACTIONS until the markers
		// are written: retry soon rather than after the default 100 ms
		props.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), "10");
		return props;
	}

}
