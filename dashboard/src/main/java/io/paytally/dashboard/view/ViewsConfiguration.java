package io.paytally.dashboard.view;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.paytally.dashboard.DashboardSettings;

/**
 * The views' beans: the Kafka Streams instance and the queries on its stores.
 */
@Configuration(proxyBeanMethods = false)
class ViewsConfiguration {

	@Bean
	ViewStreams viewStreams(DashboardSettings settings, ViewChanges changes) {
		return new ViewStreams(settings, changes);
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
