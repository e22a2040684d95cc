package io.paytally.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class TestDatabaseIT {

	private TestDatabase db;

	@BeforeEach
	void createDatabase() {
		this.db = TestDatabase.create();
	}

	@AfterEach
	void closeDatabase() {
		this.db.close();
	}

	@Test
	void migratesWithFlywayAndQueriesTheRows() {
		MigrateResult result = migrate(this.db);

		assertThat(result.migrationsExecuted).isEqualTo(2);
		List<Payment> payments = new JdbcTemplate(this.db.dataSource()).query(
				"SELECT out_trade_no, amount_fen, paid_at FROM payment ORDER BY out_trade_no",
				(rs, row) -> new Payment(rs.getString(1), rs.getLong(2),
						toInstant(rs.getObject(3, OffsetDateTime.class))));
		assertThat(payments).containsExactly(new Payment("T20261123001", 100, Instant.parse("2026-11-23T02:00:00Z")),
				new Payment("T20261123002", 2599, Instant.parse("2026-11-23T15:59:59Z")),
				new Payment("T20261123003", 1, null));
	}

	@Test
	void givesEveryTestItsOwnSchema() {
		migrate(this.db);
		try (TestDatabase other = TestDatabase.create()) {
			migrate(other);
			new JdbcTemplate(other.dataSource()).update("DELETE FROM payment");

			assertThat(count(other)).isZero();
			assertThat(count(this.db)).isEqualTo(3);
			assertThat(other.schema()).isNotEqualTo(this.db.schema());
		}
	}

	@Test
	void jdbcUrlConnectsToTheTestsSchema() throws Exception {
		try (Connection connection = DriverManager.getConnection(this.db.jdbcUrl(), this.db.username(),
				this.db.password())) {
			assertThat(connection.getSchema()).isEqualTo(this.db.schema());
		}
		assertThat(this.db.springProperties()).containsEntry("spring.datasource.url", this.db.jdbcUrl());
	}

	@Test
	void closeDropsTheSchema() {
		TestDatabase dropped = TestDatabase.create();
		migrate(dropped);
		dropped.close();

		Integer schemas = new JdbcTemplate(this.db.dataSource()).queryForObject(
				"SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?", Integer.class,
				dropped.schema());
		assertThat(schemas).isZero();
	}

	private static MigrateResult migrate(TestDatabase database) {
		return Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/testkit").load().migrate();
	}

	private static int count(TestDatabase database) {
		return new JdbcTemplate(database.dataSource()).queryForObject("SELECT COUNT(*) FROM payment", Integer.class);
	}

	private static Instant toInstant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

	record Payment(String outTradeNo, long amountFen, Instant paidAt) {

	}

}
