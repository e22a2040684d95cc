package io.paytally.schemas.serde;

import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * A Kafka {@link Serde} of one record type as JSON, usable from Kafka Streams and Spring
 * Kafka alike. A {@code null} value (a tombstone) stays {@code null}.
 *
 * @param <T> the record type
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

	private final Class<T> type;

	private final ObjectWriter writer;

	private final ObjectReader reader;

	public JsonSerde(Class<T> type) {
		this.type = type;
		this.writer = Json.mapper().writerFor(type);
		this.reader = Json.mapper().readerFor(type);
	}

	/** A serde of the given type. */
	public static <T> JsonSerde<T> of(Class<T> type) {
		return new JsonSerde<>(type);
	}

	/** The record type. */
	public Class<T> type() {
		return this.type;
	}

	@Override
	public byte[] serialize(String topic, T data) {
		if (data == null) {
			return null;
		}
		try {
			return this.writer.writeValueAsBytes(data);
		}
		catch (JacksonException ex) {
			throw new SerializationException("Cannot write " + this.type.getSimpleName() + " to " + topic, ex);
		}
	}

	@Override
	public T deserialize(String topic, byte[] data) {
		if (data == null) {
			return null;
		}
		try {
			return this.reader.readValue(data);
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			throw new SerializationException("Cannot read " + this.type.getSimpleName() + " from " + topic, ex);
		}
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
