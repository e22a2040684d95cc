package io.paytally.batch.request;

import java.time.Clock;

import io.paytally.batch.internal.KafkaClients;
import io.paytally.batch.internal.Publisher;
import io.paytally.batch.schedule.DailyStatementRunner;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The statements run on request, on unless {@code paytally.batch.requests.enabled=false}
 * (the command line turns them off).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StatementRequestSettings.class)
@ConditionalOnProperty(name = "paytally.batch.requests.enabled", havingValue = "true", matchIfMissing = true)
class StatementRequestsConfiguration {

	@Bean(destroyMethod = "close")
	StatementRequestRuns statementRequestRuns(DailyStatementRunner runner, Publisher publisher,
			StatementRequestSettings settings, Clock clock) {
		return new StatementRequestRuns(runner, publisher, settings, clock);
	}

	@Bean
	StatementRequestConsumer statementRequestConsumer(KafkaClients kafkaClients, StatementRequestRuns runs,
			StatementRequestSettings settings) {
		return new StatementRequestConsumer(kafkaClients, runs, settings.pollTimeout());
	}

}
