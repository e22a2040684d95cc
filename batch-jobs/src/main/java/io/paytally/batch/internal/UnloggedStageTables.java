package io.paytally.batch.internal;

import java.sql.Connection;
import java.sql.Statement;

import org.flywaydb.core.api.migration.Context;

/**
 * Flyway migration V3: on PostgreSQL the stage tables of the {@code orders.state} sync
 * are {@code UNLOGGED} (they hold one batch within one transaction, so a crash has
 * nothing in them worth keeping, and writing them to the WAL only costs time). Nothing to
 * do on H2.
 */
public final class UnloggedStageTables extends VersionedJavaMigration {

	public UnloggedStageTables() {
		super("3", "unlogged stage tables");
	}

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		if (Dialect.of(connection) != Dialect.POSTGRESQL) {
			return;
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("ALTER TABLE order_state_stage SET UNLOGGED");
			statement.execute("ALTER TABLE order_refund_stage SET UNLOGGED");
		}
	}

}
