package io.paytally.batch.bill;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import io.paytally.batch.internal.JobDay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Step 2b: checks the loaded rows against the bill's own summary row. Without rejected
 * lines, all seven sums ({@link BillTotals}: count, settled amount, refunds,
 * recharge-coupon refunds, fees, order amount, requested refunds) must agree exactly.
 * With rejected lines, the rows and rejects together must make up the summary's count;
 * the amounts of the rejected lines are unknown, so the amounts are then reported, not
 * checked. Any other difference is a {@link BillCorrupt} bill, which fails the job before
 * reconciliation, repairs or the statement write anything.
 */
public final class CheckBillSummaryTasklet implements Tasklet {

	private static final Logger logger = LoggerFactory.getLogger(CheckBillSummaryTasklet.class);

	private final JdbcTemplate jdbc;

	public CheckBillSummaryTasklet(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		JobDay day = JobDay.of(contribution.getStepExecution());
		BillFile bill = BillFile.find(this.jdbc, day.mchid(), day.billDate());
		if (bill.isEmpty()) {
			return RepeatStatus.FINISHED;
		}
		BillTotals rows = this.jdbc.queryForObject(
				"SELECT COUNT(*), COALESCE(SUM(settled_amount), 0),"
						+ " COALESCE(SUM(refund_amount), 0), COALESCE(SUM(coupon_refund_amount), 0),"
						+ " COALESCE(SUM(fee_milli_fen), 0), COALESCE(SUM(order_amount), 0),"
						+ " COALESCE(SUM(refund_requested_amount), 0) FROM bill_line WHERE mchid = ? AND bill_date = ?",
				CheckBillSummaryTasklet::totals, day.mchid(), day.billDate());
		long rejects = this.jdbc.queryForObject("SELECT COUNT(*) FROM bill_reject WHERE mchid = ? AND bill_date = ?",
				Long.class, day.mchid(), day.billDate());
		List<BillTotals> summaries = this.jdbc.query("SELECT total_count, settled_amount, refund_amount,"
				+ " coupon_refund_amount, fee_milli_fen, order_amount, refund_requested_amount FROM bill_summary"
				+ " WHERE mchid = ? AND bill_date = ?", CheckBillSummaryTasklet::totals, day.mchid(), day.billDate());
		if (summaries.isEmpty()) {
			throw new BillCorrupt("The bill of " + day.mchid() + " for " + day.billDate()
					+ " has no summary row (a truncated file, or not a trade bill)");
		}
		BillTotals summary = summaries.get(0);
		List<String> differences = rows.differencesFrom(summary, rejects);
		if (!differences.isEmpty()) {
			throw new BillCorrupt("The bill of " + day.mchid() + " for " + day.billDate()
					+ " disagrees with its own summary: " + String.join(", ", differences));
		}
		if (rejects > 0) {
			logger.warn("Bill of {} for {}: the {} rejected lines account for {}", day.mchid(), day.billDate(), rejects,
					rows.differencesFrom(summary, 0));
		}
		logger.info("Bill of {} for {}: {} rows{} agree with the summary", day.mchid(), day.billDate(), rows.count(),
				(rejects > 0) ? " and " + rejects + " rejected lines" : "");
		return RepeatStatus.FINISHED;
	}

	private static BillTotals totals(ResultSet rs, int rowNum) throws SQLException {
		return new BillTotals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
				rs.getLong(7));
	}

}
