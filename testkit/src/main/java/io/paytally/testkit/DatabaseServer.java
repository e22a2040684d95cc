package io.paytally.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.paytally.testkit.TestDatabase.Kind;

/**
 * The database server of this JVM's tests, picked once (see {@link TestDatabase}).
 *
 * @param kind PostgreSQL or H2
 * @param url the JDBC URL of the database, without a schema
 * @param username the user
 * @param password the password
 * @param origin where it came from, for logs
 */
record DatabaseServer(Kind kind, String url, String username, String password, String origin) {

	/** {@code host:port} of the local server to probe, or {@code none}. */
	static final String LOCAL_ENV = "PAYTALLY_TEST_LOCAL_POSTGRES";

	static final String LOCAL_DATABASE = "paytally_test";

	static final String POSTGRES_IMAGE_ENV = "PAYTALLY_TEST_POSTGRES_IMAGE";

	static final String H2_URL = "jdbc:h2:mem:paytally_test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
			+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

	private static final Logger logger = LoggerFactory.getLogger(TestDatabase.class);

	private static DatabaseServer picked;

	/** The server of this JVM, picked on first use. */
	static synchronized DatabaseServer picked() {
		if (picked == null) {
			picked = pick();
			if (picked.kind() == Kind.POSTGRESQL) {
				logger.info("Test databases on PostgreSQL {} ({})", picked.url(), picked.origin());
			}
		}
		return picked;
	}

	/** The JDBC URL of a schema of this server. */
	String urlWithSchema(String schema) {
		if (this.kind == Kind.H2) {
			return this.url + ";SCHEMA=" + schema;
		}
		return this.url + ((this.url.indexOf('?') >= 0) ? "&" : "?") + "currentSchema=" + schema;
	}

	void execute(String sql) {
		TestDatabase.execute(this.url, this.username, this.password, sql);
	}

	private static DatabaseServer pick() {
		String user = env(TestDatabase.USER_ENV, "postgres");
		String password = env(TestDatabase.PASSWORD_ENV, "postgres");
		boolean requirePostgres = TestDatabase.isTrue(System.getenv(TestDatabase.REQUIRE_POSTGRES_ENV));
		String url = System.getenv(TestDatabase.URL_ENV);
		if (url != null && !url.isBlank()) {
			Kind kind = url.trim().startsWith("jdbc:h2:") ? Kind.H2 : Kind.POSTGRESQL;
			DatabaseServer server = new DatabaseServer(kind, url.trim(), user, password, TestDatabase.URL_ENV);
			server.checkConnects();
			return server;
		}
		String local = env(LOCAL_ENV, "127.0.0.1:5432");
		String localProblem = null;
		if (!local.equals("none") && answers(local)) {
			try {
				return local(local, user, password);
			}
			catch (SQLException ex) {
				localProblem = "PostgreSQL on " + local + " refused " + user + ": " + ex.getMessage();
				if (requirePostgres) {
					throw new IllegalStateException(
							localProblem + " (set " + TestDatabase.USER_ENV + " and " + TestDatabase.PASSWORD_ENV + ")",
							ex);
				}
			}
		}
		if (Docker.isAvailable()) {
			return container();
		}
		String where = local.equals("none") ? "the local probe is off (" + LOCAL_ENV + "=none)"
				: "nothing answers on " + local;
		String reason = (localProblem != null) ? localProblem
				: TestDatabase.URL_ENV + " is not set, " + where + " and there is no Docker";
		if (requirePostgres) {
			throw new IllegalStateException(
					"No PostgreSQL for the tests and " + TestDatabase.REQUIRE_POSTGRES_ENV + "=true: " + reason);
		}
		logger.warn("No PostgreSQL ({}): tests use H2 in PostgreSQL mode, which is not PostgreSQL; set {}=true to "
				+ "fail instead", reason, TestDatabase.REQUIRE_POSTGRES_ENV);
		return new DatabaseServer(Kind.H2, H2_URL, "sa", "", "H2 in PostgreSQL mode");
	}

	/** The local server's paytally_test database, created if missing. */
	private static DatabaseServer local(String hostAndPort, String user, String password) throws SQLException {
		String base = "jdbc:postgresql://" + hostAndPort + "/";
		String origin = "PostgreSQL on " + hostAndPort;
		try (Connection connection = DriverManager.getConnection(base + LOCAL_DATABASE, user, password)) {
			return new DatabaseServer(Kind.POSTGRESQL, base + LOCAL_DATABASE, user, password, origin);
		}
		catch (SQLException ex) {
			if (!"3D000".equals(ex.getSQLState())) {
				throw ex;
			}
		}
		try (Connection connection = DriverManager.getConnection(base + "postgres", user, password)) {
			connection.createStatement().execute("CREATE DATABASE " + LOCAL_DATABASE);
		}
		catch (SQLException ex) {
			// 42P04: created meanwhile by another JVM
			if (!"42P04".equals(ex.getSQLState())) {
				throw ex;
			}
		}
		return new DatabaseServer(Kind.POSTGRESQL, base + LOCAL_DATABASE, user, password, origin);
	}

	@SuppressWarnings("resource")
	private static DatabaseServer container() {
		String image = env(POSTGRES_IMAGE_ENV, "postgres:16-alpine");
		PostgreSQLContainer container = new PostgreSQLContainer(image);
		container.start();
		// stopped by Testcontainers' reaper when the JVM ends
		return new DatabaseServer(Kind.POSTGRESQL, container.getJdbcUrl(), container.getUsername(),
				container.getPassword(), "Testcontainers " + image);
	}

	private void checkConnects() {
		try (Connection connection = DriverManager.getConnection(this.url, this.username, this.password)) {
			// connected
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot connect to " + this.url + " (" + this.origin + ") as "
					+ this.username + ": " + ex.getMessage(), ex);
		}
	}

	private static boolean answers(String hostAndPort) {
		int colon = hostAndPort.lastIndexOf(':');
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(hostAndPort.substring(0, colon),
					Integer.parseInt(hostAndPort.substring(colon + 1))), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
