package io.paytally.batch.internal;

import java.sql.Connection;
import java.sql.Statement;

import org.flywaydb.core.api.migration.Context;

/**
 * Flyway migration V5: the snapshot's order tables are keyed by the merchant and the
 * number together, as WeChat Pay makes out_trade_no and out_refund_no unique only within
 * one merchant. {@code order_state} and its stage by {@code (mchid, out_trade_no)};
 * {@code order_refund} and its stage gain {@code mchid} (filled from the refund's order)
 * and are keyed by {@code (mchid, out_refund_no)}, with an index on
 * {@code (mchid, out_trade_no)} for the order's refunds.
 * <p>
 * A Java migration because the tables keep their rows and their storage ({@code UNLOGGED}
 * stages on PostgreSQL, V3): only the primary keys change, and dropping one is said
 * differently by PostgreSQL ({@code DROP CONSTRAINT
 *
<table>
 * _pkey}) and H2 ({@code DROP PRIMARY KEY}, its constraint name being generated).
 */
public final class MerchantKeyedOrderTables extends VersionedJavaMigration {

	public MerchantKeyedOrderTables() {
		super("5", "order tables keyed by merchant");
	}

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		Dialect dialect = Dialect.of(connection);
		try (Statement statement = connection.createStatement()) {
			// refunds learn their merchant while out_trade_no still names one order
			statement.execute("ALTER TABLE order_refund ADD COLUMN mchid VARCHAR(32)");
			statement.execute("UPDATE order_refund SET mchid = (SELECT o.mchid FROM order_state o"
					+ " WHERE o.out_trade_no = order_refund.out_trade_no)");
			// a refund without its order cannot be told apart (none is written so)
			statement.execute("DELETE FROM order_refund WHERE mchid IS NULL");
			statement.execute("ALTER TABLE order_refund ALTER COLUMN mchid SET NOT NULL");
			// the stages hold nothing between transactions
			statement.execute("DELETE FROM order_refund_stage");
			statement.execute("DELETE FROM order_state_stage");
			statement.execute("ALTER TABLE order_refund_stage ADD COLUMN mchid VARCHAR(32) NOT NULL");

			rekey(statement, dialect, "order_state", "mchid, out_trade_no");
			rekey(statement, dialect, "order_state_stage", "mchid, out_trade_no");
			rekey(statement, dialect, "order_refund", "mchid, out_refund_no");
			rekey(statement, dialect, "order_refund_stage", "mchid, out_refund_no");
			statement.execute("DROP INDEX order_refund_out_refund_no");
			statement.execute("CREATE INDEX order_refund_order ON order_refund (mchid, out_trade_no)");
		}
	}

	private static void rekey(Statement statement, Dialect dialect, String table, String columns) throws Exception {
		if (dialect == Dialect.POSTGRESQL) {
			statement.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + table + "_pkey");
		}
		else {
			statement.execute("ALTER TABLE " + table + " DROP PRIMARY KEY");
		}
		statement.execute("ALTER TABLE " + table + " ADD CONSTRAINT " + table + "_pkey PRIMARY KEY (" + columns + ")");
	}

}
