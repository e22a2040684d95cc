package io.paytally.stream.intake;

import io.paytally.stream.security.ApiSecurityConfiguration;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The intake alone, for integration tests that run it without the stream's topology (the
 * test registers the clock and the state lookup). Deliberately not a
 * {@code @Configuration}, so that no component scan of the stream-app picks it up.
 */
@EnableAutoConfiguration(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration" })
@Import({ IntakeConfiguration.class, PaymentController.class, IntakeErrors.class, ApiSecurityConfiguration.class })
class IntakeItApplication {

}
