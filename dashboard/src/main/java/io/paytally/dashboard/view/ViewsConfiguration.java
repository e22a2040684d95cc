package io.paytally.dashboard.view;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.paytally.dashboard.DashboardSettings;

/**
 * The views' beans: the Kafka Streams instance (on Spring Boot's
 * {@code spring.kafka.streams.*} and {@code paytally.dashboard.*}) and the queries on its
 * stores.
 */
@Configuration(proxyBeanMethods = false)
class ViewsConfiguration {

	@Bean
	ViewStreams viewStreams(KafkaProperties kafka, DashboardSettings settings, ViewChanges changes) {
		return new ViewStreams(ViewStreams.properties(kafka.buildStreamsProperties(), settings), changes);
	}

	@Bean
	ViewsHealthIndicator viewsHealthIndicator(ViewStreams streams) {
		return new ViewsHealthIndicator(streams);
	}

	@Bean
	Views views(ViewStreams streams) {
		return new Views(streams);
	}

}
