package io.paytally.batch.bill;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import io.paytally.batch.internal.JobDay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the fetched bill line by line (UTF-8, a byte order mark and CRLF line ends
 * allowed), telling header, detail, summary header and summary lines apart
 * ({@link BillLineKinds}). Restartable: the number of lines read is saved with every
 * chunk, and a restart continues after it. A fresh start clears what an earlier run
 * loaded for the day. One run at a time per instance.
 */
public final class BillFileReader implements ItemStreamReader<BillLine>, StepExecutionListener {

	static final String LINES_READ = "bill.lines.read";

	static final String IN_SUMMARY = "bill.summary.header.seen";

	private static final Logger logger = LoggerFactory.getLogger(BillFileReader.class);

	private final JdbcTemplate jdbc;

	private JobDay day;

	private BufferedReader reader;

	private long lineNo;

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
		long alreadyRead = executionContext.getLong(LINES_READ, 0L);
		this.lineNo = 0;
		this.kinds = new BillLineKinds();
		if (alreadyRead == 0) {
			clearDay();
		}
		if (bill.isEmpty()) {
			this.reader = null;
			return;
		}
		try {
			this.reader = new BufferedReader(
					new InputStreamReader(Files.newInputStream(bill.path()), StandardCharsets.UTF_8), 1 << 16);
			while (this.lineNo < alreadyRead && next() != null) {
				// skip what the failed run already loaded
			}
		}
		catch (IOException ex) {
			throw new ItemStreamException("Cannot open the bill " + bill.path(), ex);
		}
		if (alreadyRead > 0) {
			logger.info("Bill of {} for {}: restarting after line {}", this.day.mchid(), this.day.billDate(),
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
	public BillLine read() {
		if (this.reader == null) {
			return null;
		}
		try {
			return next();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private BillLine next() throws IOException {
		String text;
		while ((text = this.reader.readLine()) != null) {
			this.lineNo++;
			if (text.isBlank()) {
				continue;
			}
			return new BillLine(this.lineNo, text, this.kinds.kindOf(text));
		}
		return null;
	}

	@Override
	public void update(ExecutionContext executionContext) {
		executionContext.putLong(LINES_READ, this.lineNo);
	}

	@Override
	public void close() {
		if (this.reader != null) {
			try {
				this.reader.close();
			}
			catch (IOException ex) {
				throw new ItemStreamException("Cannot close the bill", ex);
			}
			this.reader = null;
		}
	}

}
