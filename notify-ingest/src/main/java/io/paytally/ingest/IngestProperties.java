package io.paytally.ingest;

import java.time.Duration;
import java.util.Map;

import io.paytally.schemas.topics.TopicSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * notify-ingest's own settings ({@code paytally.ingest.*}). Merchants are the shared
 * {@code paytally.wechat.*}.
 *
 * @param maxBodySize the largest callback body read; larger ones are refused unread
 * @param replayWindow how far a callback's {@code Wechatpay-Timestamp} may be from now,
 * either way
 * @param ackTimeout how long a callback waits for the broker's acknowledgement before it
 * is answered 503 (below WeChat's 5 s timeout)
 * @param readinessCacheTtl how long a readiness check of the Kafka cluster is reused
 * @param topics how the catalog's topics are created
 * @param producer producer tuning
 * @param refusalWarnPerMinute WARN lines per minute and refusal reason; further refusals
 * of the minute are logged at DEBUG (a flood of forged callbacks must not become a flood
 * of log lines)
 */
@ConfigurationProperties("paytally.ingest")
public record IngestProperties(@DefaultValue("64KB") DataSize maxBodySize, @DefaultValue("5m") Duration replayWindow,
		@DefaultValue("3s") Duration ackTimeout, @DefaultValue("2s") Duration readinessCacheTtl,
		@DefaultValue Topics topics, @DefaultValue Producer producer, @DefaultValue("20") int refusalWarnPerMinute) {

	public IngestProperties {
		if (ackTimeout.isNegative() || ackTimeout.isZero() || ackTimeout.compareTo(Duration.ofMillis(4500)) > 0) {
			throw new IllegalArgumentException("paytally.ingest.ack-timeout must be above 0 and below WeChat's 5 s");
		}
		if (maxBodySize.toBytes() < 1024 || maxBodySize.toBytes() > 16 * 1024 * 1024) {
			throw new IllegalArgumentException("paytally.ingest.max-body-size must be between 1KB and 16MB");
		}
		if (refusalWarnPerMinute < 0) {
			throw new IllegalArgumentException("paytally.ingest.refusal-warn-per-minute must not be negative");
		}
	}

	/**
	 * The catalog's topics.
	 *
	 * @param createMissing whether missing catalog topics are created at start (the only
	 * way topics come to exist: brokers do not auto-create)
	 * @param partitions partitions per topic
	 * @param replicationFactor replicas per partition
	 * @param minInsyncReplicas replicas that must acknowledge a write
	 * @param partitionOverrides partition counts per topic name
	 */
	public record Topics(@DefaultValue("true") boolean createMissing, @DefaultValue("6") int partitions,
			@DefaultValue("1") short replicationFactor, @DefaultValue("1") int minInsyncReplicas,
			Map<String, Integer> partitionOverrides) {

		/** The schemas module's view of these settings. */
		public TopicSettings settings() {
			return new TopicSettings(this.partitions, this.replicationFactor, this.minInsyncReplicas,
					this.partitionOverrides);
		}

	}

	/**
	 * Producer tuning. {@code acks=all}, idempotence and the timeouts derived from
	 * {@code ack-timeout} are not negotiable and are set over anything given here.
	 *
	 * @param linger how long the producer waits to batch concurrent callbacks: 5 ms adds
	 * nothing WeChat notices (it waits 5 s) and takes a fifth of the CPU per callback
	 * under load, as fewer, larger produce requests reach the broker
	 * @param properties further Kafka producer properties
	 */
	public record Producer(@DefaultValue("5ms") Duration linger, Map<String, String> properties) {

		public Producer {
			properties = (properties != null) ? Map.copyOf(properties) : Map.of();
		}

	}

}
