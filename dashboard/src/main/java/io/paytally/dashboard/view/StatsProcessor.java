package io.paytally.dashboard.view;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paytally.schemas.PaymentStats;

/**
 * Takes each merchant's window from {@code orders.stats} into a store ordered by the
 * window's start, so that the last hours of all merchants are one range scan. The latest
 * record of a window is its truth.
 */
final class StatsProcessor implements Processor<String, PaymentStats, Void, Void> {

	private static final Logger logger = LoggerFactory.getLogger(StatsProcessor.class);

	private final ViewChanges changes;

	private KeyValueStore<String, PaymentStats> stats;

	StatsProcessor(ViewChanges changes) {
		this.changes = changes;
	}

	@Override
	public void init(ProcessorContext<Void, Void> context) {
		this.stats = context.getStateStore(Stores.STATS);
	}

	@Override
	public void process(Record<String, PaymentStats> record) {
		PaymentStats value = record.value();
		if (value != null) {
			this.stats.put(Stores.statsKey(value.windowStart(), value.mchid()), value);
		}
		else if (record.key() != null) {
			int at = record.key().lastIndexOf('@');
			try {
				this.stats.delete(Stores.statsKey(Instant.parse(record.key().substring(at + 1)),
						record.key().substring(0, Math.max(at, 0))));
			}
			catch (DateTimeParseException ex) {
				logger.warn("Tombstone on orders.stats with an unreadable key {}", record.key());
				return;
			}
		}
		this.changes.changed(ViewChanges.View.STATS);
	}

}
