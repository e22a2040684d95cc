package io.paytally.dashboard;

import java.time.Clock;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

/**
 * Starts the dashboard: views of the state topics kept in local stores and the web page
 * that shows them. Its settings are in {@code dashboard.yml}.
 */
// in local-stack's single JVM the other services' libraries are on the classpath too: the
// dashboard's one database (its users) is built by its security configuration, and it
// runs
// its own Kafka Streams and clients (from Spring Boot's spring.kafka.* settings, bound
// here
// without the Kafka auto-configuration's beans); Spring Security is configured (login,
// roles) in the security
// package
@SpringBootApplication(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
		"org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration",
		"org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration",
		"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration" })
@EnableConfigurationProperties({ DashboardSettings.class, KafkaProperties.class })
public class DashboardApplication {

	/** The name of the dashboard's configuration file. */
	public static final String CONFIG_NAME = "dashboard";

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(DashboardApplication.class);
		application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
		application.run(args);
	}

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
