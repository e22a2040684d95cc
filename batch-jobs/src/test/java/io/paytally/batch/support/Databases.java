package io.paytally.batch.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh database per test class: an H2 in-memory database, or a schema of its own in
 * the local PostgreSQL ({@code PAYTALLY_TEST_PG_URL}, default
 * {@code jdbc:postgresql://127.0.0.1:5432/paytally_test}, user/password postgres).
 */
public final class Databases {

	public static final String PG_URL = System.getenv()
		.getOrDefault("PAYTALLY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/paytally_test");

	public static final String PG_USER = System.getenv().getOrDefault("PAYTALLY_TEST_PG_USER", "postgres");

	public static final String PG_PASSWORD = System.getenv().getOrDefault("PAYTALLY_TEST_PG_PASSWORD", "postgres");

	private Databases() {
	}

	/** Spring datasource properties of a new H2 in-memory database. */
	public static Map<String, String> h2() {
		return Map.of("spring.datasource.url",
				"jdbc:h2:mem:batch-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
				"spring.datasource.username", "sa", "spring.datasource.password", "");
	}

	/** Spring datasource properties of a new schema in the local PostgreSQL. */
	public static Map<String, String> postgres() {
		String schema = "batch_"
				+ UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
		try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + schema);
		}
		catch (Exception ex) {
			throw new IllegalStateException("PostgreSQL at " + PG_URL + " is needed (pg_ctlcluster 15 main start)", ex);
		}
		return Map.of("spring.datasource.url", PG_URL + "?currentSchema=" + schema + "&reWriteBatchedInserts=true",
				"spring.datasource.username", PG_USER, "spring.datasource.password", PG_PASSWORD,
				"spring.flyway.schemas", schema, "spring.flyway.default-schema", schema);
	}

}
