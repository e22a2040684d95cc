package io.paytally.ingest.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * DOWN while the Kafka cluster cannot be reached (or the catalog's topics do not exist):
 * part of the readiness group, so that no callback is routed here while it would only be
 * answered 503. The result is reused for a short while so that probes stay cheap.
 */
class KafkaReadiness implements HealthIndicator {

	private final Admin admin;

	private final TopicBootstrap topics;

	private final Clock clock;

	private final Duration ttl;

	private final long timeoutMillis;

	private volatile Cached cached;

	KafkaReadiness(Admin admin, TopicBootstrap topics, Clock clock, Duration ttl, Duration timeout) {
		this.admin = admin;
		this.topics = topics;
		this.clock = clock;
		this.ttl = ttl;
		this.timeoutMillis = timeout.toMillis();
	}

	@Override
	public Health health() {
		Cached current = this.cached;
		Instant now = this.clock.instant();
		if (current != null && now.isBefore(current.until())) {
			return current.health();
		}
		Health health = check();
		this.cached = new Cached(health, now.plus(this.ttl));
		return health;
	}

	private Health check() {
		try {
			int nodes = this.admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeoutMillis))
				.nodes()
				.get(this.timeoutMillis, TimeUnit.MILLISECONDS)
				.size();
			if (!this.topics.ensure()) {
				return Health.down().withDetail("topics", "missing").build();
			}
			return Health.up().withDetail("nodes", nodes).build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.down().withDetail("error", "interrupted").build();
		}
		catch (Exception ex) {
			return Health.down().withDetail("error", ex.getClass().getSimpleName()).build();
		}
	}

	private record Cached(Health health, Instant until) {
	}

}
