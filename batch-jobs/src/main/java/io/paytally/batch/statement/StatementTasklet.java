package io.paytally.batch.statement;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.paytally.batch.DailyStatementProperties;
import io.paytally.batch.internal.Beijing;
import io.paytally.batch.internal.JobDay;
import io.paytally.batch.internal.Publisher;
import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.DifferenceClass;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Step 6: sums up the day into a {@link DailyStatement}, replaces the day's row in
 * {@code daily_statement}, publishes it on {@code recon.statements} (compacted, keyed by
 * {@code mchid@date}) and writes the CSV of differences and the HTML report.
 */
public final class StatementTasklet implements Tasklet {

	private static final Logger logger = LoggerFactory.getLogger(StatementTasklet.class);

	private final JdbcTemplate jdbc;

	private final Publisher publisher;

	private final StatementReports reports;

	private final Clock clock;

	public StatementTasklet(JdbcTemplate jdbc, Publisher publisher, DailyStatementProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.publisher = publisher;
		this.reports = new StatementReports(jdbc, properties.reportDir());
		this.clock = clock;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		JobDay day = JobDay.of(contribution.getStepExecution());
		DailyStatement statement = compute(this.jdbc, day.mchid(), day.billDate(), this.clock);
		store(statement);
		this.publisher.batch(Topic.STATEMENTS, Serdes.dailyStatement())
			.send(DailyStatement.key(day.mchid(), day.billDate()), statement)
			.await();
		long started = System.nanoTime();
		StatementReports.Written written = this.reports.write(statement);
		long reportMillis = (System.nanoTime() - started) / 1_000_000;
		logger.info("Statement of {} for {}: {} bill payments, {} matched, differences {}; report {} written in {} ms",
				day.mchid(), day.billDate(), statement.billPaymentCount(), statement.matchedCount(),
				statement.differences()
					.stream()
					.filter((c) -> c.count() > 0 && c.differenceClass() != DifferenceClass.MATCHED)
					.map((c) -> c.differenceClass() + "=" + c.count())
					.toList(),
				written.html(), reportMillis);
		return RepeatStatus.FINISHED;
	}

	/** Computes the statement of a day from the tables. */
	public static DailyStatement compute(JdbcTemplate jdbc, String mchid, LocalDate date, Clock clock) {
		Map<String, Object> bill = jdbc.queryForMap("SELECT"
				+ " COALESCE(SUM(CASE WHEN trade_state = 'SUCCESS' THEN 1 ELSE 0 END), 0) AS payments,"
				+ " COALESCE(SUM(CASE WHEN trade_state = 'SUCCESS' THEN order_amount ELSE 0 END), 0) AS payment_amount,"
				+ " COALESCE(SUM(settled_amount), 0) AS settled,"
				+ " COALESCE(SUM(CASE WHEN trade_state = 'REFUND' THEN 1 ELSE 0 END), 0) AS refunds,"
				+ " COALESCE(SUM(refund_amount), 0) AS refunded, COALESCE(SUM(fee_milli_fen), 0) AS fees,"
				+ " COALESCE(SUM(CASE WHEN trade_state = 'SUCCESS' THEN coupon_amount ELSE 0 END), 0) AS coupons,"
				+ " COALESCE(SUM(CASE WHEN trade_state = 'REFUND' THEN refund_requested_amount ELSE 0 END), 0)"
				+ " AS refund_requested, COALESCE(SUM(coupon_refund_amount), 0) AS recharge_coupon_refunded"
				+ " FROM bill_line WHERE mchid = ? AND bill_date = ?", mchid, date);
		Map<String, Object> local = jdbc.queryForMap(
				"SELECT COUNT(*) AS payments, COALESCE(SUM(COALESCE(paid_amount, amount_total)), 0) AS paid"
						+ " FROM order_state WHERE mchid = ? AND paid_at >= ? AND paid_at < ? AND status IN"
						+ " ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED')",
				mchid, date.atStartOfDay(), date.plusDays(1).atStartOfDay());
		Map<DifferenceClass, long[]> classes = new EnumMap<>(DifferenceClass.class);
		for (DifferenceClass c : DifferenceClass.values()) {
			classes.put(c, new long[2]);
		}
		Map<String, Object> unmatched = jdbc.queryForMap("SELECT COUNT(*) AS n, COALESCE(SUM(bill_amount), 0) AS amount"
				+ " FROM recon_difference WHERE mchid = ? AND bill_date = ? AND bill_amount IS NOT NULL"
				+ " AND difference_class IN ('MISSING_LOCALLY', 'STATUS_MISMATCH', 'AMOUNT_MISMATCH', 'DUPLICATE_PAYMENT')",
				mchid, date);
		jdbc.query("SELECT difference_class, COUNT(*), COALESCE(SUM(COALESCE(bill_amount, bill_refund_amount,"
				+ " local_refund_amount, local_paid_amount, local_amount)), 0) FROM recon_difference"
				+ " WHERE mchid = ? AND bill_date = ? GROUP BY difference_class", (rs) -> {
					long[] total = classes.get(DifferenceClass.valueOf(rs.getString(1)));
					total[0] = rs.getLong(2);
					total[1] = rs.getLong(3);
				}, mchid, date);
		long matchedCount = number(bill, "payments") - number(unmatched, "n");
		long matchedAmount = number(bill, "payment_amount") - number(unmatched, "amount");
		classes.put(DifferenceClass.MATCHED, new long[] { matchedCount, matchedAmount });
		List<DailyStatement.ClassTotal> totals = new ArrayList<>();
		classes.forEach((c, t) -> totals.add(new DailyStatement.ClassTotal(c, t[0], t[1])));
		long rejected = jdbc.queryForObject("SELECT COUNT(*) FROM bill_reject WHERE mchid = ? AND bill_date = ?",
				Long.class, mchid, date);
		long repairs = jdbc.queryForObject(
				"SELECT COUNT(*) FROM recon_sent WHERE mchid = ? AND bill_date = ? AND kind = 'REPAIR'", Long.class,
				mchid, date);
		long settled = number(bill, "settled");
		long refunded = number(bill, "refunded");
		long fees = number(bill, "fees");
		return new DailyStatement(mchid, date, number(bill, "payments"), settled, number(bill, "refunds"), refunded,
				fees, number(local, "payments"), number(local, "paid"), matchedCount, matchedAmount,
				(settled - refunded) * 1000 - fees, totals, rejected, repairs, clock.instant(),
				number(bill, "payment_amount"), number(bill, "coupons"), number(bill, "refund_requested"),
				number(bill, "recharge_coupon_refunded"));
	}

