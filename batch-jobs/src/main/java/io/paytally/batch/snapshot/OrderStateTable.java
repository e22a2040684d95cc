package io.paytally.batch.snapshot;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import io.paytally.batch.internal.AsyncCommit;
import io.paytally.batch.internal.CopyBinary;
import io.paytally.batch.internal.Dialect;
import io.paytally.schemas.MerchantKey;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes order states into {@code order_state} and {@code order_refund}: a batch goes to
 * the stage tables and is merged in with one statement: on PostgreSQL a binary
 * {@code COPY} and {@code INSERT ... ON CONFLICT}, elsewhere JDBC batches and a standard
 * {@code MERGE}. Orders are keyed by {@code (mchid, out_trade_no)}, refunds by
 * {@code (mchid, out_refund_no)}. Must run inside a transaction.
 */
final class OrderStateTable {

	private static final String STATE_COLUMNS = "out_trade_no, mchid, merchant_order_no, status, amount_total,"
			+ " paid_amount, transaction_id, paid_at, paid_source, refunded_amount, closed_at, state_version, updated_at";

	private static final String REFUND_COLUMNS = "mchid, out_trade_no, out_refund_no, refund_id, amount, status,"
			+ " success_time, closed_at";

	/**
	 * A refund already CLOSED in the table keeps the time it was first seen closed: a
	 * later update of its order (another refund, say) does not move it to another day.
	 */
	private static final String KEEP_CLOSED_AT = "UPDATE order_refund_stage SET closed_at = (SELECT r.closed_at"
			+ " FROM order_refund r WHERE r.mchid = order_refund_stage.mchid"
			+ " AND r.out_refund_no = order_refund_stage.out_refund_no)"
			+ " WHERE status = 'CLOSED' AND EXISTS (SELECT 1 FROM order_refund r WHERE r.mchid = order_refund_stage.mchid"
			+ " AND r.out_refund_no = order_refund_stage.out_refund_no AND r.status = 'CLOSED'"
			+ " AND r.closed_at IS NOT NULL)";

	private static final String MERGE = "MERGE INTO order_state t USING order_state_stage s"
			+ " ON (t.mchid = s.mchid AND t.out_trade_no = s.out_trade_no)"
			+ " WHEN MATCHED THEN UPDATE SET merchant_order_no = s.merchant_order_no,"
			+ " status = s.status, amount_total = s.amount_total, paid_amount = s.paid_amount,"
			+ " transaction_id = s.transaction_id, paid_at = s.paid_at, paid_source = s.paid_source,"
			+ " refunded_amount = s.refunded_amount, closed_at = s.closed_at, state_version = s.state_version,"
			+ " updated_at = s.updated_at" + " WHEN NOT MATCHED THEN INSERT (" + STATE_COLUMNS
			+ ") VALUES (s.out_trade_no, s.mchid,"
			+ " s.merchant_order_no, s.status, s.amount_total, s.paid_amount, s.transaction_id, s.paid_at,"
			+ " s.paid_source, s.refunded_amount, s.closed_at, s.state_version, s.updated_at)";

	private static final String UPSERT = "INSERT INTO order_state (" + STATE_COLUMNS + ") SELECT " + STATE_COLUMNS
			+ " FROM order_state_stage ON CONFLICT (mchid, out_trade_no) DO UPDATE SET"
			+ " merchant_order_no = EXCLUDED.merchant_order_no, status = EXCLUDED.status,"
			+ " amount_total = EXCLUDED.amount_total, paid_amount = EXCLUDED.paid_amount,"
			+ " transaction_id = EXCLUDED.transaction_id, paid_at = EXCLUDED.paid_at, paid_source = EXCLUDED.paid_source,"
			+ " refunded_amount = EXCLUDED.refunded_amount, closed_at = EXCLUDED.closed_at,"
			+ " state_version = EXCLUDED.state_version, updated_at = EXCLUDED.updated_at";

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	private final Dialect dialect;

	OrderStateTable(JdbcTemplate jdbc, Dialect dialect) {
		this.jdbc = jdbc;
		this.dataSource = jdbc.getDataSource();
		this.dialect = dialect;
	}

	/**
	 * Upserts rows by merchant and out_trade_no. Nothing is deleted: an order retired
	 * from {@code orders.state} stays here as last seen.
	 */
	void write(Collection<OrderStateRow> rows) {
		if (this.dialect == Dialect.POSTGRESQL) {
			AsyncCommit.forThisTransaction(this.jdbc);
		}
		if (rows.isEmpty()) {
			return;
		}
		if (this.dialect == Dialect.POSTGRESQL) {
			writePostgres(rows);
			return;
		}
		clearStage();
		insertStage(rows);
		this.jdbc.update(MERGE);
		replaceRefunds();
	}

	/**
	 * Orders not in the table yet (most of a day's) are copied straight into it; the
	 * others go through the stage and {@code INSERT ... ON CONFLICT}, which probes the
	 * primary key row by row whatever the statistics of the stage say (a MERGE may join
	 * the whole table).
	 */
	private void writePostgres(Collection<OrderStateRow> rows) {
		Set<MerchantKey> known = knownOrders(rows);
		List<OrderStateRow> fresh = new ArrayList<>(rows.size() - known.size());
		List<OrderStateRow> update = new ArrayList<>(known.size());
		for (OrderStateRow row : rows) {
			(known.contains(row.key()) ? update : fresh).add(row);
		}
		if (!fresh.isEmpty()) {
			// no refunds of an order that is not there: order_refund follows order_state
			copy(fresh, "order_state", "order_refund");
		}
		if (!update.isEmpty()) {
			clearStage();
			copy(update, "order_state_stage", "order_refund_stage");
			this.jdbc.update(UPSERT);
			replaceRefunds();
		}
	}

