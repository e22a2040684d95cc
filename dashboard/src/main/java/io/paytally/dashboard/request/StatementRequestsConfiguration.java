package io.paytally.dashboard.request;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.paytally.dashboard.DashboardSettings;

/**
 * The producer of the statement requests.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StatementRequestSettings.class)
class StatementRequestsConfiguration {

	@Bean(destroyMethod = "close")
	StatementRequests statementRequests(DashboardSettings dashboard, StatementRequestSettings settings, Clock clock) {
		return new StatementRequests(dashboard.bootstrapServers(), settings.sendTimeout(), clock);
	}

}
