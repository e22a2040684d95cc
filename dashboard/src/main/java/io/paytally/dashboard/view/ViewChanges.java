package io.paytally.dashboard.view;

import io.paytally.schemas.PaymentAnomaly;

/**
 * Told of every change the views take in, on the stream thread: keep it quick.
 */
public interface ViewChanges {

	/** A view changed. */
	void changed(View view);

	/** An anomaly came in (new or reported again). */
	void anomaly(PaymentAnomaly anomaly);

	/** Nobody listening. */
	ViewChanges NONE = new ViewChanges() {

		@Override
		public void changed(View view) {
		}

		@Override
		public void anomaly(PaymentAnomaly anomaly) {
		}

	};

	/** The parts of the page that a change can touch. */
	enum View {

		ORDERS, STATS, ANOMALIES, STATEMENTS, STATEMENT_RUNS

	}

}
