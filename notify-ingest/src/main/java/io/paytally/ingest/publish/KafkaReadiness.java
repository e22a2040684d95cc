package io.paytally.ingest.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

import io.paytally.schemas.topics.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Whether a callback can be written now: DOWN while the Kafka cluster cannot be reached,
 * the catalog's topics do not exist, or any partition of the topics notify-ingest writes
 * has fewer replicas in sync than its topic's {@code min.insync.replicas} (an
 * {@code acks=all} write to it fails, and the callback would only be answered 503). Part
 * of the readiness group only, never of liveness: a broker outage takes the instance out
 * of rotation, it must not make it restart.
 * <p>
 * A check is reused for {@code ttl}, and while one runs, concurrent probes get the last
 * result: a flood of probes costs one check per {@code ttl}. The topics'
 * {@code min.insync.replicas} is read from their config and reused for a few minutes.
 * Each change of state is logged with its reason.
 */
class KafkaReadiness implements HealthIndicator {

	private static final Logger logger = LoggerFactory.getLogger(KafkaReadiness.class);

	/** The topics {@link NotificationPublisher} writes. */
	static final List<String> WRITTEN_TOPICS = List.of(Topic.PAYMENT_NOTIFICATIONS.topicName(),
			Topic.REFUND_NOTIFICATIONS.topicName(), Topic.UNKNOWN_NOTIFICATIONS.topicName());

	private static final Duration CONFIG_TTL = Duration.ofMinutes(5);

	private static final Duration CONFIG_RETRY = Duration.ofMinutes(1);

	private final Admin admin;

	private final TopicBootstrap topics;

	private final Clock clock;

	private final Duration ttl;

	private final int timeoutMillis;

	private final int configuredMinInsync;

	private final ReentrantLock checking = new ReentrantLock();

	private volatile Cached cached;

	private volatile MinInsync minInsync;

	/**
	 * @param configuredMinInsync the catalog's {@code min.insync.replicas}, used only
	 * while the topics' config cannot be read
	 */
	KafkaReadiness(Admin admin, TopicBootstrap topics, Clock clock, Duration ttl, Duration timeout,
			int configuredMinInsync) {
		this.admin = admin;
		this.topics = topics;
		this.clock = clock;
		this.ttl = ttl;
		this.timeoutMillis = (int) timeout.toMillis();
		this.configuredMinInsync = configuredMinInsync;
	}

	@Override
	public Health health() {
		Cached current = this.cached;
		if (current != null && this.clock.instant().isBefore(current.until())) {
			return current.health();
		}
		if (current != null && !this.checking.tryLock()) {
			// another probe is checking: the last result meanwhile
			return current.health();
		}
		if (current == null) {
			this.checking.lock();
		}
		try {
			Cached latest = this.cached;
			if (latest != current && latest != null && this.clock.instant().isBefore(latest.until())) {
				return latest.health();
			}
			Health health = check();
			logChange((latest != null) ? latest.health() : null, health);
			this.cached = new Cached(health, this.clock.instant().plus(this.ttl));
			return health;
		}
		finally {
			this.checking.unlock();
		}
	}

	private Health check() {
		try {
			int nodes = this.admin.describeCluster(new DescribeClusterOptions().timeoutMs(this.timeoutMillis))
				.nodes()
				.get(this.timeoutMillis, TimeUnit.MILLISECONDS)
				.size();
			if (!this.topics.ensure()) {
				return Health.down().withDetail("topics", "missing").build();
			}
			Map<String, TopicDescription> described = this.admin
				.describeTopics(WRITTEN_TOPICS, new DescribeTopicsOptions().timeoutMs(this.timeoutMillis))
				.allTopicNames()
				.get(this.timeoutMillis, TimeUnit.MILLISECONDS);
			return decide(nodes, described.values(), minInsync());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.down().withDetail("error", "interrupted").build();
		}
		catch (ExecutionException ex) {
			return Health.down().withDetail("error", ex.getCause().getClass().getSimpleName()).build();
		}
		catch (TimeoutException | RuntimeException ex) {
			return Health.down().withDetail("error", ex.getClass().getSimpleName()).build();
		}
	}

