package io.paytally.batch.schedule;

import io.paytally.batch.internal.StepOutcomes;

import org.springframework.batch.core.ExitStatus;

/**
 * The process exit codes of {@code dailyStatement} (documented in the module README).
 */
public final class ExitCodes {

	/** The statement is complete. */
	public static final int COMPLETED = 0;

	/**
	 * The job failed: corrupt bill, hash mismatch, too many rejects, or anything else.
	 */
	public static final int FAILED = 2;

	/** The bill is not ready yet: run again later. */
	public static final int BILL_NOT_READY = 3;

	private ExitCodes() {
	}

	/** The exit code of a job's exit status. */
	public static int of(ExitStatus status) {
		String code = status.getExitCode();
		if (ExitStatus.COMPLETED.getExitCode().equals(code)) {
			return COMPLETED;
		}
		if (StepOutcomes.BILL_NOT_READY.equals(code)) {
			return BILL_NOT_READY;
		}
		return FAILED;
	}

}
