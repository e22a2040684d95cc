package io.paytally.batch.internal;

import java.util.UUID;

import javax.sql.DataSource;

import io.paytally.testkit.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * V5 on a database that already holds a snapshot keyed by out_trade_no alone: the rows
 * stay, refunds learn their merchant, and two merchants' equal numbers then fit side by
 * side while one merchant's still cannot be repeated. On H2 and on PostgreSQL (the
 * testkit's {@link TestDatabase}).
 */
class MerchantKeyedOrderTablesIT {

	@Test
	void upgradedH2SnapshotKeepsItsRowsAndTakesTheSameNumberAtAnotherMerchant() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:v5-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		upgrade(Flyway.configure().dataSource(dataSource), dataSource);
	}

	@Test
	void upgradedPostgresSnapshotKeepsItsRowsAndTakesTheSameNumberAtAnotherMerchant() {
		try (TestDatabase database = TestDatabase.create()) {
			upgrade(Flyway.configure().dataSource(database.dataSource()).schemas(database.schema()),
					database.dataSource());
			if (database.kind() == TestDatabase.Kind.POSTGRESQL) {
				// V3's unlogged stages stay unlogged
				assertThat(new JdbcTemplate(database.dataSource()).queryForList(
						"SELECT relname FROM pg_class WHERE relpersistence = 'u' AND relnamespace = ?::regnamespace"
								+ " ORDER BY relname",
						String.class, database.schema()))
					.contains("order_refund_stage", "order_state_stage");
			}
		}
	}

	private static void upgrade(FluentConfiguration configuration, DataSource dataSource) {
		configuration.locations("classpath:db/migration")
			.javaMigrations(new BatchRepositorySchema(), new UnloggedStageTables(), new MerchantKeyedOrderTables());
		configuration.target("4").load().migrate();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		insertOrder(jdbc, "1900000001", "ORD0001-1", 1000);
		insertOrder(jdbc, "1900000002", "ORD0002-1", 2000);
		jdbc.update("INSERT INTO order_refund (out_trade_no, out_refund_no, amount, status)"
				+ " VALUES ('ORD0001-1', 'RORD0001-1', 500, 'SUCCESS')");
		jdbc.update("INSERT INTO order_refund (out_trade_no, out_refund_no, amount, status)"
				+ " VALUES ('ORD0002-1', 'RORD0002-1', 300, 'SUCCESS')");

		configuration.target("latest").load().migrate();

		assertThat(jdbc.query("SELECT mchid, out_trade_no, out_refund_no, amount FROM order_refund ORDER BY mchid",
				(rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getLong(4)))
			.containsExactly("1900000001 ORD0001-1 RORD0001-1 500", "1900000002 ORD0002-1 RORD0002-1 300");
		// the other merchant's order and refund with the same numbers
		insertOrder(jdbc, "1900000002", "ORD0001-1", 1500);
		jdbc.update("INSERT INTO order_refund (mchid, out_trade_no, out_refund_no, amount, status)"
				+ " VALUES ('1900000002', 'ORD0001-1', 'RORD0001-1', 300, 'SUCCESS')");
		assertThat(jdbc.query(
				"SELECT mchid, amount_total FROM order_state WHERE out_trade_no = 'ORD0001-1'" + " ORDER BY mchid",
				(rs, i) -> rs.getString(1) + " " + rs.getLong(2)))
			.containsExactly("1900000001 1000", "1900000002 1500");
		// one merchant's numbers are still unique
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> insertOrder(jdbc, "1900000001", "ORD0001-1", 1000));
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> jdbc.update("INSERT INTO order_refund (mchid, out_trade_no, out_refund_no, amount)"
					+ " VALUES ('1900000001', 'ORD0009-1', 'RORD0001-1', 100)"));
	}

	private static void insertOrder(JdbcTemplate jdbc, String mchid, String outTradeNo, long fen) {
		jdbc.update(
				"INSERT INTO order_state (out_trade_no, mchid, merchant_order_no, status, amount_total,"
						+ " refunded_amount, state_version) VALUES (?, ?, ?, 'PAID', ?, 0, 1)",
				outTradeNo, mchid, outTradeNo, fen);
	}

}
