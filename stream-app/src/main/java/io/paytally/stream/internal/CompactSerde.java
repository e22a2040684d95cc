package io.paytally.stream.internal;

import java.util.function.BiConsumer;
import java.util.function.Function;

import org.apache.kafka.common.errors.SerializationException;

import io.paytally.schemas.serde.JsonSerde;
import io.paytally.schemas.serde.RecordSerde;

/**
 * The serde of stream-app's internal records (state stores, their changelogs and the
 * repartition topics): a version byte, then the fields in a fixed order, written by a
 * {@link BinaryWriter}. About ten times cheaper than JSON on the hot path. Records that
 * start with {@code '{'} are read as paytally's JSON, the form these topics had before,
 * so that a store restored from an older changelog still reads.
 *
 * @param <T> the record type
 */
public final class CompactSerde<T> extends RecordSerde<T> {

	/** The first byte of the current format. */
	static final byte VERSION = 1;

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
		super(type);
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
			throw new SerializationException("Cannot read " + type().getSimpleName() + " from " + topic
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
			throw new SerializationException("Cannot read " + type().getSimpleName() + " from " + topic, ex);
		}
	}

	private JsonSerde<T> legacyJson() {
		JsonSerde<T> json = this.json;
		if (json == null) {
			json = JsonSerde.of(type());
			this.json = json;
		}
		return json;
	}

}
