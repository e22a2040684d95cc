package io.paytally.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * A Kafka {@link org.apache.kafka.common.serialization.Serde} of one record type as JSON,
 * usable from Kafka Streams and Spring Kafka alike. A {@code null} value (a tombstone)
 * stays {@code null}.
 *
 * @param <T> the record type
 */
public final class JsonSerde<T> extends RecordSerde<T> {

	private final ObjectWriter writer;

	private final ObjectReader reader;

	public JsonSerde(Class<T> type) {
		super(type);
		this.writer = Json.mapper().writerFor(type);
		this.reader = Json.mapper().readerFor(type);
	}

	/** A serde of the given type. */
	public static <T> JsonSerde<T> of(Class<T> type) {
		return new JsonSerde<>(type);
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
			throw new SerializationException("Cannot write " + type().getSimpleName() + " to " + topic, ex);
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
			throw new SerializationException("Cannot read " + type().getSimpleName() + " from " + topic, ex);
		}
	}

}
