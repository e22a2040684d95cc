package io.paytally.stream.topology;

import java.time.Duration;
import java.util.Objects;

import io.paytally.stream.expiry.PunctuationListener;
import io.paytally.stream.payment.PaymentRules;

/**
 * What the topology needs to know.
 *
 * @param rules the state machine's timing rules
 * @param punctuateInterval how often (wall-clock) the expiry index is scanned
 * @param maxDuePerPunctuation how many due orders one punctuation handles at most (the
 * rest wait for the next)
 * @param statsWindow the size of the statistics' tumbling windows
 * @param punctuationListener told about every punctuation
 */
public record TopologySettings(PaymentRules rules, Duration punctuateInterval, int maxDuePerPunctuation,
		Duration statsWindow, PunctuationListener punctuationListener) {

	/** The defaults of {@code paytally.stream.*}. */
	public static final TopologySettings DEFAULTS = new TopologySettings(PaymentRules.DEFAULTS, Duration.ofSeconds(1),
			10_000, Duration.ofMinutes(1), PunctuationListener.NONE);

	public TopologySettings {
		Objects.requireNonNull(rules, "rules");
		Objects.requireNonNull(punctuateInterval, "punctuateInterval");
		Objects.requireNonNull(statsWindow, "statsWindow");
		punctuationListener = (punctuationListener != null) ? punctuationListener : PunctuationListener.NONE;
	}

	/** These settings with other rules. */
	public TopologySettings withRules(PaymentRules rules) {
		return new TopologySettings(rules, this.punctuateInterval, this.maxDuePerPunctuation, this.statsWindow,
				this.punctuationListener);
	}

	/** These settings with another punctuation listener. */
	public TopologySettings withPunctuationListener(PunctuationListener listener) {
		return new TopologySettings(this.rules, this.punctuateInterval, this.maxDuePerPunctuation, this.statsWindow,
				listener);
	}

}
