package io.paytally.batch.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

/**
 * The databases the daily statement runs on: PostgreSQL in production, H2 embedded.
 */
public enum Dialect {

	/** PostgreSQL: bulk loads use {@code COPY}. */
	POSTGRESQL("postgresql"),

	/** H2: bulk loads use JDBC batches. */
	H2("h2");

	private final String batchPlatform;

	Dialect(String batchPlatform) {
		this.batchPlatform = batchPlatform;
	}

	/** The suffix of Spring Batch's schema scripts for this database. */
	public String batchPlatform() {
		return this.batchPlatform;
	}

	/** The dialect of a connection's database. */
	public static Dialect of(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
		if (product.contains("postgres")) {
			return POSTGRESQL;
		}
		if (product.contains("h2")) {
			return H2;
		}
		throw new IllegalStateException("The daily statement runs on PostgreSQL or H2, not on " + product);
	}

	/** The dialect of a data source's database. */
	public static Dialect of(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return of(connection);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot tell which database the data source is", ex);
		}
	}

}
