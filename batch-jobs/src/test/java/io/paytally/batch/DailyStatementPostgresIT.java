package io.paytally.batch;

import java.util.Map;

import io.paytally.testkit.TestDatabase;

/**
 * The daily statement on PostgreSQL, the production database: a schema of its own from
 * the testkit's {@link TestDatabase} (the local server, or
 * {@code PAYTALLY_TEST_JDBC_URL}).
 */
class DailyStatementPostgresIT extends DailyStatementJobTests {

	private TestDatabase database;

	@Override
	Map<String, ?> database() {
		this.database = TestDatabase.create();
		return this.database.springProperties();
	}

	@Override
	void closeDatabase() {
		if (this.database != null) {
			this.database.close();
		}
	}

}
