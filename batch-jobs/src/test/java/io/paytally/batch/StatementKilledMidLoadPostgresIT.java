package io.paytally.batch;

import java.nio.file.Path;

import io.paytally.testkit.TestDatabase;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The statement command killed mid-load on PostgreSQL, the production database (a schema
 * of its own from the testkit's {@link TestDatabase}). Without a PostgreSQL server the
 * testkit falls back to an in-memory H2 that another JVM cannot reach, so the class is
 * skipped then (CI requires PostgreSQL).
 */
class StatementKilledMidLoadPostgresIT extends StatementKilledMidLoadTests {

	private TestDatabase database;

	@Override
	String databaseUrl(Path files) {
		this.database = TestDatabase.create();
		assumeTrue(this.database.kind() == TestDatabase.Kind.POSTGRESQL, "needs a PostgreSQL server");
		return this.database.jdbcUrl();
	}

	@Override
	String databaseUser() {
		return this.database.username();
	}

	@Override
	String databasePassword() {
		return this.database.password();
	}

	@Override
	JdbcTemplate jdbc() {
		return new JdbcTemplate(this.database.dataSource());
	}

	@Override
	void closeDatabase() {
		if (this.database != null) {
			this.database.close();
		}
	}

}
