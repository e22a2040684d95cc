package io.paytally.dashboard.request;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the requests to run a statement
 * ({@code paytally.dashboard.statement-requests.*}).
 *
 * @param sendTimeout how long a request may wait for the broker's acknowledgement
 */
@ConfigurationProperties("paytally.dashboard.statement-requests")
record StatementRequestSettings(@DefaultValue("10s") Duration sendTimeout) {

}
