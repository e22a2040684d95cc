package io.paytally.batch.schedule;

import java.time.LocalDate;

import io.paytally.batch.DailyStatementJobConfiguration;
import io.paytally.batch.internal.JobDay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Runs a merchant's day. The job instance is (mchid, billDate, run):
 * <ul>
 * <li>no run yet: run 1 starts;</li>
 * <li>the latest run failed or stopped (a crash, a bill not ready): it is restarted with
 * the same parameters and continues where it stopped;</li>
 * <li>the latest run was left running by a process that died: it is marked failed
 * ({@link JobOperator#recover}) and restarted;</li>
 * <li>the latest run completed: {@link Mode#RUN} starts run n+1, a complete re-run (after
 * repairs, say) that gives the same statement when nothing changed; {@link Mode#ONCE}
 * (the schedule) leaves the day alone.</li>
 * </ul>
 * Runs are serialized: the steps share one snapshot of {@code orders.state}.
 */
public final class DailyStatementRunner {

	private static final Logger logger = LoggerFactory.getLogger(DailyStatementRunner.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job job;

	public DailyStatementRunner(JobOperator jobOperator, JobRepository jobRepository, Job job) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.job = job;
	}

	/** What to do with a day that already has a completed run. */
	public enum Mode {

		/** Run it again as the next run. */
		RUN,

		/** Leave it: it is done. */
		ONCE

	}

	/**
	 * Runs (or restarts, or re-runs) a merchant's day and waits for the end.
	 * @return the execution
	 */
	public synchronized JobExecution run(String mchid, LocalDate billDate, Mode mode) throws Exception {
		JobDay day = new JobDay(mchid, billDate, 1);
		JobExecution completed = null;
		while (true) {
			JobExecution last = this.jobRepository.getLastJobExecution(DailyStatementJobConfiguration.JOB_NAME,
					day.toJobParameters());
			if (last == null && mode == Mode.ONCE && completed != null) {
				logger.info("The statement of {} for {} is complete (run {})", mchid, billDate, day.run() - 1);
				return completed;
			}
			if (last == null) {
				logger.info("Starting the statement of {} for {} (run {})", mchid, billDate, day.run());
				return this.jobOperator.start(this.job, day.toJobParameters());
			}
			if (last.getStatus() == BatchStatus.COMPLETED) {
				completed = last;
				day = day.next();
				continue;
			}
			if (last.getStatus().isRunning()) {
				logger.warn("Run {} of {} for {} was left {} by a process that stopped; marking it failed", day.run(),
						mchid, billDate, last.getStatus());
				last = this.jobOperator.recover(last);
			}
			if (last.getStatus() == BatchStatus.ABANDONED) {
				day = day.next();
				continue;
			}
			logger.info("Restarting the statement of {} for {} (run {}, last {})", mchid, billDate, day.run(),
					last.getExitStatus().getExitCode());
			return this.jobOperator.start(this.job, day.toJobParameters());
		}
	}

	/** The process exit code of an execution. */
	public static int exitCode(JobExecution execution) {
		ExitStatus status = execution.getExitStatus();
		return ExitCodes.of(status);
	}

}
