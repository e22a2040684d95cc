package io.paytally.stream.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Writes the compact binary form of internal records (stores, changelogs, repartition
 * topics): variable-length integers, length-prefixed UTF-8 strings, enums by name, and a
 * leading presence flag for everything nullable.
 */
public final class BinaryWriter {

	private byte[] buffer;

	private int size;

	public BinaryWriter(int capacity) {
		this.buffer = new byte[Math.max(capacity, 16)];
	}

	/** The bytes written. */
	public byte[] toByteArray() {
		return Arrays.copyOf(this.buffer, this.size);
	}

	/** One raw byte. */
	public BinaryWriter writeByte(int value) {
		ensure(1);
		this.buffer[this.size++] = (byte) value;
		return this;
	}

	/** A boolean as one byte. */
	public BinaryWriter writeBoolean(boolean value) {
		return writeByte(value ? 1 : 0);
	}

	/** A long, zig-zag encoded in 1 to 10 bytes. */
	public BinaryWriter writeLong(long value) {
		long v = (value << 1) ^ (value >> 63);
		ensure(10);
		while ((v & ~0x7FL) != 0) {
			this.buffer[this.size++] = (byte) ((v & 0x7F) | 0x80);
			v >>>= 7;
		}
		this.buffer[this.size++] = (byte) v;
		return this;
	}

	/** A long that may be {@code null}. */
	public BinaryWriter writeNullableLong(Long value) {
		if (value == null) {
			return writeByte(0);
		}
		writeByte(1);
		return writeLong(value);
	}

	/** A string that may be {@code null}. */
	public BinaryWriter writeString(String value) {
		if (value == null) {
			return writeLong(-1);
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		writeLong(bytes.length);
		ensure(bytes.length);
		System.arraycopy(bytes, 0, this.buffer, this.size, bytes.length);
		this.size += bytes.length;
		return this;
	}

	/** An instant (seconds and nanoseconds) that may be {@code null}. */
	public BinaryWriter writeInstant(Instant value) {
		if (value == null) {
			return writeByte(0);
		}
		writeByte(1);
		writeLong(value.getEpochSecond());
		return writeLong(value.getNano());
	}

	/** An enum constant, by name, that may be {@code null}. */
	public BinaryWriter writeEnum(Enum<?> value) {
		return writeString((value != null) ? value.name() : null);
	}

	private void ensure(int more) {
		if (this.size + more > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.size + more));
		}
	}

}
