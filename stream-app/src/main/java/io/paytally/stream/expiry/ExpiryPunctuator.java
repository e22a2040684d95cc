package io.paytally.stream.expiry;

import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;

import org.apache.kafka.streams.processor.Punctuator;

/**
 * Runs on wall-clock time (every second by default): reads what is due from the
 * {@link ExpiryIndex} and hands each entry, with the punctuation's time, to the order
 * processor.
 */
public final class ExpiryPunctuator implements Punctuator {

	private final ExpiryIndex index;

	private final int maxDuePerPunctuation;

	private final BiConsumer<ExpiryIndexKey, Instant> onDue;

	private final PunctuationListener listener;

	public ExpiryPunctuator(ExpiryIndex index, int maxDuePerPunctuation, BiConsumer<ExpiryIndexKey, Instant> onDue,
			PunctuationListener listener) {
		this.index = index;
		this.maxDuePerPunctuation = maxDuePerPunctuation;
		this.onDue = onDue;
		this.listener = listener;
	}

	@Override
	public void punctuate(long timestamp) {
		long start = System.nanoTime();
		Instant now = Instant.ofEpochMilli(timestamp);
		List<ExpiryIndexKey> due = this.index.due(now, this.maxDuePerPunctuation);
		long scanned = System.nanoTime();
		for (ExpiryIndexKey entry : due) {
			this.onDue.accept(entry, now);
		}
		this.listener.punctuated(due.size(), scanned - start, System.nanoTime() - start);
	}

}
