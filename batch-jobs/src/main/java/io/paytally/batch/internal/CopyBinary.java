package io.paytally.batch.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * One {@code COPY ... FROM STDIN (FORMAT binary)} on the connection of the current
 * transaction (PostgreSQL only), streamed: rows are encoded into a buffer that is handed
 * to the server whenever it fills, so that the server stores rows while the next ones are
 * encoded. PostgreSQL reads binary values without parsing text (no timestamp or number
 * parsing on the server). Columns must be written in the order of the column list, with
 * the column's type: {@code VARCHAR} ({@link #text}), {@code BIGINT} ({@link #int8}),
 * {@code TIMESTAMP} ({@link #timestamp}, whole seconds as the text format wrote them),
 * {@code DATE} ({@link #date}). Call {@link #finish()} to end the copy; {@link #close()}
 * cancels one that was not finished.
 */
public final class CopyBinary implements AutoCloseable {

	private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0 };

	/** 2000-01-01T00:00:00, PostgreSQL's epoch, in seconds of the Unix epoch. */
	private static final long PG_EPOCH_SECONDS = 946_684_800L;

	/** 2000-01-01 in days of the Unix epoch. */
	private static final long PG_EPOCH_DAYS = 10_957L;

	private static final int BUFFER = 1 << 16;

	private final DataSource dataSource;

	private final Connection connection;

	private final CopyIn copy;

	private final String table;

	private final byte[] buffer = new byte[BUFFER];

	private int position;

	private boolean finished;

	private CopyBinary(DataSource dataSource, Connection connection, CopyIn copy, String table) {
		this.dataSource = dataSource;
		this.connection = connection;
		this.copy = copy;
		this.table = table;
	}

	/**
	 * Starts a binary COPY into a table in the current transaction.
	 * @param dataSource the data source of the transaction
	 * @param table the table and its columns, e.g. {@code t (a, b)}
	 * @return the copy, to be finished or closed
	 */
	public static CopyBinary start(DataSource dataSource, String table) {
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			CopyIn copy = connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("COPY " + table + " FROM STDIN (FORMAT binary)");
			return new CopyBinary(dataSource, connection, copy, table).header();
		}
		catch (SQLException ex) {
			DataSourceUtils.releaseConnection(connection, dataSource);
			throw new IllegalStateException("COPY into " + table + " failed", ex);
		}
	}

	/**
	 * A binary COPY written to a copy operation that is already under way, with no
	 * connection to release: what {@link #start} does once the server accepted the
	 * {@code COPY} statement.
	 * @param copy the copy operation
	 * @param table the table, for messages
	 * @return the copy, its header written
	 */
	static CopyBinary to(CopyIn copy, String table) {
		return new CopyBinary(null, null, copy, table).header();
	}

	private CopyBinary header() {
		bytes(SIGNATURE);
		int32(0);
		return int32(0);
	}

	/** Starts a row of so many columns. */
	public CopyBinary row(int columns) {
		ensure(2);
		this.buffer[this.position++] = (byte) (columns >>> 8);
		this.buffer[this.position++] = (byte) columns;
		return this;
	}

	/** A {@code VARCHAR} value or null. */
	public CopyBinary text(String value) {
		if (value == null) {
			return nullValue();
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		int32(bytes.length);
		bytes(bytes);
		return this;
	}

	/** A {@code BIGINT} value. */
	public CopyBinary int8(long value) {
		int32(8);
		ensure(8);
		for (int shift = 56; shift >= 0; shift -= 8) {
			this.buffer[this.position++] = (byte) (value >>> shift);
		}
		return this;
	}

	/** A {@code BIGINT} value or null. */
	public CopyBinary int8(Long value) {
		return (value != null) ? int8(value.longValue()) : nullValue();
	}

	/** A {@code TIMESTAMP} value (whole seconds) or null. */
	public CopyBinary timestamp(LocalDateTime value) {
		return (value != null) ? timestampSeconds(value.toEpochSecond(ZoneOffset.UTC)) : nullValue();
	}

	/**
	 * A {@code TIMESTAMP} value given as the seconds from 1970-01-01T00:00:00 of the
	 * local time.
	 */
	public CopyBinary timestampSeconds(long localEpochSeconds) {
		return int8((localEpochSeconds - PG_EPOCH_SECONDS) * 1_000_000L);
	}

	/** A {@code DATE} value or null. */
	public CopyBinary date(LocalDate value) {
		if (value == null) {
			return nullValue();
		}
		int32(4);
		return int32((int) (value.toEpochDay() - PG_EPOCH_DAYS));
	}

	/** A null value of any type. */
	public CopyBinary nullValue() {
		return int32(-1);
	}

	/**
	 * Ends the copy.
	 * @return the rows copied
	 */
	public long finish() {
		ensure(2);
		this.buffer[this.position++] = (byte) 0xff;
		this.buffer[this.position++] = (byte) 0xff;
		flush();
		try {
			long rows = this.copy.endCopy();
			this.finished = true;
			return rows;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("COPY into " + this.table + " failed", ex);
		}
	}

	@Override
	public void close() {
		try {
			if (!this.finished && this.copy.isActive()) {
				this.copy.cancelCopy();
			}
		}
		catch (SQLException ex) {
			// the transaction fails anyway
		}
		finally {
			DataSourceUtils.releaseConnection(this.connection, this.dataSource);
		}
	}

	private CopyBinary int32(int value) {
		ensure(4);
		this.buffer[this.position++] = (byte) (value >>> 24);
		this.buffer[this.position++] = (byte) (value >>> 16);
		this.buffer[this.position++] = (byte) (value >>> 8);
		this.buffer[this.position++] = (byte) value;
		return this;
	}

	private void bytes(byte[] bytes) {
		if (bytes.length > BUFFER) {
			flush();
			writeToCopy(bytes, bytes.length);
			return;
		}
		ensure(bytes.length);
		System.arraycopy(bytes, 0, this.buffer, this.position, bytes.length);
		this.position += bytes.length;
	}

	private void ensure(int bytes) {
		if (this.position + bytes > BUFFER) {
			flush();
		}
	}

	private void flush() {
		if (this.position > 0) {
			writeToCopy(this.buffer, this.position);
			this.position = 0;
		}
	}

	private void writeToCopy(byte[] bytes, int length) {
		try {
			this.copy.writeToCopy(bytes, 0, length);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("COPY into " + this.table + " failed", ex);
		}
	}

}
