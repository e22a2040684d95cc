package io.paytally.ingest;

import java.time.Duration;
import java.util.List;
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
 * @param edge who is calling: trusted proxies and the limit on sources of refusals
 */
@ConfigurationProperties("paytally.ingest")
public record IngestProperties(@DefaultValue("64KB") DataSize maxBodySize, @DefaultValue("5m") Duration replayWindow,
		@DefaultValue("3s") Duration ackTimeout, @DefaultValue("2s") Duration readinessCacheTtl,
		@DefaultValue Topics topics, @DefaultValue Producer producer, @DefaultValue("20") int refusalWarnPerMinute,
		@DefaultValue Edge edge) {

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

	/**
	 * The public edge: where a callback comes from, and what a source that keeps sending
	 * refused callbacks gets.
	 *
	 * @param trustedProxies addresses or CIDR ranges (e.g. {@code 10.0.0.0/8},
	 * {@code 2001:db8::/32}) of the load balancers in front of the service: only from
	 * these is {@code X-Forwarded-For} read, and the source is its right-most address not
	 * among them. None by default: the source is the peer and the header is ignored
	 * @param sourceLimit the limit on sources of refused callbacks
	 */
	public record Edge(List<String> trustedProxies, @DefaultValue SourceLimit sourceLimit) {

		public Edge {
			trustedProxies = (trustedProxies != null) ? List.copyOf(trustedProxies) : List.of();
		}

	}

	/**
	 * A source (an IPv4 address, or an IPv6 /64) that has had {@code maxRefusals}
	 * callbacks refused within {@code window} is answered 429 for {@code hold}, before
	 * its callbacks are read or verified, after a {@code tarpit} delay that holds no
	 * thread.
	 *
	 * @param enabled off by default: behind a load balancer that is not among the trusted
	 * proxies every callback comes from the balancer's address, and a forger would get
	 * WeChat's own callbacks refused with its own
	 * @param maxRefusals refusals within the window that limit a source
	 * @param window the window refusals are counted in
	 * @param hold how long a source stays limited; released after it
	 * @param tarpit how long the answer to a limited source's callback is held back
	 * @param maxHeld answers held back at once; beyond it, answered at once
	 * @param maxSources sources whose refusals are remembered at once (the least used are
	 * forgotten first)
	 */
	public record SourceLimit(@DefaultValue("false") boolean enabled, @DefaultValue("50") int maxRefusals,
			@DefaultValue("1m") Duration window, @DefaultValue("10m") Duration hold,
			@DefaultValue("1s") Duration tarpit, @DefaultValue("1000") int maxHeld,
			@DefaultValue("100000") long maxSources) {

		public SourceLimit {
			if (maxRefusals < 1 || maxHeld < 0 || maxSources < 1) {
				throw new IllegalArgumentException(
						"paytally.ingest.edge.source-limit: max-refusals and max-sources must be positive, "
								+ "max-held not negative");
			}
			if (window.isNegative() || window.isZero() || hold.isNegative() || hold.isZero() || tarpit.isNegative()
					|| tarpit.compareTo(Duration.ofSeconds(30)) > 0) {
				throw new IllegalArgumentException("paytally.ingest.edge.source-limit: window and hold must be "
						+ "positive, tarpit between 0 and 30s");
			}
		}

	}

}
