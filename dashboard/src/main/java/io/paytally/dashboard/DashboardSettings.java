package io.paytally.dashboard;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dashboard's settings ({@code paytally.dashboard.*}). The brokers, the Kafka Streams
 * application id and the clients' security are Spring Boot's {@code spring.kafka.*}.
 *
 * @param stateDir where RocksDB keeps the views
 * @param replicationFactor of the changelog topics
 * @param commitInterval how often consumed offsets are committed
 * @param dueWithin how far ahead "due for expiry soon" looks
 * @param chartSpan how much of the per-minute history the page shows
 * @param pushInterval how often changes are pushed to the open pages
 * @param reportsDir where batch-jobs writes the statements' reports
 * ({@code <dir>/<mchid>/<date>/statement.html}); none when empty
 */
@ConfigurationProperties("paytally.dashboard")
public record DashboardSettings(@DefaultValue("data/dashboard-state") Path stateDir,
		@DefaultValue("1") int replicationFactor, @DefaultValue("1s") Duration commitInterval,
		@DefaultValue("10m") Duration dueWithin, @DefaultValue("3h") Duration chartSpan,
		@DefaultValue("500ms") Duration pushInterval, Path reportsDir) {

}
