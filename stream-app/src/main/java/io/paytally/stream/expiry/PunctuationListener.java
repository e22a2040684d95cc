package io.paytally.stream.expiry;

/**
 * Told about every expiry punctuation: for metrics and benchmarks.
 */
@FunctionalInterface
public interface PunctuationListener {

	/** Does nothing. */
	PunctuationListener NONE = (due, scanNanos, totalNanos) -> {
	};

	/**
	 * One punctuation happened.
	 * @param due how many due entries it handled
	 * @param scanNanos how long the range scan took
	 * @param totalNanos how long the whole punctuation took
	 */
	void punctuated(int due, long scanNanos, long totalNanos);

}
