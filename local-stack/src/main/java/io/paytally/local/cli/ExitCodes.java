package io.paytally.local.cli;

import io.paytally.batch.bill.BillCheck;

/**
 * The exit codes of every {@code paytally} command, in one place. A command that ends
 * with batch-jobs' statement or bill check ends with their own codes, which these are.
 */
public final class ExitCodes {

	/** The command is done: the demo's day agrees, the statement is complete. */
	public static final int DONE = io.paytally.batch.schedule.ExitCodes.COMPLETED;

	/** The demo found a disagreement, or the bill has rejected lines. */
	public static final int DISAGREES = BillCheck.REJECTS;

	/** The command failed: the statement failed, the bill is corrupt as a whole. */
	public static final int FAILED = io.paytally.batch.schedule.ExitCodes.FAILED;

	/** The statement's bill is not ready yet: run it again later. */
	public static final int BILL_NOT_READY = io.paytally.batch.schedule.ExitCodes.BILL_NOT_READY;

	/** The command line cannot be run as written. */
	public static final int USAGE = 64;

	/** The help's lines on the exit codes of all commands ({@code %n}: a new line). */
	public static final String HELP = "Exit codes: " + DONE + " done, " + DISAGREES
			+ " the demo found a disagreement or a bill has rejected lines, " + FAILED + " failed,%n" + BILL_NOT_READY
			+ " the bill is not ready yet, " + USAGE + " the command line cannot be run as written.";

	/** The statement command's exit codes, for its help. */
	public static final String STATEMENT_HELP = DONE + " done, " + FAILED + " failed, " + BILL_NOT_READY
			+ " bill not ready";

	/** The bill check's exit codes, for its help. */
	public static final String BILL_CHECK_HELP = "Exit code: " + BillCheck.SOUND + " sound, " + BillCheck.REJECTS
			+ " some lines rejected, " + BillCheck.CORRUPT + " corrupt as a whole.";

	private ExitCodes() {
	}

}
