package io.paytally.batch.schedule;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.paytally.batch.DailyStatementJobConfiguration;
import io.paytally.batch.internal.JobDay;
import io.paytally.batch.internal.JobRuns;
import io.paytally.batch.partition.MerchantStatementsConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;

/**
 * Runs a merchant's day ({@code dailyStatement}, instance (mchid, billDate, run)), or the
 * day of many merchants in parallel ({@code dailyStatements}, instance (billDate, run)).
 * Which run starts is {@link JobRuns}'s rule:
 * <ul>
 * <li>no run yet: run 1 starts;</li>
 * <li>the latest run failed or stopped (a crash, a bill not ready): it is restarted with
 * the same parameters and continues where it stopped (for many merchants: only the
 * merchants that did not complete run again);</li>
 * <li>the latest run was left running by a process that died: it is marked failed
 * ({@link JobOperator#recover}) and restarted;</li>
 * <li>the latest run completed: {@link Mode#RUN} starts run n+1, a complete re-run (after
 * repairs, say) that gives the same statement when nothing changed; {@link Mode#ONCE}
 * (the schedule) leaves the day alone.</li>
 * </ul>
 * Runs are serialized in this JVM: they sync one snapshot of {@code orders.state}; the
 * merchants of one {@code dailyStatements} run in parallel on the snapshot it synced.
 */
public final class DailyStatementRunner {

	private static final Logger logger = LoggerFactory.getLogger(DailyStatementRunner.class);

	private final JobOperator jobOperator;

	private final JobRuns runs;

	private final Job job;

	private final Job merchantsJob;

	public DailyStatementRunner(JobOperator jobOperator, JobRuns runs, Job dailyStatement, Job dailyStatements) {
		this.jobOperator = jobOperator;
		this.runs = runs;
		this.job = dailyStatement;
		this.merchantsJob = dailyStatements;
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
		JobRuns.Decision decision = this.runs.decide(DailyStatementJobConfiguration.JOB_NAME,
				(run) -> new JobDay(mchid, billDate, run).toJobParameters(), mode == Mode.RUN);
		if (decision.done()) {
			logger.info("The statement of {} for {} is complete (run {})", mchid, billDate, decision.run());
			return decision.last();
		}
		logger.info("{} the statement of {} for {} (run {}{})", decision.restart() ? "Restarting" : "Starting", mchid,
				billDate, decision.run(),
				decision.restart() ? ", last " + decision.last().getExitStatus().getExitCode() : "");
		return this.jobOperator.start(this.job, new JobDay(mchid, billDate, decision.run()).toJobParameters());
	}

	/**
	 * Runs (or restarts, or re-runs) the day of these merchants in parallel and waits for
	 * the end: the snapshot synced once, then each merchant's own statement, independent
	 * of the others'.
	 * @return the day's execution and each merchant's outcome
	 */
	public synchronized MerchantsDay runMerchants(LocalDate billDate, List<String> mchids, Mode mode) throws Exception {
		JobRuns.Decision decision = this.runs.decide(MerchantStatementsConfiguration.JOB_NAME,
				(run) -> MerchantStatementsConfiguration.dayParameters(billDate, run), mode == Mode.RUN);
		JobExecution execution;
		if (decision.done()) {
			logger.info("The statements of {} for {} are complete (run {})", mchids, billDate, decision.run());
			execution = decision.last();
		}
		else {
			if (decision.restart()) {
				// a restarted partition restarts its merchant's run, which must not be
				// left running by the process that died
				for (String mchid : mchids) {
					this.runs.recoverLeftRunning(DailyStatementJobConfiguration.JOB_NAME,
							(run) -> new JobDay(mchid, billDate, run).toJobParameters());
				}
			}
			logger.info("{} the statements of {} merchants for {} (run {})",
					decision.restart() ? "Restarting" : "Starting", mchids.size(), billDate, decision.run());
			execution = this.jobOperator.start(this.merchantsJob, MerchantStatementsConfiguration.parameters(billDate,
					decision.run(), mchids, (mode == Mode.RUN) ? MerchantStatementsConfiguration.MODE_RUN : "ONCE"));
		}
		List<MerchantOutcome> outcomes = new ArrayList<>();
		for (String mchid : mchids) {
			JobExecution latest = this.runs.latest(DailyStatementJobConfiguration.JOB_NAME,
					(run) -> new JobDay(mchid, billDate, run).toJobParameters());
			MerchantOutcome outcome = MerchantOutcome.of(mchid, latest);
			logger.info("dailyStatement {} {}: {}", mchid, billDate, outcome);
			outcomes.add(outcome);
		}
		return new MerchantsDay(billDate, execution, outcomes);
	}

	/** The process exit code of an execution. */
	public static int exitCode(JobExecution execution) {
		ExitStatus status = execution.getExitStatus();
		return ExitCodes.of(status);
	}

}
