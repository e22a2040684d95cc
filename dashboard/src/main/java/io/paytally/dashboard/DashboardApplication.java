package io.paytally.dashboard;

import java.time.Clock;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Starts the dashboard: views of the state topics kept in local stores and the web page
 * that shows them. Its settings are in {@code dashboard.yml}.
 */
// in local-stack's single JVM the other services' libraries are on the classpath too: the
// dashboard has no database and runs its own Kafka Streams
@SpringBootApplication(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
		"org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration",
		"org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration",
		"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
		// Spring Security's jar comes with stream-app in local-stack's JVM; the
		// dashboard's
		// own login is not built yet, so Boot's generated one must not lock the page
		"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@EnableConfigurationProperties(DashboardSettings.class)
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
