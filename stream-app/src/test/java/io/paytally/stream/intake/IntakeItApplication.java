package io.paytally.stream.intake;

import io.paytally.stream.security.ApiSecurityConfiguration;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;

/**
 * The intake alone, for integration tests that run it without the stream's topology (the
 * test registers the clock and the state lookup). Deliberately not a
 * {@code @Configuration}, so that no component scan of the stream-app picks it up. The
 * web API (controller and error handler) comes from a scan of its package alone, which
 * keeps its classes package-private.
 */
@EnableAutoConfiguration(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration" })
@Import({ IntakeConfiguration.class, ApiSecurityConfiguration.class })
@ComponentScan("io.paytally.stream.intake.web")
class IntakeItApplication {

}
