package io.paytally.stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts stream-app: the payment state machine, expiry, active query, interactive queries
 * and payment intake. Its settings are in {@code stream-app.yml}.
 */
@SpringBootApplication(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
		"org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration",
		"org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration" })
public class StreamApplication {

	/** The name of stream-app's configuration file. */
	public static final String CONFIG_NAME = "stream-app";

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(StreamApplication.class);
		application.setDefaultProperties(java.util.Map.of("spring.config.name", CONFIG_NAME));
		application.run(args);
	}

}
