package io.paytally.stream.topology;

import java.time.Duration;
import java.util.Objects;

import io.paytally.stream.expiry.PunctuationListener;
import io.paytally.stream.payment.PaymentRules;
import io.paytally.stream.retention.RetentionSettings;
import io.paytally.stream.stats.StatsWindows;

/**
 * What the topology needs to know.
 *
 * @param rules the state machine's timing rules
 * @param punctuateInterval how often (wall-clock) the expiry index is scanned
 * @param maxDuePerPunctuation how many due orders one punctuation handles at most (the
 * rest wait for the next)
 * @param stats the statistics' tumbling windows: size, grace and retention
 * @param punctuationListener told about every punctuation
 * @param retention when finished orders are retired from the store and the compacted
 * topics
 */
public record TopologySettings(PaymentRules rules, Duration punctuateInterval, int maxDuePerPunctuation,
		StatsWindows stats, PunctuationListener punctuationListener, RetentionSettings retention) {

	/** The defaults of {@code paytally.stream.*}. */
	public static final TopologySettings DEFAULTS = new TopologySettings(PaymentRules.DEFAULTS, Duration.ofSeconds(1),
			10_000, StatsWindows.DEFAULTS, PunctuationListener.NONE, RetentionSettings.DEFAULTS);

	public TopologySettings {
		Objects.requireNonNull(rules, "rules");
		Objects.requireNonNull(punctuateInterval, "punctuateInterval");
		stats = (stats != null) ? stats : StatsWindows.DEFAULTS;
		punctuationListener = (punctuationListener != null) ? punctuationListener : PunctuationListener.NONE;
		retention = (retention != null) ? retention : RetentionSettings.DEFAULTS;
	}

	/** Settings with the default retention. */
	public TopologySettings(PaymentRules rules, Duration punctuateInterval, int maxDuePerPunctuation,
			StatsWindows stats, PunctuationListener punctuationListener) {
		this(rules, punctuateInterval, maxDuePerPunctuation, stats, punctuationListener, RetentionSettings.DEFAULTS);
	}

	/** These settings with other rules. */
	public TopologySettings withRules(PaymentRules rules) {
		return new TopologySettings(rules, this.punctuateInterval, this.maxDuePerPunctuation, this.stats,
				this.punctuationListener, this.retention);
	}

	/** These settings with another punctuation listener. */
	public TopologySettings withPunctuationListener(PunctuationListener listener) {
		return new TopologySettings(this.rules, this.punctuateInterval, this.maxDuePerPunctuation, this.stats, listener,
				this.retention);
	}

	/** These settings with another retention. */
	public TopologySettings withRetention(RetentionSettings retention) {
		return new TopologySettings(this.rules, this.punctuateInterval, this.maxDuePerPunctuation, this.stats,
				this.punctuationListener, retention);
	}

	/** These settings with other statistics' windows. */
	public TopologySettings withStats(StatsWindows stats) {
		return new TopologySettings(this.rules, this.punctuateInterval, this.maxDuePerPunctuation, stats,
				this.punctuationListener, this.retention);
	}

}
