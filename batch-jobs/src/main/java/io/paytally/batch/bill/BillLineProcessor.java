package io.paytally.batch.bill;

import io.paytally.batch.internal.JobDay;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Parses each bill line with the {@link BillLineParser} of the day's merchant; headers
 * are filtered out, malformed lines throw {@link MalformedBillLine} (a skip).
 */
public final class BillLineProcessor implements ItemProcessor<BillLine, ParsedBillLine>, StepExecutionListener {

	private BillLineParser parser;

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.parser = new BillLineParser(JobDay.of(stepExecution).mchid());
	}

	@Override
	public ParsedBillLine process(BillLine line) {
		return this.parser.parse(line);
	}

}
