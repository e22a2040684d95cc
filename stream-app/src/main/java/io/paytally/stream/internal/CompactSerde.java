package io.paytally.stream.internal;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import io.paytally.schemas.serde.JsonSerde;

/**
 * The serde of stream-app's internal records (state stores, their changelogs and the
 * repartition topics): a version byte, then the fields in a fixed order, written by a
 * {@link BinaryWriter}. About ten times cheaper than JSON on the hot path. Records that
 * start with {@code '{'} are read as paytally's JSON, the form these topics had before,
 * so that a store restored from an older changelog still reads.
 *
 * @param <T> the record type
 */
public final class CompactSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

	/** The first byte of the current format. */
	static final byte VERSION = 1;

	private final Class<T> type;

	private final BiConsumer<T, BinaryWriter> writer;

	private final Function<BinaryReader, T> reader;

	private final int capacity;

	private volatile JsonSerde<T> json;

	/**
	 * @param type the record type
	 * @param capacity the usual size of one record in bytes
	 * @param writer writes a record's fields
	 * @param reader reads them back in the same order
	 */
	public CompactSerde(Class<T> type, int capacity, BiConsumer<T, BinaryWriter> writer,
			Function<BinaryReader, T> reader) {
		this.type = type;
		this.capacity = capacity;
		this.writer = writer;
		this.reader = reader;
	}

	@Override
	public byte[] serialize(String topic, T data) {
		if (data == null) {
			return null;
		}
		BinaryWriter out = new BinaryWriter(this.capacity);
		out.writeByte(VERSION);
		this.writer.accept(data, out);
		return out.toByteArray();
	}

	@Override
	public T deserialize(String topic, byte[] data) {
		if (data == null) {
			return null;
		}
		if (data.length > 0 && data[0] == '{') {
			return legacyJson().deserialize(topic, data);
		}
		if (data.length == 0 || data[0] != VERSION) {
			throw new SerializationException("Cannot read " + this.type.getSimpleName() + " from " + topic
					+ ": unknown format " + ((data.length > 0) ? data[0] : "(empty)"));
		}
		try {
			BinaryReader in = new BinaryReader(data, 1);
			T value = this.reader.apply(in);
			if (!in.atEnd()) {
				throw new IllegalArgumentException("Bytes left over");
			}
			return value;
		}
		catch (RuntimeException ex) {
			throw new SerializationException("Cannot read " + this.type.getSimpleName() + " from " + topic, ex);
		}
	}

	private JsonSerde<T> legacyJson() {
		JsonSerde<T> json = this.json;
		if (json == null) {
			json = JsonSerde.of(this.type);
			this.json = json;
		}
		return json;
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
