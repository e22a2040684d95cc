package io.paytally.dashboard.view;

import org.apache.kafka.streams.KafkaStreams;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code /actuator/health}: up while the views' Kafka Streams instance runs (or
 * rebalances), down once it has failed or stopped.
 */
class ViewsHealthIndicator implements HealthIndicator {

	private final ViewStreams streams;

	ViewsHealthIndicator(ViewStreams streams) {
		this.streams = streams;
	}

	@Override
	public Health health() {
		KafkaStreams.State state = this.streams.state();
		Health.Builder health = (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING)
				? Health.up() : Health.down();
		return health.withDetail("state", state.name()).build();
	}

}
