package io.paytally.dashboard.view;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.paytally.schemas.DailyStatement;

/**
 * Takes each merchant's day from {@code recon.statements} into a store by its key
 * ({@code mchid@date}); a re-run of a day replaces it.
 */
final class StatementProcessor implements Processor<String, DailyStatement, Void, Void> {

	private final ViewChanges changes;

	private KeyValueStore<String, DailyStatement> statements;

	StatementProcessor(ViewChanges changes) {
		this.changes = changes;
	}

	@Override
	public void init(ProcessorContext<Void, Void> context) {
		this.statements = context.getStateStore(Stores.STATEMENTS);
	}

	@Override
	public void process(Record<String, DailyStatement> record) {
		DailyStatement statement = record.value();
		if (statement != null) {
			this.statements.put(DailyStatement.key(statement.mchid(), statement.billDate()), statement);
		}
		else if (record.key() != null) {
			this.statements.delete(record.key());
		}
		this.changes.changed(ViewChanges.View.STATEMENTS);
	}

}
