package io.paytally.batch.partition;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.paytally.batch.DailyStatementJobConfiguration;
import io.paytally.batch.internal.JobDay;
import io.paytally.batch.internal.JobRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One partition per merchant of the day, named by its mchid, holding the run of that
 * merchant's {@code dailyStatement} to start or restart ({@link JobRuns}). A merchant
 * whose day is complete is left out unless completed days are run again. On a restart of
 * {@code dailyStatements} Spring Batch keeps the failed partitions' own contexts (the
 * same run, which continues where it stopped) and does not start the completed ones.
 */
final class MerchantPartitioner implements Partitioner {

	private static final Logger logger = LoggerFactory.getLogger(MerchantPartitioner.class);

	private final JobRuns runs;

	private final List<String> mchids;

	private final LocalDate billDate;

	private final boolean runCompletedAgain;

	MerchantPartitioner(JobRuns runs, List<String> mchids, LocalDate billDate, boolean runCompletedAgain) {
		this.runs = runs;
		this.mchids = mchids;
		this.billDate = billDate;
		this.runCompletedAgain = runCompletedAgain;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (String mchid : this.mchids) {
			JobRuns.Decision decision;
			try {
				decision = this.runs.decide(DailyStatementJobConfiguration.JOB_NAME,
						(run) -> new JobDay(mchid, this.billDate, run).toJobParameters(), this.runCompletedAgain);
			}
			catch (Exception ex) {
				throw new IllegalStateException(
						"Cannot tell which run of " + mchid + " for " + this.billDate + " to start", ex);
			}
			if (decision.done()) {
				logger.info("The statement of {} for {} is complete (run {}); left alone", mchid, this.billDate,
						decision.run());
				continue;
			}
			ExecutionContext context = new ExecutionContext();
			context.putString(JobDay.MCHID, mchid);
			context.putString(JobDay.BILL_DATE, this.billDate.toString());
			context.putLong(JobDay.RUN, decision.run());
			partitions.put(mchid, context);
		}
		logger.info("{} merchants of {} to run: {}", partitions.size(), this.billDate, partitions.keySet());
		return partitions;
	}

	/** The run of a partition's merchant day, from its execution context. */
	static JobDay dayOf(ExecutionContext context) {
		return new JobDay(context.getString(JobDay.MCHID), LocalDate.parse(context.getString(JobDay.BILL_DATE)),
				context.getLong(JobDay.RUN));
	}

}
