package io.paytally.dashboard.health;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pipeline health's Kafka admin client, on Spring Boot's {@code spring.kafka.*}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PipelineHealthConfiguration.HealthSettings.class)
class PipelineHealthConfiguration {

	@Bean(destroyMethod = "close")
	PipelineHealth pipelineHealth(KafkaProperties kafka, HealthSettings settings, Clock clock) {
		return new PipelineHealth(kafka.buildAdminProperties(), settings.timeout(), settings.cacheFor(), clock);
	}

	/**
	 * Settings of the health panel ({@code paytally.dashboard.health.*}).
	 *
	 * @param timeout how long one call to the brokers may take
	 * @param cacheFor how long an answer is reused for every page asking
	 */
	@ConfigurationProperties("paytally.dashboard.health")
	record HealthSettings(@DefaultValue("5s") Duration timeout, @DefaultValue("2s") Duration cacheFor) {

	}

}
