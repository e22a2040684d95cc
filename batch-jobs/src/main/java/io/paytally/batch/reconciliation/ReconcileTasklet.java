package io.paytally.batch.reconciliation;

import java.time.LocalDate;
import java.time.LocalDateTime;

import io.paytally.batch.DailyStatementProperties;
import io.paytally.batch.internal.Dialect;
import io.paytally.batch.internal.JobDay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Step 4: classifies the day in a handful of {@code INSERT ... SELECT} statements, in one
 * transaction that first deletes the day's earlier differences (so a restart or re-run
 * gives the same rows). Orders are the merchant's: every join compares {@code mchid} as
 * well as the order or refund number (WeChat makes them unique only per merchant), so a
 * merchant's differences never include another merchant's rows.
 * <ul>
 * <li>each payment row of the bill, by the view {@code bill_payment_class}:
 * MISSING_LOCALLY, STATUS_MISMATCH, AMOUNT_MISMATCH, DUPLICATE_PAYMENT (or MATCHED, not
 * stored);</li>
 * <li>each local payment of the day that the bill (or the day before's) lacks:
 * MISSING_AT_WECHAT, or HELD_OVER when paid within the hold-over window before
 * midnight;</li>
 * <li>the previous day's HELD_OVER payments still not in a bill: MISSING_AT_WECHAT;</li>
 * <li>refund rows, on the amount asked back (申请退款金额): not SUCCESS while paytally holds
 * the refund SUCCESS: REFUND_MISMATCH (a PROCESSING row only when paytally's success time
 * is within the day); still PROCESSING at WeChat: REFUND_PROCESSING; ABNORMAL:
 * REFUND_ABNORMAL; closed ({@code REFUNDCLOSE} or {@code CLOSED}): REFUND_CLOSED;
 * successful and unknown locally: REFUND_MISSING_LOCALLY; otherwise without an equal
 * local refund: REFUND_MISMATCH;</li>
 * <li>local refunds of the day that no bill has: REFUND_MISMATCH;</li>
 * <li>local refunds closed that day (paytally's record said CLOSED) that no bill up to
 * that day shows closed or successful: REFUND_CLOSED.</li>
 * </ul>
 */
public final class ReconcileTasklet implements Tasklet {

	static final String PAID = "('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED')";

	private static final String DIFFERENCE_COLUMNS = "mchid, bill_date, difference_class, out_trade_no,"
			+ " out_refund_no, merchant_order_no, related_out_trade_no, transaction_id, bill_line_no, bill_time,"
			+ " bill_state, bill_amount, bill_refund_amount, local_status, local_amount, local_paid_amount,"
			+ " local_paid_at, local_refund_amount, local_refund_status";

	private static final String BILL_PAYMENTS = "INSERT INTO recon_difference (" + DIFFERENCE_COLUMNS + ")"
			+ " SELECT c.mchid, c.bill_date, c.difference_class, c.out_trade_no, NULL, c.merchant_order_no, NULL,"
			+ " c.transaction_id, c.line_no, c.trade_time, c.trade_state, c.order_amount, NULL, c.local_status,"
			+ " c.local_amount, c.local_paid_amount, c.local_paid_at, NULL, NULL"
			+ " FROM bill_payment_class c WHERE c.mchid = ? AND c.bill_date = ? AND c.difference_class <> 'MATCHED'";

	private static final String DUPLICATE_OF = "UPDATE recon_difference SET related_out_trade_no ="
			+ " (SELECT MIN(d.out_trade_no) FROM order_state d WHERE d.mchid = recon_difference.mchid"
			+ " AND d.merchant_order_no = recon_difference.merchant_order_no"
			+ " AND d.out_trade_no <> recon_difference.out_trade_no AND d.paid_at IS NOT NULL)"
			+ " WHERE mchid = ? AND bill_date = ? AND difference_class = 'DUPLICATE_PAYMENT'";

	private static final String LOCAL_PAYMENTS = "INSERT INTO recon_difference (" + DIFFERENCE_COLUMNS + ")"
			+ " SELECT o.mchid, ?, CASE WHEN o.paid_at >= ? THEN 'HELD_OVER' ELSE 'MISSING_AT_WECHAT' END,"
			+ " o.out_trade_no, NULL, o.merchant_order_no, NULL, o.transaction_id, NULL, NULL, NULL, NULL, NULL,"
			+ " o.status, o.amount_total, o.paid_amount, o.paid_at, NULL, NULL"
			+ " FROM order_state o WHERE o.mchid = ? AND o.paid_at >= ? AND o.paid_at < ? AND o.status IN " + PAID
			+ " AND NOT EXISTS (SELECT 1 FROM bill_line b WHERE b.mchid = o.mchid AND b.out_trade_no = o.out_trade_no"
			+ " AND b.trade_state = 'SUCCESS' AND b.bill_date IN (?, ?))";

	private static final String HELD_OVER_YESTERDAY = "INSERT INTO recon_difference (" + DIFFERENCE_COLUMNS + ")"
			+ " SELECT o.mchid, ?, 'MISSING_AT_WECHAT', o.out_trade_no, NULL, o.merchant_order_no, NULL,"
			+ " o.transaction_id, NULL, NULL, NULL, NULL, NULL, o.status, o.amount_total, o.paid_amount, o.paid_at,"
			+ " NULL, NULL FROM recon_difference h JOIN order_state o ON o.mchid = h.mchid"
			+ " AND o.out_trade_no = h.out_trade_no"
			+ " WHERE h.mchid = ? AND h.bill_date = ? AND h.difference_class = 'HELD_OVER' AND o.status IN " + PAID
			+ " AND NOT EXISTS (SELECT 1 FROM bill_line b WHERE b.mchid = o.mchid AND b.out_trade_no = o.out_trade_no"
			+ " AND b.trade_state = 'SUCCESS' AND b.bill_date IN (?, ?))";

	/**
	 * Refund rows of the bill, compared on the amount the merchant asked back (申请退款金额,
	 * {@code refund_requested_amount}), which is what a refund callback's
	 * {@code amount.refund} says; the bill's 退款金额 leaves out a non-recharge coupon's
	 * share. A row that is not SUCCESS while paytally holds the refund SUCCESS is
	 * REFUND_MISMATCH (paytally's SUCCESS is wrong), except a PROCESSING row whose local
	 * success came after the day (it succeeded after the bill was cut). Otherwise a
	 * refund still processing, abnormal or closed at WeChat has its own class (a closed
	 * one is {@code REFUNDCLOSE}, v2's word, or {@code CLOSED}, v3's: WeChat's docs do
	 * not settle which); a successful one paytally never heard of is
	 * REFUND_MISSING_LOCALLY.
	 */
	private static final String BILL_REFUNDS = "INSERT INTO recon_difference (" + DIFFERENCE_COLUMNS + ")"
			+ " SELECT b.mchid, b.bill_date, CASE WHEN r.status = 'SUCCESS' AND COALESCE(b.refund_status, '') <> 'SUCCESS'"
			+ " AND (COALESCE(b.refund_status, '') <> 'PROCESSING' OR r.success_time < ?) THEN 'REFUND_MISMATCH'"
			+ " WHEN b.refund_status = 'PROCESSING' THEN 'REFUND_PROCESSING'"
			+ " WHEN b.refund_status IN ('ABNORMAL', 'CHANGE') THEN 'REFUND_ABNORMAL'"
			+ " WHEN b.refund_status IN ('REFUNDCLOSE', 'CLOSED') THEN 'REFUND_CLOSED'"
			+ " WHEN r.out_refund_no IS NULL AND b.refund_status = 'SUCCESS' THEN 'REFUND_MISSING_LOCALLY'"
			+ " ELSE 'REFUND_MISMATCH' END, b.out_trade_no, b.out_refund_no, o.merchant_order_no,"
			+ " NULL, b.transaction_id, b.line_no, b.trade_time, b.refund_status, NULL, b.refund_requested_amount,"
			+ " o.status, o.amount_total, o.paid_amount, o.paid_at, r.amount, r.status"
			+ " FROM bill_line b LEFT JOIN order_refund r ON r.mchid = b.mchid AND r.out_refund_no = b.out_refund_no"
			+ " AND r.out_trade_no = b.out_trade_no"
			+ " LEFT JOIN order_state o ON o.mchid = b.mchid AND o.out_trade_no = b.out_trade_no"
			+ " WHERE b.mchid = ? AND b.bill_date = ? AND b.trade_state = 'REFUND'"
			+ " AND (b.refund_status IN ('PROCESSING', 'ABNORMAL', 'CHANGE', 'REFUNDCLOSE', 'CLOSED')"
			+ " OR r.out_refund_no IS NULL OR r.amount <> b.refund_requested_amount"
			+ " OR (b.refund_status = 'SUCCESS' AND (r.status IS NULL OR r.status <> 'SUCCESS'))"
			+ " OR (r.status = 'SUCCESS' AND COALESCE(b.refund_status, '') <> 'SUCCESS'))";

	private static final String LOCAL_REFUNDS = "INSERT INTO recon_difference (" + DIFFERENCE_COLUMNS + ")"
			+ " SELECT o.mchid, ?, 'REFUND_MISMATCH', r.out_trade_no, r.out_refund_no, o.merchant_order_no, NULL,"
			+ " o.transaction_id, NULL, NULL, NULL, NULL, NULL, o.status, o.amount_total, o.paid_amount, o.paid_at,"
			+ " r.amount, r.status FROM order_refund r JOIN order_state o ON o.mchid = r.mchid"
			+ " AND o.out_trade_no = r.out_trade_no"
			+ " WHERE r.mchid = ? AND r.status = 'SUCCESS' AND r.success_time >= ? AND r.success_time < ?"
			+ " AND NOT EXISTS (SELECT 1 FROM bill_line b WHERE b.mchid = r.mchid AND b.out_trade_no = r.out_trade_no"
			+ " AND b.out_refund_no = r.out_refund_no AND b.trade_state = 'REFUND' AND b.bill_date <= ?)";

	/**
	 * Refunds paytally's record says WeChat closed that day ({@code closed_at}, see
	 * {@code V7__refund_closed_at.sql}), unless a bill up to that day already shows the
	 * refund closed (its row is REFUND_CLOSED there) or successful (paytally's CLOSED is
	 * then wrong, and that row says so).
	 */
	private static final String LOCAL_CLOSED_REFUNDS = "INSERT INTO recon_difference (" + DIFFERENCE_COLUMNS + ")"
			+ " SELECT o.mchid, ?, 'REFUND_CLOSED', r.out_trade_no, r.out_refund_no, o.merchant_order_no, NULL,"
			+ " o.transaction_id, NULL, NULL, NULL, NULL, NULL, o.status, o.amount_total, o.paid_amount, o.paid_at,"
			+ " r.amount, r.status FROM order_refund r JOIN order_state o ON o.mchid = r.mchid"
			+ " AND o.out_trade_no = r.out_trade_no"
			+ " WHERE r.mchid = ? AND r.status = 'CLOSED' AND r.closed_at >= ? AND r.closed_at < ?"
			+ " AND NOT EXISTS (SELECT 1 FROM bill_line b WHERE b.mchid = r.mchid AND b.out_trade_no = r.out_trade_no"
			+ " AND b.out_refund_no = r.out_refund_no AND b.trade_state = 'REFUND' AND b.bill_date <= ?"
			+ " AND b.refund_status IN ('REFUNDCLOSE', 'CLOSED', 'SUCCESS'))";

	private static final Logger logger = LoggerFactory.getLogger(ReconcileTasklet.class);

	private final JdbcTemplate jdbc;

	private final DailyStatementProperties properties;

	private final TransactionTemplate ownTransaction;

	private volatile Dialect dialect;

	public ReconcileTasklet(JdbcTemplate jdbc, DailyStatementProperties properties,
			PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		JobDay day = JobDay.of(contribution.getStepExecution());
		String mchid = day.mchid();
		LocalDate date = day.billDate();
		LocalDate yesterday = date.minusDays(1);
		LocalDateTime start = date.atStartOfDay();
		LocalDateTime end = date.plusDays(1).atStartOfDay();
		LocalDateTime holdover = end.minus(this.properties.holdoverWindow());
		long started = System.nanoTime();
		if (this.dialect == null) {
			this.dialect = Dialect.of(this.jdbc.getDataSource());
		}
		if (this.dialect == Dialect.POSTGRESQL) {
			// fresh statistics after the bulk load and sync, so that the joins are hash
			// joins; in a transaction of its own, as ANALYZE locks the table against
			// other ANALYZEs until the end of its transaction: merchants reconciled at
			// the same time wait for each other's ANALYZE only, not for each other's
			// reconciliation
			this.ownTransaction
				.executeWithoutResult((status) -> this.jdbc.execute("ANALYZE bill_line, order_state, order_refund"));
		}
		this.jdbc.update("DELETE FROM recon_difference WHERE mchid = ? AND bill_date = ?", mchid, date);
		int rows = this.jdbc.update(BILL_PAYMENTS, mchid, date);
		this.jdbc.update(DUPLICATE_OF, mchid, date);
		rows += this.jdbc.update(LOCAL_PAYMENTS, date, holdover, mchid, start, end, yesterday, date);
		rows += this.jdbc.update(HELD_OVER_YESTERDAY, date, mchid, yesterday, yesterday, date);
		rows += this.jdbc.update(BILL_REFUNDS, end, mchid, date);
		rows += this.jdbc.update(LOCAL_REFUNDS, date, mchid, start, end, date);
		rows += this.jdbc.update(LOCAL_CLOSED_REFUNDS, date, mchid, start, end, date);
		contribution.incrementWriteCount(rows);
		logger.info("Reconciled {} for {}: {} differences in {} ms", mchid, date, rows,
				(System.nanoTime() - started) / 1_000_000);
		return RepeatStatus.FINISHED;
	}

}
