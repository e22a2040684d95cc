package io.paytally.dashboard.view;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.paytally.schemas.PaymentAnomaly;

/**
 * Takes each anomaly from {@code orders.anomalies} into a store by its stable id: the
 * same anomaly reported twice is one row.
 */
final class AnomalyProcessor implements Processor<String, PaymentAnomaly, Void, Void> {

	private final ViewChanges changes;

	private KeyValueStore<String, PaymentAnomaly> anomalies;

	AnomalyProcessor(ViewChanges changes) {
		this.changes = changes;
	}

	@Override
	public void init(ProcessorContext<Void, Void> context) {
		this.anomalies = context.getStateStore(Stores.ANOMALIES);
	}

	@Override
	public void process(Record<String, PaymentAnomaly> record) {
		PaymentAnomaly anomaly = record.value();
		if (anomaly == null) {
			return;
		}
		this.anomalies.put(anomaly.anomalyId(), anomaly);
		this.changes.changed(ViewChanges.View.ANOMALIES);
		this.changes.anomaly(anomaly);
	}

}
