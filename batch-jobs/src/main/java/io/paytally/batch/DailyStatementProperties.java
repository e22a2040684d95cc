package io.paytally.batch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the daily statement ({@code paytally.batch.*}).
 *
 * @param billDir where downloaded bills are kept ({@code <mchid>/<date>.csv})
 * @param reportDir where the CSV of differences and the HTML report go
 * ({@code <mchid>/<date>/})
 * @param rejectLimit how many malformed bill lines a bill may have before the job fails
 * @param chunkSize bill lines per load transaction
 * @param billReadyHour the hour (Beijing time) of the day after the bill date before
 * which the bill is not fetched at all
 * @param holdoverWindow payments this close before midnight that the bill lacks are held
 * over to the next day's bill instead of being called missing
 * @param repairsEnabled whether WeChat successes we do not show as paid are sent back to
 * the stream as BILL notifications
 * @param merchantConcurrency how many merchants' statements of a day run at the same time
 * in the partitioned job {@code dailyStatements} (each takes up to two database
 * connections)
 * @param schedule the scheduled mode
 * @param kafka how {@code orders.state} is read and records are sent
 * @param wechat how long calls to WeChat wait for a reply
 */
@ConfigurationProperties("paytally.batch")
public record DailyStatementProperties(@DefaultValue("./data/bills") Path billDir,
		@DefaultValue("./data/reports") Path reportDir, @DefaultValue("100") long rejectLimit,
		@DefaultValue("5000") int chunkSize, @DefaultValue("10") int billReadyHour,
		@DefaultValue("10m") Duration holdoverWindow, @DefaultValue("true") boolean repairsEnabled,
		@DefaultValue("4") int merchantConcurrency, @DefaultValue Schedule schedule, @DefaultValue Kafka kafka,
		@DefaultValue Wechat wechat) {

	/**
	 * The scheduled mode: each merchant's yesterday, every day.
	 *
	 * @param enabled whether the schedule runs (off for the command line)
	 * @param cron when, in {@code zone}
	 * @param zone the time zone of the cron expression
	 * @param retryInterval how long to wait before asking again while the bill is not
	 * ready
	 * @param giveUpAfter how long to keep retrying a bill that is not ready
	 */
	public record Schedule(@DefaultValue("false") boolean enabled, @DefaultValue("0 30 10 * * *") String cron,
			@DefaultValue("Asia/Shanghai") ZoneId zone, @DefaultValue("30m") Duration retryInterval,
			@DefaultValue("12h") Duration giveUpAfter) {

	}

	/**
	 * Kafka settings of the job (the brokers are {@code spring.kafka.bootstrap-servers}).
	 *
	 * @param maxPollRecords records of {@code orders.state} per poll and transaction
	 * @param pollTimeout how long one poll waits
	 * @param syncTimeout how long the sync may go without reaching the end offsets
	 * @param sendTimeout how long a send may wait for the broker's acknowledgement
	 */
	public record Kafka(@DefaultValue("5000") int maxPollRecords, @DefaultValue("2s") Duration pollTimeout,
			@DefaultValue("5m") Duration syncTimeout, @DefaultValue("30s") Duration sendTimeout) {

	}

	/**
	 * How long the job's calls to WeChat wait for a reply
	 * ({@code paytally.batch.wechat.*}; the job does not use
	 * {@code paytally.wechat.read-timeout}). Connections:
	 * {@code paytally.wechat.connect-timeout}.
	 *
	 * @param billReadTimeout the trade bill's request and download: WeChat prepares a
	 * large merchant's bill when asked, and 5 s timed out on a day of 100,000 orders
	 * @param queryReadTimeout every other call (the repair's refund queries, the platform
	 * certificates): short, so that a WeChat that does not answer holds the statement up
	 * for seconds, not a minute per query
	 */
	public record Wechat(@DefaultValue("60s") Duration billReadTimeout, @DefaultValue("5s") Duration queryReadTimeout) {

	}

}
