package io.paytally.dashboard.view;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.paytally.schemas.StatementRun;

/**
 * Takes the requests to run a statement and their status from
 * {@code recon.statement-runs} into a store by their key ({@code mchid@date}): the latest
 * request of a merchant's day and where it stands.
 */
final class StatementRunProcessor implements Processor<String, StatementRun, Void, Void> {

	private final ViewChanges changes;

	private KeyValueStore<String, StatementRun> runs;

	StatementRunProcessor(ViewChanges changes) {
		this.changes = changes;
	}

	@Override
	public void init(ProcessorContext<Void, Void> context) {
		this.runs = context.getStateStore(Stores.STATEMENT_RUNS);
	}

	@Override
	public void process(Record<String, StatementRun> record) {
		StatementRun run = record.value();
		if (run != null) {
			this.runs.put(run.key(), run);
		}
		else if (record.key() != null) {
			this.runs.delete(record.key());
		}
		this.changes.changed(ViewChanges.View.STATEMENT_RUNS);
	}

}
