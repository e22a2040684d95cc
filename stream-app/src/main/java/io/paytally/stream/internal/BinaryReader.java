package io.paytally.stream.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Reads what a {@link BinaryWriter} wrote, in the same order.
 */
public final class BinaryReader {

	private final byte[] data;

	private int position;

	public BinaryReader(byte[] data, int offset) {
		this.data = data;
		this.position = offset;
	}

	/** Whether everything was read. */
	public boolean atEnd() {
		return this.position == this.data.length;
	}

	/** One raw byte. */
	public int readByte() {
		if (this.position >= this.data.length) {
			throw new IllegalArgumentException("Truncated record at byte " + this.position);
		}
		return this.data[this.position++];
	}

	/** A boolean. */
	public boolean readBoolean() {
		return readByte() != 0;
	}

	/** A zig-zag encoded long. */
	public long readLong() {
		long v = 0;
		int shift = 0;
		while (true) {
			int b = readByte();
			v |= (long) (b & 0x7F) << shift;
			if ((b & 0x80) == 0) {
				break;
			}
			shift += 7;
			if (shift > 63) {
				throw new IllegalArgumentException("Malformed number at byte " + this.position);
			}
		}
		return (v >>> 1) ^ -(v & 1);
	}

	/** An int written as a long. */
	public int readInt() {
		return Math.toIntExact(readLong());
	}

	/** A long that may be {@code null}. */
	public Long readNullableLong() {
		return readBoolean() ? readLong() : null;
	}

	/** A string that may be {@code null}. */
	public String readString() {
		long length = readLong();
		if (length < 0) {
			return null;
		}
		if (length > this.data.length - this.position) {
			throw new IllegalArgumentException("Truncated string at byte " + this.position);
		}
		String value = new String(this.data, this.position, (int) length, StandardCharsets.UTF_8);
		this.position += (int) length;
		return value;
	}

	/** An instant that may be {@code null}. */
	public Instant readInstant() {
		if (!readBoolean()) {
			return null;
		}
		long seconds = readLong();
		return Instant.ofEpochSecond(seconds, readLong());
	}

	/** An enum constant that may be {@code null}. */
	public <E extends Enum<E>> E readEnum(Class<E> type) {
		String name = readString();
		return (name != null) ? Enum.valueOf(type, name) : null;
	}

}