	private Set<MerchantKey> knownOrders(Collection<OrderStateRow> rows) {
		Set<MerchantKey> known = new HashSet<>();
		this.jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			Array merchants = connection.createArrayOf("varchar",
					rows.stream().map((row) -> row.mchid).toArray(String[]::new));
			Array numbers = connection.createArrayOf("varchar",
					rows.stream().map((row) -> row.outTradeNo).toArray(String[]::new));
			try (PreparedStatement statement = connection.prepareStatement("SELECT o.mchid, o.out_trade_no"
					+ " FROM order_state o JOIN unnest(?, ?) AS k (mchid, out_trade_no)"
					+ " ON o.mchid = k.mchid AND o.out_trade_no = k.out_trade_no")) {
				statement.setArray(1, merchants);
				statement.setArray(2, numbers);
				try (ResultSet result = statement.executeQuery()) {
					while (result.next()) {
						known.add(MerchantKey.of(result.getString(1), result.getString(2)));
					}
				}
			}
			finally {
				merchants.free();
				numbers.free();
			}
			return null;
		});
		return known;
	}

	private void replaceRefunds() {
		this.jdbc.update(KEEP_CLOSED_AT);
		this.jdbc.update("DELETE FROM order_refund WHERE EXISTS (SELECT 1 FROM order_state_stage s"
				+ " WHERE s.mchid = order_refund.mchid AND s.out_trade_no = order_refund.out_trade_no)");
		this.jdbc.update("INSERT INTO order_refund (" + REFUND_COLUMNS + ") SELECT " + REFUND_COLUMNS
				+ " FROM order_refund_stage");
	}

	private void clearStage() {
		if (this.dialect == Dialect.POSTGRESQL) {
			this.jdbc.execute("TRUNCATE order_state_stage, order_refund_stage");
		}
		else {
			this.jdbc.update("DELETE FROM order_state_stage");
			this.jdbc.update("DELETE FROM order_refund_stage");
		}
	}

	/** Copies the rows into a table of states and one of refunds. */
	private void copy(Collection<OrderStateRow> rows, String states, String refundTable) {
		boolean refunds = false;
		try (CopyBinary copy = CopyBinary.start(this.dataSource, states + " (" + STATE_COLUMNS + ")")) {
			for (OrderStateRow s : rows) {
				copy.row(13)
					.text(s.outTradeNo)
					.text(s.mchid)
					.text(s.merchantOrderNo)
					.text(s.status)
					.int8(s.amountTotal)
					.int8(s.paidAmount);
				copy.text(s.transactionId);
				time(copy, s.paidAt).text(s.paidSource).int8(s.refundedAmount);
				time(copy, s.closedAt).int8(s.version);
				time(copy, s.updatedAt);
				refunds |= !s.refunds.isEmpty();
			}
			copy.finish();
		}
		if (!refunds) {
			return;
		}
		try (CopyBinary copy = CopyBinary.start(this.dataSource, refundTable + " (" + REFUND_COLUMNS + ")")) {
			for (OrderStateRow s : rows) {
				for (OrderStateRow.Refund r : s.refunds.values()) {
					copy.row(8).text(s.mchid).text(s.outTradeNo).text(r.outRefundNo()).text(r.refundId());
					copy.int8(r.amount());
					copy.text(r.status());
					time(copy, r.successTime());
					time(copy, r.closedAt());
				}
			}
			copy.finish();
		}
	}

	private static CopyBinary time(CopyBinary copy, long localSeconds) {
		return (localSeconds != OrderStateRow.NO_TIME) ? copy.timestampSeconds(localSeconds) : copy.nullValue();
	}

	private void insertStage(Collection<OrderStateRow> rows) {
		List<OrderStateRow> list = new ArrayList<>(rows);
		this.jdbc.batchUpdate(
				"INSERT INTO order_state_stage (" + STATE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				list, list.size(), (ps, s) -> {
					ps.setString(1, s.outTradeNo);
					ps.setString(2, s.mchid);
					ps.setString(3, s.merchantOrderNo);
					ps.setString(4, s.status);
					ps.setLong(5, s.amountTotal);
					ps.setObject(6, s.paidAmount);
					ps.setString(7, s.transactionId);
					ps.setObject(8, OrderStateRow.local(s.paidAt));
					ps.setString(9, s.paidSource);
					ps.setLong(10, s.refundedAmount);
					ps.setObject(11, OrderStateRow.local(s.closedAt));
					ps.setLong(12, s.version);
					ps.setObject(13, OrderStateRow.local(s.updatedAt));
				});
		List<Object[]> refunds = new ArrayList<>();
		for (OrderStateRow s : list) {
			for (OrderStateRow.Refund r : s.refunds.values()) {
				refunds.add(new Object[] { s.mchid, s.outTradeNo, r.outRefundNo(), r.refundId(), r.amount(), r.status(),
						r.successTimeLocal(), r.closedAtLocal() });
			}
		}
		if (!refunds.isEmpty()) {
			this.jdbc.batchUpdate(
					"INSERT INTO order_refund_stage (" + REFUND_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", refunds);
		}
	}

}
