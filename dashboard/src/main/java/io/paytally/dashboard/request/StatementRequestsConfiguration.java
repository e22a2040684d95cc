package io.paytally.dashboard.request;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The producer of the statement requests, on Spring Boot's {@code spring.kafka.*}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StatementRequestSettings.class)
class StatementRequestsConfiguration {

	@Bean(destroyMethod = "close")
	StatementRequests statementRequests(KafkaProperties kafka, StatementRequestSettings settings, Clock clock) {
		return new StatementRequests(kafka.buildProducerProperties(), settings.sendTimeout(), clock);
	}

}
