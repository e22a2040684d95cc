package io.paytally.batch.internal;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.ByteStreamWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bytes of PostgreSQL's binary COPY format, as its documentation gives them: the
 * 11-byte signature, flags and header extension, then per row the column count and per
 * value its length and big-endian bytes (-1 for null), then the trailer -1.
 */
class CopyBinaryTest {

	private static final String HEADER = "5047434f50590aff0d0a00" + "00000000" + "00000000";

	@Test
	void writesTheHeaderEveryTypeOfValueNullsAndTheTrailer() {
		RecordedCopy copy = new RecordedCopy();
		CopyBinary binary = CopyBinary.to(copy, "t (a, b, c, d, e, f, g)");
		binary.row(7)
			.text("DEMO-1")
			.text("元")
			.int8(1250L)
			.int8(-1L)
			.timestamp(LocalDateTime.of(2000, 1, 1, 0, 0, 1))
			.date(LocalDate.of(2026, 3, 1))
			.text(null);
		binary.row(2).int8((Long) null).date(null);
		assertThat(binary.finish()).isEqualTo(2);
		assertThat(HexFormat.of().formatHex(copy.bytes.toByteArray())).isEqualTo(HEADER
				// row of 7 columns
				+ "0007"
				// "DEMO-1": 6 bytes
				+ "00000006" + "44454d4f2d31"
				// "元" in UTF-8: 3 bytes
				+ "00000003" + "e58583"
				// 1250 and -1 as 8-byte integers
				+ "00000008" + "00000000000004e2" + "00000008" + "ffffffffffffffff"
				// one second after PostgreSQL's epoch, in microseconds
				+ "00000008" + "00000000000f4240"
				// 2026-03-01: 9556 days after 2000-01-01
				+ "00000004" + "00002554"
				// null
				+ "ffffffff"
				// row of 2 nulls
				+ "0002" + "ffffffff" + "ffffffff"
				// trailer
				+ "ffff");
		assertThat(copy.ended).isTrue();
	}

	@Test
	void timestampsBeforePostgresEpochAreNegativeMicroseconds() {
		RecordedCopy copy = new RecordedCopy();
		CopyBinary binary = CopyBinary.to(copy, "t (a)");
		binary.row(1).timestamp(LocalDateTime.of(1999, 12, 31, 23, 59, 59));
		binary.finish();
		assertThat(HexFormat.of().formatHex(copy.bytes.toByteArray()))
			.isEqualTo(HEADER + "0001" + "00000008" + "fffffffffff0bdc0" + "ffff");
	}

	@Test
	void aValueLargerThanTheBufferIsStreamedWhole() {
		RecordedCopy copy = new RecordedCopy();
		CopyBinary binary = CopyBinary.to(copy, "t (a)");
		String large = "x".repeat(100_000);
		binary.row(1).text(large);
		binary.finish();
		byte[] written = copy.bytes.toByteArray();
		assertThat(written).hasSize(19 + 2 + 4 + 100_000 + 2);
		assertThat(HexFormat.of().formatHex(written, 19, 25)).isEqualTo("0001" + "000186a0");
	}

	@Test
	void closingAnUnfinishedCopyCancelsIt() {
		RecordedCopy copy = new RecordedCopy();
		CopyBinary binary = CopyBinary.to(copy, "t (a)");
		binary.row(1).int8(1L);
		binary.close();
		assertThat(copy.cancelled).isTrue();
		assertThat(copy.ended).isFalse();
	}

	/** A copy operation that keeps the bytes handed to the server. */
	static final class RecordedCopy implements CopyIn {

		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		boolean ended;

		boolean cancelled;

		private long rows;

		@Override
		public void writeToCopy(byte[] buf, int off, int siz) {
			this.bytes.write(buf, off, siz);
		}

		@Override
		public void writeToCopy(ByteStreamWriter from) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void flushCopy() {
		}

		@Override
		public long endCopy() {
			this.ended = true;
			// the rows are counted from the bytes: each starts after the previous one
			byte[] all = this.bytes.toByteArray();
			this.rows = countRows(all);
			return this.rows;
		}

		private static long countRows(byte[] all) {
			long rows = 0;
			int position = 19;
			while (true) {
				int columns = (short) (((all[position] & 0xff) << 8) | (all[position + 1] & 0xff));
				position += 2;
				if (columns == -1) {
					return rows;
				}
				rows++;
				for (int i = 0; i < columns; i++) {
					int length = ((all[position] & 0xff) << 24) | ((all[position + 1] & 0xff) << 16)
							| ((all[position + 2] & 0xff) << 8) | (all[position + 3] & 0xff);
					position += 4 + Math.max(length, 0);
				}
			}
		}

		@Override
		public int getFieldCount() {
			return 0;
		}

		@Override
		public int getFormat() {
			return 1;
		}

		@Override
		public int getFieldFormat(int field) {
			return 1;
		}

		@Override
		public boolean isActive() {
			return !this.ended && !this.cancelled;
		}

		@Override
		public void cancelCopy() {
			this.cancelled = true;
		}

		@Override
		public long getHandledRowCount() {
			return this.rows;
		}

	}

}
