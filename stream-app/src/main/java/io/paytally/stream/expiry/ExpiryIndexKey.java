package io.paytally.stream.expiry;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import org.apache.kafka.common.utils.Bytes;

/**
 * A key of the expiry index: 8 bytes of big-endian epoch milliseconds, then the order's
 * key ({@code mchid@out_trade_no}) in UTF-8. Byte order is time order (for times after
 * 1970), so a range scan from the lowest key to {@code now} reads exactly what is due.
 *
 * @param dueAt when the order is due
 * @param orderKey the order's key, {@code mchid@out_trade_no}
 */
public record ExpiryIndexKey(Instant dueAt, String orderKey) {

	private static final int TIME_BYTES = Long.BYTES;

	/** The lowest key of the index. */
	public static Bytes lowest() {
		return Bytes.wrap(new byte[TIME_BYTES]);
	}

	/**
	 * The lowest key of everything due strictly after {@code time}: a scan up to it
	 * (inclusive) reads everything due at or before {@code time}.
	 */
	public static Bytes upperBoundOfDueAt(Instant time) {
		return Bytes.wrap(ByteBuffer.allocate(TIME_BYTES).putLong(time.toEpochMilli() + 1).array());
	}

	/**
	 * Whether this is the entry of an order due at {@code time}. The index keeps
	 * milliseconds and an order may be due at a finer time (an order event's
	 * {@code expireAt}): its entry is the one of the millisecond it falls in.
	 */
	public boolean isEntryOf(Instant time) {
		return time != null && time.toEpochMilli() == this.dueAt.toEpochMilli();
	}

	/** This key's bytes. */
	public Bytes encode() {
		byte[] no = this.orderKey.getBytes(StandardCharsets.UTF_8);
		return Bytes
			.wrap(ByteBuffer.allocate(TIME_BYTES + no.length).putLong(this.dueAt.toEpochMilli()).put(no).array());
	}

	/** The key of the given bytes. */
	public static ExpiryIndexKey decode(Bytes key) {
		byte[] bytes = key.get();
		long millis = ByteBuffer.wrap(bytes, 0, TIME_BYTES).getLong();
		String no = new String(Arrays.copyOfRange(bytes, TIME_BYTES, bytes.length), StandardCharsets.UTF_8);
		return new ExpiryIndexKey(Instant.ofEpochMilli(millis), no);
	}

}