	/**
	 * UP when every partition of the topics has at least its topic's
	 * {@code min.insync.replicas} in sync, else DOWN naming each partition short of it.
	 * @param nodes the brokers reachable
	 * @param topics the topics written, described
	 * @param minInsync {@code min.insync.replicas} by topic
	 */
	static Health decide(int nodes, Collection<TopicDescription> topics, Map<String, Integer> minInsync) {
		List<Map<String, Object>> below = new ArrayList<>();
		for (TopicDescription topic : topics) {
			int min = minInsync.getOrDefault(topic.name(), 1);
			for (TopicPartitionInfo partition : topic.partitions()) {
				if (partition.isr().size() < min) {
					Map<String, Object> detail = new LinkedHashMap<>();
					detail.put("topic", topic.name());
					detail.put("partition", partition.partition());
					detail.put("isr", partition.isr().size());
					detail.put("minIsr", min);
					below.add(detail);
				}
			}
		}
		if (below.isEmpty()) {
			return Health.up().withDetail("nodes", nodes).build();
		}
		return Health.down()
			.withDetail("reason", "fewer in-sync replicas than min.insync.replicas: a callback cannot be written")
			.withDetail("nodes", nodes)
			.withDetail("belowMinIsr", below)
			.build();
	}

	/**
	 * The topics' {@code min.insync.replicas}, read again once {@link #CONFIG_TTL} old.
	 * When it cannot be read (a broker without the permission to describe configs), the
	 * last read or else the catalog's setting, for {@link #CONFIG_RETRY}.
	 */
	private Map<String, Integer> minInsync() throws InterruptedException {
		MinInsync current = this.minInsync;
		Instant now = this.clock.instant();
		if (current != null && now.isBefore(current.until())) {
			return current.byTopic();
		}
		try {
			Map<String, Integer> byTopic = readMinInsync();
			this.minInsync = new MinInsync(byTopic, now.plus(CONFIG_TTL));
			return byTopic;
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			Throwable cause = (ex instanceof ExecutionException) ? ex.getCause() : ex;
			Map<String, Integer> fallback = (current != null) ? current.byTopic() : configuredMinInsync();
			logger.warn("Cannot read min.insync.replicas of {} ({}): readiness uses {}", WRITTEN_TOPICS,
					cause.getClass().getSimpleName(), fallback);
			this.minInsync = new MinInsync(fallback, now.plus(CONFIG_RETRY));
			return fallback;
		}
	}

	private Map<String, Integer> readMinInsync() throws InterruptedException, ExecutionException, TimeoutException {
		List<ConfigResource> resources = WRITTEN_TOPICS.stream()
			.map((topic) -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
			.toList();
		Map<ConfigResource, Config> configs = this.admin
			.describeConfigs(resources, new DescribeConfigsOptions().timeoutMs(this.timeoutMillis))
			.all()
			.get(this.timeoutMillis, TimeUnit.MILLISECONDS);
		Map<String, Integer> byTopic = new LinkedHashMap<>();
		configs.forEach((resource, config) -> {
			ConfigEntry entry = config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
			byTopic.put(resource.name(),
					(entry != null && entry.value() != null) ? Integer.parseInt(entry.value()) : 1);
		});
		return byTopic;
	}

	private Map<String, Integer> configuredMinInsync() {
		Map<String, Integer> byTopic = new LinkedHashMap<>();
		WRITTEN_TOPICS.forEach((topic) -> byTopic.put(topic, this.configuredMinInsync));
		return byTopic;
	}

	private static void logChange(Health before, Health after) {
		Status was = (before != null) ? before.getStatus() : Status.UP;
		if (was.equals(after.getStatus())) {
			return;
		}
		if (Status.UP.equals(after.getStatus())) {
			logger.info("Ready again: every partition of {} has its min.insync.replicas in sync", WRITTEN_TOPICS);
		}
		else {
			logger.warn("Not ready, callbacks cannot be written: {}", after.getDetails());
		}
	}

	private record Cached(Health health, Instant until) {
	}

	private record MinInsync(Map<String, Integer> byTopic, Instant until) {
	}

}
