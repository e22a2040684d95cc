package io.paytally.stream.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paytally.schemas.AnomalyType;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.SuggestedAction;

/**
 * Keeps the paid out_trade_nos of every merchant order; a second one paid is a
 * DUPLICATE_PAYMENT naming both, keyed by the second so it can be refunded. A payment
 * order retired from the {@code orders} store leaves its merchant order's entry, and the
 * entry is deleted with its last one (a tombstone on the store's changelog).
 */
final class DuplicatePaymentProcessor implements Processor<String, PaidOrder, String, PaymentAnomaly> {

	private static final Logger log = LoggerFactory.getLogger(DuplicatePaymentProcessor.class);

	private ProcessorContext<String, PaymentAnomaly> context;

	private KeyValueStore<String, String> paid;

	@Override
	public void init(ProcessorContext<String, PaymentAnomaly> context) {
		this.context = context;
		this.paid = context.getStateStore(PaymentTopology.PAID_BY_MERCHANT_ORDER_STORE);
	}

	@Override
	public void process(Record<String, PaidOrder> record) {
		PaidOrder order = record.value();
		String known = this.paid.get(record.key());
		List<String> outTradeNos = (known != null) ? new ArrayList<>(Arrays.asList(known.split("\n")))
				: new ArrayList<>();
		if (order.retired()) {
			retire(record.key(), order, outTradeNos);
			return;
		}
		if (outTradeNos.contains(order.outTradeNo())) {
			return;
		}
		outTradeNos.add(order.outTradeNo());
		this.paid.put(record.key(), String.join("\n", outTradeNos));
		if (outTradeNos.size() > 1) {
			String first = outTradeNos.get(0);
			log.warn("Order {}: merchant order {} was already paid by {}", order.outTradeNo(), order.merchantOrderNo(),
					first);
			Instant now = Instant.ofEpochMilli(this.context.currentSystemTimeMs());
			PaymentAnomaly anomaly = new PaymentAnomaly(
					PaymentAnomaly.idOf(AnomalyType.DUPLICATE_PAYMENT, order.mchid(), order.outTradeNo()),
					AnomalyType.DUPLICATE_PAYMENT, order.mchid(), order.outTradeNo(), order.merchantOrderNo(), first,
					null, order.amount(), SuggestedAction.REFUND,
					"Merchant order " + order.merchantOrderNo() + " was paid twice: " + first + " and "
							+ order.outTradeNo() + "; refund " + order.outTradeNo(),
					"stream-app", now);
			this.context.forward(new Record<>(anomaly.key(), anomaly, record.timestamp()));
		}
	}

	private void retire(String merchantOrderKey, PaidOrder order, List<String> outTradeNos) {
		if (!outTradeNos.remove(order.outTradeNo())) {
			return;
		}
		if (outTradeNos.isEmpty()) {
			this.paid.delete(merchantOrderKey);
		}
		else {
			this.paid.put(merchantOrderKey, String.join("\n", outTradeNos));
		}
		log.debug("Order {} retired from the paid orders of merchant order {} ({} left)", order.outTradeNo(),
				order.merchantOrderNo(), outTradeNos.size());
	}

}
