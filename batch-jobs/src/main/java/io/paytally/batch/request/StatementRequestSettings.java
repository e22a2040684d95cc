package io.paytally.batch.request;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the statements run on request ({@code paytally.batch.requests.*}).
 *
 * @param enabled whether batch-jobs takes requests from {@code recon.statement-runs} (off
 * for the command line)
 * @param retryInterval how long after a bill that is not ready the run starts again the
 * first time; each further wait is twice the one before
 * @param maxRetryInterval the longest wait between two attempts
 * @param giveUpAfter how long, waits added up, a bill that is not ready is retried before
 * the request fails
 * @param pollTimeout how long one poll of the topic waits
 */
@ConfigurationProperties("paytally.batch.requests")
record StatementRequestSettings(@DefaultValue("true") boolean enabled, @DefaultValue("30m") Duration retryInterval,
		@DefaultValue("2h") Duration maxRetryInterval, @DefaultValue("12h") Duration giveUpAfter,
		@DefaultValue("1s") Duration pollTimeout) {

	/** The wait before attempt {@code attempt + 1}, after {@code attempt} attempts. */
	Duration waitAfter(int attempt) {
		Duration wait = this.retryInterval;
		for (int i = 1; i < attempt && wait.compareTo(this.maxRetryInterval) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return (wait.compareTo(this.maxRetryInterval) > 0) ? this.maxRetryInterval : wait;
	}

}
