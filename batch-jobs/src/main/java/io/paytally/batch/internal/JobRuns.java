package io.paytally.batch.internal;

import java.util.function.LongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Which run of a day to start, for jobs whose instances are a day and a run number (a
 * merchant's {@code dailyStatement}, the partitioned {@code dailyStatements}):
 * <ul>
 * <li>no run yet: run 1 starts;</li>
 * <li>the latest run failed or stopped: it is restarted;</li>
 * <li>the latest run was left running by a process that died: it is marked failed
 * ({@link JobOperator#recover}) and restarted;</li>
 * <li>the latest run completed: run n+1 starts when completed days are run again, else
 * the day is done.</li>
 * </ul>
 */
public final class JobRuns {

	private static final Logger logger = LoggerFactory.getLogger(JobRuns.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	public JobRuns(JobOperator jobOperator, JobRepository jobRepository) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
	}

	/**
	 * What to do with a day.
	 *
	 * @param run the run to start or restart, or the completed run when {@link #done()}
	 * @param last the latest execution of that run (null when it has none yet)
	 */
	public record Decision(long run, JobExecution last) {

		/** Whether the day is complete and is left alone. */
		public boolean done() {
			return this.last != null && this.last.getStatus() == BatchStatus.COMPLETED;
		}

		/** Whether the run has an execution to restart. */
		public boolean restart() {
			return this.last != null && !done();
		}

	}

	/**
	 * Decides, and marks a run left running by a dead process failed.
	 * @param jobName the job
	 * @param parametersOfRun the identifying parameters of run n
	 * @param runCompletedAgain whether a completed day starts its next run
	 * @return the decision
	 */
	public Decision decide(String jobName, LongFunction<JobParameters> parametersOfRun, boolean runCompletedAgain)
			throws Exception {
		long run = 1;
		JobExecution completed = null;
		while (true) {
			JobExecution last = this.jobRepository.getLastJobExecution(jobName, parametersOfRun.apply(run));
			if (last == null) {
				return (completed != null && !runCompletedAgain) ? new Decision(run - 1, completed)
						: new Decision(run, null);
			}
			if (last.getStatus() == BatchStatus.COMPLETED) {
				completed = last;
				run++;
				continue;
			}
			if (last.getStatus().isRunning()) {
				logger.warn("{} run {} ({}) was left {} by a process that stopped; marking it failed", jobName, run,
						last.getJobParameters(), last.getStatus());
				last = this.jobOperator.recover(last);
			}
			if (last.getStatus() == BatchStatus.ABANDONED) {
				run++;
				continue;
			}
			return new Decision(run, last);
		}
	}

	/**
	 * The latest execution of the latest run of a day, or null when it has none.
	 * @param jobName the job
	 * @param parametersOfRun the identifying parameters of run n
	 * @return the execution
	 */
	public JobExecution latest(String jobName, LongFunction<JobParameters> parametersOfRun) {
		JobExecution latest = null;
		for (long run = 1;; run++) {
			JobExecution last = this.jobRepository.getLastJobExecution(jobName, parametersOfRun.apply(run));
			if (last == null) {
				return latest;
			}
			latest = last;
		}
	}

	/**
	 * Marks the latest execution of a day failed when a process that died left it
	 * running.
	 * @param jobName the job
	 * @param parametersOfRun the identifying parameters of run n
	 */
	public void recoverLeftRunning(String jobName, LongFunction<JobParameters> parametersOfRun) throws Exception {
		JobExecution latest = latest(jobName, parametersOfRun);
		if (latest != null && latest.getStatus().isRunning()) {
			logger.warn("{} ({}) was left {} by a process that stopped; marking it failed", jobName,
					latest.getJobParameters(), latest.getStatus());
			this.jobOperator.recover(latest);
		}
	}

}
