package io.paytally.ingest;

import java.time.Clock;

import io.paytally.wechat.WechatPayProperties;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Starts notify-ingest: WeChat Pay's callbacks in, verified notifications out to Kafka.
 * Its settings live in {@code notify-ingest.yml} ({@code spring.config.name}), so that it
 * can share a JVM with the other services.
 */
@SpringBootApplication(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayEndpointAutoConfiguration",
		"org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration",
		"org.springframework.boot.batch.autoconfigure.BatchJobLauncherAutoConfiguration",
		"org.springframework.boot.batch.autoconfigure.observation.BatchObservationAutoConfiguration",
		"org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration",
		// no Spring Security here, even where its jar is on the classpath (local-stack's
		// one JVM with stream-app): these endpoints answer WeChat and operations on their
		// own terms
		"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@EnableConfigurationProperties({ IngestProperties.class, WechatPayProperties.class })
public class NotifyIngestApplication {

	/** The name of this service's configuration file ({@code notify-ingest.yml}). */
	public static final String CONFIG_NAME = "notify-ingest";

	public static void main(String[] args) {
		application().run(args);
	}

	/**
	 * A builder of this service's context with its own configuration name; local-stack
	 * and the tests start it this way.
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(NotifyIngestApplication.class)
			.properties("spring.config.name=" + CONFIG_NAME);
	}

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
