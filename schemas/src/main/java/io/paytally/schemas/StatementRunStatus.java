package io.paytally.schemas;

/**
 * Where a request to run a statement stands ({@code recon.statement-runs}).
 */
public enum StatementRunStatus {

	/** Asked for (written by the dashboard); nothing has taken it yet. */
	REQUESTED,

	/** Taken by batch-jobs, waiting for the runs before it. */
	QUEUED,

	/** The statement job is running. */
	RUNNING,

	/** The bill was not ready; the run starts again by itself at nextAttemptAt. */
	RETRYING,

	/** The statement is written (recon.statements has it). */
	DONE,

	/**
	 * The run failed, or the bill was still not ready when retrying gave up: see reason.
	 */
	FAILED

}
