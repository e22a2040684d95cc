package io.paytally.batch.bill;

import io.paytally.batch.internal.JobDay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps every skipped bill line in {@code bill_reject}: line number, raw text and reason,
 * in the transaction of its chunk.
 */
public final class BillRejectListener implements SkipListener<BillLine, ParsedBillLine>, StepExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(BillRejectListener.class);

	private final JdbcTemplate jdbc;

	private JobDay day;

	public BillRejectListener(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.day = JobDay.of(stepExecution);
	}

	@Override
	public void onSkipInProcess(BillLine line, Throwable cause) {
		String reason = (cause instanceof MalformedBillLine malformed) ? malformed.reason() : String.valueOf(cause);
		logger.warn("Bill of {} for {}: line {} rejected: {}", this.day.mchid(), this.day.billDate(), line.lineNo(),
				reason);
		this.jdbc.update("INSERT INTO bill_reject (mchid, bill_date, line_no, raw_text, reason) VALUES (?, ?, ?, ?, ?)",
				this.day.mchid(), this.day.billDate(), line.lineNo(), truncate(line.text(), 4000),
				truncate(reason, 1000));
	}

	private static String truncate(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max);
	}

}
