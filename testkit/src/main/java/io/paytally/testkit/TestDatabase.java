package io.paytally.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A database of its own for one test: a fresh schema {@code t_<random>} on the database
 * server picked for this JVM, a small Hikari pool whose connections use it, and the JDBC
 * URL (schema included) to give Spring as {@code spring.datasource.url}. Closing drops
 * the schema with everything in it.
 *
 * <p>
 * The server is picked once per JVM, first match wins:
 * <ol>
 * <li>{@code PAYTALLY_TEST_JDBC_URL} (with {@code PAYTALLY_TEST_JDBC_USER} and
 * {@code PAYTALLY_TEST_JDBC_PASSWORD}, default postgres/postgres);</li>
 * <li>a PostgreSQL answering on 127.0.0.1:5432 (database {@code paytally_test}, created
 * if missing, same user and password);</li>
 * <li>a Testcontainers PostgreSQL where a Docker engine exists;</li>
 * <li>H2 in PostgreSQL mode, with one warning line, unless
 * {@code PAYTALLY_TEST_REQUIRE_POSTGRES=true}, which makes the pick fail instead.</li>
 * </ol>
 */
public final class TestDatabase implements AutoCloseable {

	/** A JDBC URL of the PostgreSQL database to use. */
	public static final String URL_ENV = "PAYTALLY_TEST_JDBC_URL";

	/** The user of the PostgreSQL database (default postgres). */
	public static final String USER_ENV = "PAYTALLY_TEST_JDBC_USER";

	/** The password of the PostgreSQL database (default postgres). */
	public static final String PASSWORD_ENV = "PAYTALLY_TEST_JDBC_PASSWORD";

	/** {@code true}: fail rather than fall back to H2 (CI sets it). */
	public static final String REQUIRE_POSTGRES_ENV = "PAYTALLY_TEST_REQUIRE_POSTGRES";

	private final DatabaseServer server;

	private final String schema;

	private final String jdbcUrl;

	private final HikariDataSource dataSource;

	private boolean closed;

	private TestDatabase(DatabaseServer server, String schema) {
		this.server = server;
		this.schema = schema;
		this.jdbcUrl = server.urlWithSchema(schema);
		HikariConfig config = new HikariConfig();
		config.setPoolName("test-" + schema);
		config.setJdbcUrl(this.jdbcUrl);
		config.setUsername(server.username());
		config.setPassword(server.password());
		config.setMaximumPoolSize(4);
		config.setMinimumIdle(0);
		config.setConnectionTimeout(30_000);
		this.dataSource = new HikariDataSource(config);
	}

	/** A fresh schema on the server picked for this JVM. */
	public static TestDatabase create() {
		DatabaseServer server = DatabaseServer.picked();
		String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		server.execute("CREATE SCHEMA " + schema);
		return new TestDatabase(server, schema);
	}

	/** PostgreSQL or H2. */
	public Kind kind() {
		return this.server.kind();
	}

	/**
	 * Where the server came from, for logs: the environment, the local server, a
	 * container or H2.
	 */
	public String origin() {
		return this.server.origin();
	}

	/** The test's schema, {@code t_<random>}. */
	public String schema() {
		return this.schema;
	}

	/** The pool of this test's schema. Closed by {@link #close()}. */
	public DataSource dataSource() {
		return this.dataSource;
	}

	/**
	 * The JDBC URL whose connections use this test's schema (PostgreSQL
	 * {@code currentSchema=}, H2 {@code SCHEMA=}).
	 */
	public String jdbcUrl() {
		return this.jdbcUrl;
	}

	public String username() {
		return this.server.username();
	}

	public String password() {
		return this.server.password();
	}

	/**
	 * {@code spring.datasource.url}, {@code .username} and {@code .password} of this
	 * test's schema.
	 */
	public Map<String, Object> springProperties() {
		return Map.of("spring.datasource.url", this.jdbcUrl, "spring.datasource.username", username(),
				"spring.datasource.password", password());
	}

	/** Closes the pool and drops the schema with everything in it. */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.dataSource.close();
		this.server.execute("DROP SCHEMA " + this.schema + " CASCADE");
	}

	@Override
	public String toString() {
		return kind() + " " + this.jdbcUrl + " (" + origin() + ")";
	}

	/** The kinds of database. */
	public enum Kind {

		POSTGRESQL, H2

	}

	/**
	 * Runs one statement on the server with a short-lived connection (schema creation and
	 * removal).
	 */
	static void execute(String url, String user, String password, String sql) {
		try (Connection connection = DriverManager.getConnection(url, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run '" + sql + "' on " + url + ": " + ex.getMessage(), ex);
		}
	}

	static boolean isTrue(String value) {
		return value != null && value.trim().toLowerCase(Locale.ROOT).equals("true");
	}

}
