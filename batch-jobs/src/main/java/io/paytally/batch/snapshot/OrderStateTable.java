package io.paytally.batch.snapshot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import io.paytally.batch.internal.Beijing;
import io.paytally.batch.internal.BulkInsert;
import io.paytally.batch.internal.CopyText;
import io.paytally.batch.internal.Dialect;
import io.paytally.schemas.OrderPaymentState;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes order states into {@code order_state} and {@code order_refund}: a batch goes to
 * the stage tables (COPY on PostgreSQL) and is merged in with one standard {@code MERGE}.
 * Must run inside a transaction.
 */
final class OrderStateTable {

	private static final String STATE_COLUMNS = "out_trade_no, mchid, merchant_order_no, status, amount_total,"
			+ " paid_amount, transaction_id, paid_at, paid_source, refunded_amount, closed_at, state_version, updated_at";

	private static final String REFUND_COLUMNS = "out_trade_no, out_refund_no, refund_id, amount, status, success_time";

	private static final String MERGE = "MERGE INTO order_state t USING order_state_stage s"
			+ " ON (t.out_trade_no = s.out_trade_no)"
			+ " WHEN MATCHED THEN UPDATE SET mchid = s.mchid, merchant_order_no = s.merchant_order_no,"
			+ " status = s.status, amount_total = s.amount_total, paid_amount = s.paid_amount,"
			+ " transaction_id = s.transaction_id, paid_at = s.paid_at, paid_source = s.paid_source,"
			+ " refunded_amount = s.refunded_amount, closed_at = s.closed_at, state_version = s.state_version,"
			+ " updated_at = s.updated_at" + " WHEN NOT MATCHED THEN INSERT (" + STATE_COLUMNS
			+ ") VALUES (s.out_trade_no, s.mchid,"
			+ " s.merchant_order_no, s.status, s.amount_total, s.paid_amount, s.transaction_id, s.paid_at,"
			+ " s.paid_source, s.refunded_amount, s.closed_at, s.state_version, s.updated_at)";

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	private final Dialect dialect;

	OrderStateTable(JdbcTemplate jdbc, Dialect dialect) {
		this.jdbc = jdbc;
		this.dataSource = jdbc.getDataSource();
		this.dialect = dialect;
	}

	/** Upserts states by out_trade_no and deletes tombstoned orders. */
	void write(Collection<OrderPaymentState> states, Collection<String> deleted) {
		if (!deleted.isEmpty()) {
			List<Object[]> keys = deleted.stream().map((k) -> new Object[] { k }).toList();
			this.jdbc.batchUpdate("DELETE FROM order_refund WHERE out_trade_no = ?", keys);
			this.jdbc.batchUpdate("DELETE FROM order_state WHERE out_trade_no = ?", keys);
		}
		if (states.isEmpty()) {
			return;
		}
		clearStage();
		if (this.dialect == Dialect.POSTGRESQL) {
			copyStage(states);
		}
		else {
			insertStage(states);
		}
		this.jdbc.update(MERGE);
		this.jdbc.update("DELETE FROM order_refund WHERE out_trade_no IN (SELECT out_trade_no FROM order_state_stage)");
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

	private void copyStage(Collection<OrderPaymentState> states) {
		CopyText rows = new CopyText(states.size() * 200);
		CopyText refunds = new CopyText(256);
		for (OrderPaymentState s : states) {
			rows.add(s.outTradeNo())
				.add(s.mchid())
				.add(s.merchantOrderNo())
				.add(s.status().name())
				.add(s.amountTotal())
				.add(s.paidAmount())
				.add(s.transactionId())
				.add(Beijing.local(s.paidAt()))
				.add((s.paidSource() != null) ? s.paidSource().name() : null)
				.add(s.refundedAmount())
				.add(Beijing.local(s.closedAt()))
				.add(s.version())
				.add(Beijing.local(s.updatedAt()))
				.endRow();
			for (OrderPaymentState.Refund r : refunds(s)) {
				refunds.add(s.outTradeNo())
					.add(r.outRefundNo())
					.add(r.refundId())
					.add(r.amount())
					.add((r.status() != null) ? r.status().name() : null)
					.add(Beijing.local(r.successTime()))
					.endRow();
			}
		}
		BulkInsert.copy(this.dataSource, "order_state_stage (" + STATE_COLUMNS + ")", rows);
		BulkInsert.copy(this.dataSource, "order_refund_stage (" + REFUND_COLUMNS + ")", refunds);
	}

	private void insertStage(Collection<OrderPaymentState> states) {
		List<OrderPaymentState> list = new ArrayList<>(states);
		this.jdbc.batchUpdate(
				"INSERT INTO order_state_stage (" + STATE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				list, list.size(), (ps, s) -> {
					ps.setString(1, s.outTradeNo());
					ps.setString(2, s.mchid());
					ps.setString(3, s.merchantOrderNo());
					ps.setString(4, s.status().name());
					ps.setLong(5, s.amountTotal());
					ps.setObject(6, s.paidAmount());
					ps.setString(7, s.transactionId());
					ps.setObject(8, Beijing.local(s.paidAt()));
					ps.setString(9, (s.paidSource() != null) ? s.paidSource().name() : null);
					ps.setLong(10, s.refundedAmount());
					ps.setObject(11, Beijing.local(s.closedAt()));
					ps.setLong(12, s.version());
					ps.setObject(13, Beijing.local(s.updatedAt()));
				});
		List<Object[]> refunds = new ArrayList<>();
		for (OrderPaymentState s : list) {
			for (OrderPaymentState.Refund r : refunds(s)) {
				refunds.add(new Object[] { s.outTradeNo(), r.outRefundNo(), r.refundId(), r.amount(),
						(r.status() != null) ? r.status().name() : null, Beijing.local(r.successTime()) });
			}
		}
		if (!refunds.isEmpty()) {
			this.jdbc.batchUpdate("INSERT INTO order_refund_stage (" + REFUND_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
					refunds);
		}
	}

	private static List<OrderPaymentState.Refund> refunds(OrderPaymentState state) {
		// one row per out_refund_no: the last one seen wins
		java.util.Map<String, OrderPaymentState.Refund> byNo = new java.util.LinkedHashMap<>();
		for (OrderPaymentState.Refund refund : state.refunds()) {
			if (refund.outRefundNo() != null) {
				byNo.put(refund.outRefundNo(), refund);
			}
		}
		return new ArrayList<>(byNo.values());
	}

}
