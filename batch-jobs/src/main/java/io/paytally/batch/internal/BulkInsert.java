package io.paytally.batch.internal;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * {@code COPY ... FROM STDIN} on the connection of the current transaction (PostgreSQL
 * only).
 */
public final class BulkInsert {

	private BulkInsert() {
	}

	/**
	 * Copies rows into a table in the current transaction.
	 * @param dataSource the data source of the transaction
	 * @param table the table and its columns, e.g. {@code t (a, b)}
	 * @param rows the rows in text format
	 * @return the rows copied
	 */
	public static long copy(DataSource dataSource, String table, CopyText rows) {
		if (rows.isEmpty()) {
			return 0;
		}
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			return connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("COPY " + table + " FROM STDIN", new StringReader(rows.toString()));
		}
		catch (SQLException | java.io.IOException ex) {
			throw new IllegalStateException("COPY into " + table + " failed", ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

}
