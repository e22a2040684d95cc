package io.paytally.batch.bill;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * lines, the row count, settled amount, refunds and fees must agree exactly. With
 * rejected lines, the rows and rejects together must make up the summary's count; the
 * amounts of the rejected lines are unknown, so the amounts are then reported, not
 * checked. Any other difference is a {@link BillCorrupt} bill.
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
		Map<String, Object> rows = this.jdbc.queryForMap("SELECT COUNT(*) AS total_count,"
				+ " COALESCE(SUM(settled_amount), 0) AS settled_amount, COALESCE(SUM(refund_amount), 0) AS refund_amount,"
				+ " COALESCE(SUM(fee_milli_fen), 0) AS fee_milli_fen FROM bill_line WHERE mchid = ? AND bill_date = ?",
				day.mchid(), day.billDate());
		long rejects = this.jdbc.queryForObject("SELECT COUNT(*) FROM bill_reject WHERE mchid = ? AND bill_date = ?",
				Long.class, day.mchid(), day.billDate());
		List<Map<String, Object>> summaries = this.jdbc
			.queryForList("SELECT total_count, settled_amount, refund_amount, fee_milli_fen FROM bill_summary"
					+ " WHERE mchid = ? AND bill_date = ?", day.mchid(), day.billDate());
		if (bill.isEmpty()) {
			return RepeatStatus.FINISHED;
		}
		if (summaries.isEmpty()) {
			throw new BillCorrupt("The bill of " + day.mchid() + " for " + day.billDate() + " has no summary row");
		}
		Map<String, Object> summary = summaries.get(0);
		List<String> differences = new ArrayList<>();
		long count = number(rows, "total_count");
		if (count + rejects != number(summary, "total_count")) {
			differences.add("count " + count + " rows + " + rejects + " rejected <> " + number(summary, "total_count"));
		}
		for (String column : List.of("settled_amount", "refund_amount", "fee_milli_fen")) {
			if (number(rows, column) != number(summary, column)) {
				differences.add(column + " " + number(rows, column) + " <> " + number(summary, column));
			}
		}
		if (!differences.isEmpty() && rejects == 0) {
			throw new BillCorrupt("The bill of " + day.mchid() + " for " + day.billDate()
					+ " disagrees with its own summary: " + String.join(", ", differences));
		}
		if (!differences.isEmpty() && differences.get(0).startsWith("count")) {
			throw new BillCorrupt("The bill of " + day.mchid() + " for " + day.billDate()
					+ " disagrees with its own summary: " + differences.get(0));
		}
		if (!differences.isEmpty()) {
			logger.warn("Bill of {} for {}: the {} rejected lines account for {}", day.mchid(), day.billDate(), rejects,
					differences);
		}
		logger.info("Bill of {} for {}: {} rows agree with the summary", day.mchid(), day.billDate(), count);
		return RepeatStatus.FINISHED;
	}

	private static long number(Map<String, Object> row, String column) {
		Object value = row.get(column);
		if (value == null) {
			value = row.get(column.toUpperCase(java.util.Locale.ROOT));
		}
		return ((Number) value).longValue();
	}

}
