package io.paytally.schemas.serde;

import java.util.Map;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serde} of one record type that is its own serializer and deserializer,
 * with nothing to configure or close: subclasses write and read, nothing else.
 *
 * @param <T> the record type
 */
public abstract class RecordSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

	private final Class<T> type;

	protected RecordSerde(Class<T> type) {
		this.type = type;
	}

	/** The record type. */
	public Class<T> type() {
		return this.type;
	}

	@Override
	public Serializer<T> serializer() {
		return this;
	}

	@Override
	public Deserializer<T> deserializer() {
		return this;
	}

	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
	}

	@Override
	public void close() {
	}

}
