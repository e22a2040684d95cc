package io.paytally.stream.topology;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paytally.schemas.OrderEvent;

/**
 * Per merchant order, the attempts after the first and any attempt paid after it was
 * closed. When an attempt is paid after close, every other attempt still open is
 * cancelled on {@code orders.events} at once (the state machine checks it and closes it
 * at WeChat), so the payer cannot pay the merchant order twice. An attempt created after
 * the paid-after-close reached this processor (the two come from different partitions) is
 * cancelled when its creation arrives. An attempt known paid is never cancelled (the
 * duplicate payment is reported by {@link DuplicatePaymentProcessor}). A payment order
 * retired from the {@code orders} store leaves the entry, and the entry is deleted with
 * its last one (a tombstone on the store's changelog).
 * <p>
 * Store value: one line per payment order, {@code <state> <out_trade_no>}.
 */
final class NewerAttemptCloser implements Processor<String, AttemptFact, String, OrderEvent> {

	private static final Logger log = LoggerFactory.getLogger(NewerAttemptCloser.class);

	private ProcessorContext<String, OrderEvent> context;

	private KeyValueStore<String, String> attempts;

	@Override
	public void init(ProcessorContext<String, OrderEvent> context) {
		this.context = context;
		this.attempts = context.getStateStore(PaymentTopology.ATTEMPTS_BY_MERCHANT_ORDER_STORE);
	}

	@Override
	public void process(Record<String, AttemptFact> record) {
		AttemptFact fact = record.value();
		Map<String, State> known = read(this.attempts.get(record.key()));
		String outTradeNo = fact.outTradeNo();
		switch (fact.kind()) {
			case OPENED -> {
				if (known.containsKey(outTradeNo)) {
					return;
				}
				String paidAfterClose = paidAfterClose(known);
				if (paidAfterClose != null) {
					cancel(fact, outTradeNo, paidAfterClose, record.timestamp());
					known.put(outTradeNo, State.CANCEL_SENT);
				}
				else {
					known.put(outTradeNo, State.OPEN);
				}
			}
			case PAID -> {
				if (known.get(outTradeNo) == State.PAID || known.get(outTradeNo) == State.PAID_AFTER_CLOSE) {
					return;
				}
				known.put(outTradeNo, State.PAID);
			}
			case PAID_AFTER_CLOSE -> {
				if (known.get(outTradeNo) == State.PAID_AFTER_CLOSE) {
					return;
				}
				known.put(outTradeNo, State.PAID_AFTER_CLOSE);
				for (Map.Entry<String, State> other : known.entrySet()) {
					if (other.getValue() == State.OPEN) {
						cancel(fact, other.getKey(), outTradeNo, record.timestamp());
						other.setValue(State.CANCEL_SENT);
					}
				}
			}
			case RETIRED -> {
				if (known.remove(outTradeNo) == null) {
					return;
				}
				log.debug("Order {} retired from the attempts of merchant order {} ({} left)", outTradeNo,
						fact.merchantOrderNo(), known.size());
				if (known.isEmpty()) {
					this.attempts.delete(record.key());
					return;
				}
			}
		}
		this.attempts.put(record.key(), write(known));
	}

	private void cancel(AttemptFact fact, String open, String paidAfterClose, long timestamp) {
		log.warn("Order {}: payment order {} of merchant order {} was paid after it was closed; closing {} at WeChat",
				open, paidAfterClose, fact.merchantOrderNo(), open);
		Instant now = Instant.ofEpochMilli(this.context.currentSystemTimeMs());
		OrderEvent cancel = OrderEvent.cancelled(fact.mchid(), open, now,
				"payment order " + paidAfterClose + " of merchant order " + fact.merchantOrderNo()
						+ " was paid after it was closed; " + open + " is closed so that it cannot be paid too");
		this.context.forward(new Record<>(cancel.key(), cancel, timestamp));
	}

	private static String paidAfterClose(Map<String, State> known) {
		for (Map.Entry<String, State> entry : known.entrySet()) {
			if (entry.getValue() == State.PAID_AFTER_CLOSE) {
				return entry.getKey();
			}
		}
		return null;
	}

	private static Map<String, State> read(String value) {
		Map<String, State> known = new LinkedHashMap<>();
		if (value != null && !value.isEmpty()) {
			for (String line : value.split("\n")) {
				int space = line.indexOf(' ');
				known.put(line.substring(space + 1), State.valueOf(line.substring(0, space)));
			}
		}
		return known;
	}

	private static String write(Map<String, State> known) {
		StringBuilder out = new StringBuilder();
		known.forEach((outTradeNo, state) -> {
			if (!out.isEmpty()) {
				out.append('\n');
			}
			out.append(state.name()).append(' ').append(outTradeNo);
		});
		return out.toString();
	}

	/** What this processor knows of one payment order. */
	private enum State {

		/** Created, not known paid or cancelled. */
		OPEN,

		/** Cancelled by this processor. */
		CANCEL_SENT,

		/** Paid. */
		PAID,

		/** Paid after it was closed. */
		PAID_AFTER_CLOSE

	}

}
