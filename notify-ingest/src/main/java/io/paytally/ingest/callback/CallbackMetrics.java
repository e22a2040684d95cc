package io.paytally.ingest.callback;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The callback counters: received, accepted (by kind), refused (by reason), unavailable
 * (answered 503 because the broker did not acknowledge).
 */
public final class CallbackMetrics {

	private final MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	public CallbackMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	public void received(String protocol) {
		counter("paytally.ingest.callbacks.received", "protocol", protocol, null, null).increment();
	}

	public void accepted(String protocol, String kind) {
		counter("paytally.ingest.callbacks.accepted", "protocol", protocol, "kind", (kind != null) ? kind : "none")
			.increment();
	}

	/**
	 * A genuine callback of an event type paytally does not handle, kept on
	 * {@code wxpay.unknown-notifications}, by event type (verified text of WeChat's, at
	 * most 64 characters of {@code [A-Z0-9_.]}).
	 */
	public void unknownEvent(String eventType) {
		counter("paytally.ingest.unknown.events", "event_type", eventType, null, null).increment();
	}

	public void refused(String protocol, String reason) {
		counter("paytally.ingest.callbacks.refused", "protocol", protocol, "reason", reason).increment();
	}

	public void unavailable(String protocol) {
		counter("paytally.ingest.callbacks.unavailable", "protocol", protocol, null, null).increment();
	}

	private Counter counter(String name, String tag1, String value1, String tag2, String value2) {
		String key = name + '|' + value1 + '|' + value2;
		Counter counter = this.counters.get(key);
		if (counter == null) {
			counter = this.counters.computeIfAbsent(key, (k) -> {
				Counter.Builder builder = Counter.builder(name).tag(tag1, value1);
				if (tag2 != null) {
					builder.tag(tag2, value2);
				}
				return builder.register(this.registry);
			});
		}
		return counter;
	}

}
