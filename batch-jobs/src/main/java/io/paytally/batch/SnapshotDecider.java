package io.paytally.batch;

import io.paytally.batch.internal.JobDay;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.step.StepExecution;

/**
 * Whether a merchant's day syncs the snapshot of {@code orders.state} itself
 * ({@value #SYNC}) or runs on the one its caller synced for all merchants of the day
 * ({@value #SYNCED}: job parameter {@code snapshot=synced}).
 */
final class SnapshotDecider implements JobExecutionDecider {

	static final String SYNC = "SYNC";

	static final String SYNCED = "SYNCED";

	@Override
	public FlowExecutionStatus decide(JobExecution jobExecution, StepExecution stepExecution) {
		String snapshot = jobExecution.getJobParameters().getString(JobDay.SNAPSHOT);
		return new FlowExecutionStatus(JobDay.SNAPSHOT_SYNCED.equals(snapshot) ? SYNCED : SYNC);
	}

}
