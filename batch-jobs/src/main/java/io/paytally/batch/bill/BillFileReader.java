package io.paytally.batch.bill;

import io.paytally.batch.internal.JobDay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.file.FlatFileItemReader;
import org.springframework.batch.infrastructure.item.file.separator.RecordSeparatorPolicy;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the fetched bill line by line with Spring Batch's {@link FlatFileItemReader}
 * (UTF-8, a byte order mark and CRLF line ends allowed, blank lines passed over, no
 * comment lines), telling header, detail, summary header and summary lines apart
 * ({@link BillLineKinds}); each {@link BillLine} carries its line number in the file.
 * Restartable: the library saves the number of lines returned with every chunk and a
 * restart skips that many; the position in the bill's parts is saved beside it. A fresh
 * start clears what an earlier run loaded for the day. One run at a time per instance.
 */
public final class BillFileReader implements ItemStreamReader<BillLine>, StepExecutionListener {

	/** The prefix of the library's keys in the step's execution context. */
	static final String NAME = "billFileReader";

	static final String READ_COUNT = NAME + ".read.count";

	static final String KINDS = NAME + ".kinds";

	private static final Logger logger = LoggerFactory.getLogger(BillFileReader.class);

	private final JdbcTemplate jdbc;

	private JobDay day;

	private FlatFileItemReader<BillLine> reader;

	private BillLineKinds kinds;

	public BillFileReader(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.day = JobDay.of(stepExecution);
	}

	@Override
	public void open(ExecutionContext executionContext) {
		BillFile bill = BillFile.find(this.jdbc, this.day.mchid(), this.day.billDate());
		int alreadyRead = executionContext.getInt(READ_COUNT, 0);
		if (alreadyRead == 0) {
			clearDay();
		}
		this.kinds = BillLineKinds.restore(executionContext.getString(KINDS, ""));
		if (bill.isEmpty()) {
			this.reader = null;
			return;
		}
		this.reader = new FlatFileItemReader<>(new FileSystemResource(bill.path()),
				(text, lineNo) -> text.isBlank() ? null : new BillLine(lineNo, text, this.kinds.kindOf(text)));
		this.reader.setName(NAME);
		this.reader.setComments(new String[0]);
		this.reader.setRecordSeparatorPolicy(new BlankLinesPassedOver());
		// blank lines are folded into the next record: any number of them
		this.reader.setMaxLinesPerRecord(Integer.MAX_VALUE);
		this.reader.open(executionContext);
		if (alreadyRead > 0) {
			logger.info("Bill of {} for {}: restarting after {} lines", this.day.mchid(), this.day.billDate(),
					alreadyRead);
		}
	}

	private void clearDay() {
		for (String table : new String[] { "bill_line", "bill_summary", "bill_reject" }) {
			this.jdbc.update("DELETE FROM " + table + " WHERE mchid = ? AND bill_date = ?", this.day.mchid(),
					this.day.billDate());
		}
	}

	@Override
	public BillLine read() throws Exception {
		return (this.reader != null) ? this.reader.read() : null;
	}

	@Override
	public void update(ExecutionContext executionContext) {
		if (this.reader != null) {
			this.reader.update(executionContext);
		}
		executionContext.putString(KINDS, this.kinds.save());
	}

	@Override
	public void close() {
		if (this.reader != null) {
			this.reader.close();
			this.reader = null;
		}
	}

	/**
	 * A blank line is not a record of its own: it is folded into the next line, so the
	 * next line keeps its own line number; blank lines at the end make a blank record,
	 * which the line mapper turns into the end of the bill.
	 */
	private static final class BlankLinesPassedOver implements RecordSeparatorPolicy {

		@Override
		public boolean isEndOfRecord(String record) {
			return !record.isBlank();
		}

		@Override
		public String postProcess(String record) {
			return record;
		}

		@Override
		public String preProcess(String record) {
			return "";
		}

	}

}
