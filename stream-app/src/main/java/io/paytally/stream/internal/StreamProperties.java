package io.paytally.stream.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.paytally.stream.expiry.PunctuationListener;
import io.paytally.stream.payment.PaymentRules;
import io.paytally.stream.retention.RetentionSettings;
import io.paytally.stream.stats.StatsWindows;
import io.paytally.stream.topology.TopologySettings;

/**
 * The settings of stream-app ({@code paytally.stream.*}). The brokers, the Kafka Streams
 * application id and the state directory are Spring Boot's
 * {@code spring.kafka.streams.*}.
 *
 * @param applicationServer {@code host:port} of this instance's HTTP, told to the other
 * instances for interactive-query routing
 * @param commitInterval how often the exactly-once transaction commits: it bounds the
 * latency from a notification to its committed state (50 ms: p99
 * notification-to-committed-state well under 300 ms on a loaded 2-core machine, where 100
 * ms came to 390 ms, at no measurable cost in events/s)
 * @param streamThreads Kafka Streams threads (two for the six partitions' tasks: once the
 * JIT has settled, one thread is the bottleneck on 2 cores, 14,200 events/s with 1,
 * 22,500 with 2)
 * @param createTopics whether to create the catalog's missing topics at start
 * @param partitions partitions of the catalog's topics when created here
 * @param replicationFactor replicas of the catalog's topics and of the internal ones
 * @param punctuateInterval how often (wall clock) the expiry index is scanned
 * @param maxDuePerPunctuation how many due orders one punctuation handles at most
 * @param recheckInterval how long the first expiry check may stay unanswered (doubled for
 * each further unanswered check); an expired order is checked until WeChat answers: 30 s,
 * then twice as long after each unanswered check, never more than {@code recheckCeiling}
 * apart
 * @param recheckCeiling the longest wait between two unanswered checks
 * @param unansweredChecksBeforeAnomaly unanswered checks in a row before QUERY_UNANSWERED
 * @param userPayingRecheck how soon to look again while the user is paying
 * @param closeNotBefore how long after creation an order may be closed at WeChat
 * @param unknownOrderGrace how long a notification waits for its order
 * @param statsWindow the size of the statistics' tumbling windows
 * @param statsGrace how long after a window's end (in the statistics' stream time) its
 * records still count: the longest backlog whose minutes {@code orders.stats} counts
 * exactly after an outage (default a day)
 * @param statsRetention how long the window store keeps a window's sum; at least
 * {@code statsWindow + statsGrace}, which is the default
 * @param activeQuery the active-query worker
 * @param retention when finished orders leave the store and the compacted topics
 */
@ConfigurationProperties("paytally.stream")
public record StreamProperties(String applicationServer, @DefaultValue("50ms") Duration commitInterval,
		@DefaultValue("2") int streamThreads, @DefaultValue("true") boolean createTopics,
		@DefaultValue("6") int partitions, @DefaultValue("1") short replicationFactor,
		@DefaultValue("1s") Duration punctuateInterval, @DefaultValue("10000") int maxDuePerPunctuation,
		@DefaultValue("30s") Duration recheckInterval, @DefaultValue("5m") Duration recheckCeiling,
		@DefaultValue("5") int unansweredChecksBeforeAnomaly, @DefaultValue("10s") Duration userPayingRecheck,
		@DefaultValue("5m") Duration closeNotBefore, @DefaultValue("10m") Duration unknownOrderGrace,
		@DefaultValue("1m") Duration statsWindow, @DefaultValue("1d") Duration statsGrace, Duration statsRetention,
		@DefaultValue ActiveQuery activeQuery, @DefaultValue Retention retention) {

	/** The state machine's rules. */
	public PaymentRules rules() {
		return new PaymentRules(this.recheckInterval, this.recheckCeiling, this.unansweredChecksBeforeAnomaly,
				this.userPayingRecheck, this.closeNotBefore, this.unknownOrderGrace, 16);
	}

	/** The topology's settings. */
	public TopologySettings topologySettings(PunctuationListener listener) {
		return new TopologySettings(rules(), this.punctuateInterval, this.maxDuePerPunctuation,
				new StatsWindows(this.statsWindow, this.statsGrace, this.statsRetention), listener,
				this.retention.settings());
	}

	/**
	 * The retention of finished orders ({@code paytally.stream.retention.*}).
	 *
	 * @param finishedAfter how long after its last change a finished order stays in the
	 * store and on the compacted topics (default 400 days: WeChat's one-year refund
	 * window plus a margin)
	 * @param scanInterval how often (wall clock) the retention index is scanned
	 * @param maxPerScan how many orders one scan retires at most
	 * @param sweep the one-off sweep of the orders stored before the retention
	 */
	public record Retention(@DefaultValue("400d") Duration finishedAfter, @DefaultValue("1m") Duration scanInterval,
			@DefaultValue("10000") int maxPerScan, @DefaultValue Sweep sweep) {

		RetentionSettings settings() {
			return new RetentionSettings(this.finishedAfter, this.scanInterval, this.maxPerScan,
					new RetentionSettings.Sweep(this.sweep.enabled, this.sweep.interval, this.sweep.slice));
		}

		/**
		 * The one-off sweep ({@code paytally.stream.retention.sweep.*}): gives the orders
		 * stored before the retention was deployed their retention-index entry.
		 *
		 * @param enabled whether it runs
		 * @param interval how often (wall clock) a slice is swept
		 * @param slice how many stored orders one slice reads at most
		 */
		public record Sweep(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration interval,
				@DefaultValue("1000") int slice) {

		}

	}

	/**
	 * The active-query worker's settings.
	 *
	 * @param enabled whether the worker runs in this instance
	 * @param groupId its consumer group
	 * @param concurrency its consumers
	 * @param ratePerSecond calls to WeChat per merchant and second
	 * @param burst calls a merchant may make at once
	 * @param attempts deliveries of a check before it is dead-lettered (first included)
	 * @param retryDelay the first retry's delay
	 * @param retryMultiplier how much longer each next retry waits
	 * @param retryMaxDelay the longest retry delay
	 */
	public record ActiveQuery(@DefaultValue("true") boolean enabled,
			@DefaultValue("paytally-active-query") String groupId, @DefaultValue("1") int concurrency,
			@DefaultValue("10") double ratePerSecond, @DefaultValue("10") int burst, @DefaultValue("4") int attempts,
			@DefaultValue("1s") Duration retryDelay, @DefaultValue("2.0") double retryMultiplier,
			@DefaultValue("30s") Duration retryMaxDelay) {

	}

}
