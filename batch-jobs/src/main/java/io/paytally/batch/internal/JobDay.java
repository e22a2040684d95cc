package io.paytally.batch.internal;

import java.time.LocalDate;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;

/**
 * The identifying parameters of a {@code dailyStatement} run: one merchant's day, and the
 * run number that lets a completed day be run again.
 *
 * @param mchid the merchant id
 * @param billDate the bill date
 * @param run 1 for the first run of the day, one more for every re-run after a completed
 * one
 */
public record JobDay(String mchid, LocalDate billDate, long run) {

	public static final String MCHID = "mchid";

	public static final String BILL_DATE = "billDate";

	public static final String RUN = "run";

	/**
	 * A parameter that does not identify the run: {@value #SNAPSHOT_SYNCED} when the
	 * caller has brought the snapshot of {@code orders.state} up to date (the partitioned
	 * job {@code dailyStatements}), so the run does not sync it again.
	 */
	public static final String SNAPSHOT = "snapshot";

	/** The value of {@link #SNAPSHOT} that skips the sync. */
	public static final String SNAPSHOT_SYNCED = "synced";

	/** The day a step execution works on. */
	public static JobDay of(StepExecution stepExecution) {
		return of(stepExecution.getJobParameters());
	}

	/** The day of a job's parameters. */
	public static JobDay of(JobParameters parameters) {
		String mchid = parameters.getString(MCHID);
		LocalDate billDate = parameters.getLocalDate(BILL_DATE);
		Long run = parameters.getLong(RUN);
		if (mchid == null || billDate == null) {
			throw new IllegalArgumentException("dailyStatement needs the parameters mchid and billDate");
		}
		return new JobDay(mchid, billDate, (run != null) ? run : 1L);
	}

	/** The job parameters of this run. */
	public JobParameters toJobParameters() {
		return new JobParametersBuilder().addString(MCHID, this.mchid)
			.addLocalDate(BILL_DATE, this.billDate)
			.addLong(RUN, this.run)
			.toJobParameters();
	}

	/**
	 * The job parameters of this run for a caller that has synced the snapshot of
	 * {@code orders.state} already.
	 */
	public JobParameters toJobParametersWithSyncedSnapshot() {
		return new JobParametersBuilder(toJobParameters()).addString(SNAPSHOT, SNAPSHOT_SYNCED, false)
			.toJobParameters();
	}

	/** The next run of the same day. */
	public JobDay next() {
		return new JobDay(this.mchid, this.billDate, this.run + 1);
	}

}
