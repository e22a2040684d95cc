package io.paytally.batch.internal;

import io.paytally.batch.bill.BillNotReady;
import io.paytally.batch.bill.MalformedBillLine;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * The exit statuses of the daily statement beyond Spring Batch's own.
 */
public final class StepOutcomes {

	/** The bill is not ready yet: retry later (process exit code 3). */
	public static final String BILL_NOT_READY = "BILL_NOT_READY";

	/** More malformed lines than the reject limit. */
	public static final String TOO_MANY_REJECTS = "TOO_MANY_REJECTS";

	private StepOutcomes() {
	}

	static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Gives a fetch that failed with {@link BillNotReady} the exit code BILL_NOT_READY.
	 */
	public static final class BillNotReadyExit implements StepExecutionListener {

		@Override
		public ExitStatus afterStep(StepExecution stepExecution) {
			for (Throwable failure : stepExecution.getFailureExceptions()) {
				if (causedBy(failure, BillNotReady.class)) {
					return new ExitStatus(BILL_NOT_READY, failure.getMessage());
				}
			}
			return null;
		}

	}

	/**
	 * Gives a load that failed on one malformed line too many the exit code
	 * TOO_MANY_REJECTS.
	 */
	public static final class TooManyRejectsExit implements StepExecutionListener {

		@Override
		public ExitStatus afterStep(StepExecution stepExecution) {
			if (stepExecution.getStatus() != BatchStatus.FAILED) {
				return null;
			}
			for (Throwable failure : stepExecution.getFailureExceptions()) {
				if (causedBy(failure, MalformedBillLine.class)) {
					return new ExitStatus(TOO_MANY_REJECTS,
							"More than " + stepExecution.getSkipCount() + " malformed bill lines");
				}
			}
			return null;
		}

	}

	/**
	 * Carries a step's special exit code up to the job, and a failed step's description
	 * (a flow job ends with the flow's status alone).
	 */
	public static final class JobExit implements JobExecutionListener {

		@Override
		public void afterJob(JobExecution jobExecution) {
			for (StepExecution step : jobExecution.getStepExecutions()) {
				String code = step.getExitStatus().getExitCode();
				if (BILL_NOT_READY.equals(code) || TOO_MANY_REJECTS.equals(code)) {
					jobExecution.setExitStatus(step.getExitStatus());
				}
				else if (step.getStatus() == BatchStatus.FAILED) {
					String description = jobExecution.getExitStatus().getExitDescription();
					if (description == null || description.isBlank()) {
						jobExecution.setExitStatus(jobExecution.getExitStatus()
							.addExitDescription(step.getExitStatus().getExitDescription()));
					}
				}
			}
		}

	}

}