	private void store(DailyStatement s) {
		this.jdbc.update("DELETE FROM daily_statement_class WHERE mchid = ? AND bill_date = ?", s.mchid(),
				s.billDate());
		this.jdbc.update("DELETE FROM daily_statement WHERE mchid = ? AND bill_date = ?", s.mchid(), s.billDate());
		this.jdbc.update("INSERT INTO daily_statement (mchid, bill_date, bill_payment_count, bill_settled_amount,"
				+ " bill_refund_count, bill_refund_amount, bill_fees_milli_fen, local_payment_count, local_paid_amount,"
				+ " matched_count, matched_amount, net_settlement_milli_fen, rejected_lines, repairs_sent, generated_at,"
				+ " bill_order_amount, bill_coupon_amount, bill_refund_requested_amount,"
				+ " bill_recharge_coupon_refund_amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				s.mchid(), s.billDate(), s.billPaymentCount(), s.billSettledAmount(), s.billRefundCount(),
				s.billRefundAmount(), s.billFeesMilliFen(), s.localPaymentCount(), s.localPaidAmount(),
				s.matchedCount(), s.matchedAmount(), s.netSettlementMilliFen(), s.rejectedLines(), s.repairsSent(),
				Beijing.local(s.generatedAt()), s.billOrderAmount(), s.billCouponAmount(),
				s.billRefundRequestedAmount(), s.billRechargeCouponRefundAmount());
		List<Object[]> classes = s.differences()
			.stream()
			.map((c) -> new Object[] { s.mchid(), s.billDate(), c.differenceClass().name(), c.count(), c.amount() })
			.toList();
		this.jdbc.batchUpdate("INSERT INTO daily_statement_class (mchid, bill_date, difference_class, item_count,"
				+ " amount) VALUES (?, ?, ?, ?, ?)", classes);
	}

	/** The stored statement of a day, if any. */
	public static DailyStatement find(JdbcTemplate jdbc, String mchid, LocalDate date) {
		List<DailyStatement.ClassTotal> classes = jdbc.query(
				"SELECT difference_class, item_count, amount FROM daily_statement_class WHERE mchid = ? AND bill_date = ?",
				(rs, i) -> new DailyStatement.ClassTotal(DifferenceClass.valueOf(rs.getString(1)), rs.getLong(2),
						rs.getLong(3)),
				mchid, date);
		classes = new ArrayList<>(classes);
		classes.sort((a, b) -> a.differenceClass().compareTo(b.differenceClass()));
		List<DailyStatement.ClassTotal> sorted = classes;
		List<DailyStatement> found = jdbc.query("SELECT bill_payment_count, bill_settled_amount, bill_refund_count,"
				+ " bill_refund_amount, bill_fees_milli_fen, local_payment_count, local_paid_amount, matched_count,"
				+ " matched_amount, net_settlement_milli_fen, rejected_lines, repairs_sent, generated_at,"
				+ " bill_order_amount, bill_coupon_amount, bill_refund_requested_amount,"
				+ " bill_recharge_coupon_refund_amount FROM daily_statement WHERE mchid = ? AND bill_date = ?",
				(rs, i) -> new DailyStatement(mchid, date, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
						rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
						sorted, rs.getLong(11), rs.getLong(12), Beijing.instant(rs.getObject(13, LocalDateTime.class)),
						rs.getLong(14), rs.getLong(15), rs.getLong(16), rs.getLong(17)),
				mchid, date);
		return found.isEmpty() ? null : found.get(0);
	}

	private static long number(Map<String, Object> row, String column) {
		Object value = row.get(column);
		if (value == null) {
			value = row.get(column.toUpperCase(java.util.Locale.ROOT));
		}
		return ((Number) value).longValue();
	}

}
