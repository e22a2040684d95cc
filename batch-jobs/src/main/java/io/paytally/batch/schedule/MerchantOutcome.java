package io.paytally.batch.schedule;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * How a merchant's statement of a day ended: its latest run.
 *
 * @param mchid the merchant
 * @param run the run number (0: never run)
 * @param status the batch status of the run's latest execution (null: never run)
 * @param exitStatus its exit status ({@code COMPLETED}, {@code BILL_NOT_READY},
 * {@code FAILED}, {@code TOO_MANY_REJECTS}, ...)
 * @param exitCode the process exit code it stands for (0, 2, 3)
 * @param reason the first line of the exit description (empty when completed)
 */
public record MerchantOutcome(String mchid, long run, BatchStatus status, String exitStatus, int exitCode,
		String reason) {

	static MerchantOutcome of(String mchid, JobExecution latest) {
		if (latest == null) {
			return new MerchantOutcome(mchid, 0, null, "NOT_RUN", ExitCodes.FAILED, "never run");
		}
		Long run = latest.getJobParameters().getLong("run");
		String description = latest.getExitStatus().getExitDescription();
		String reason = (description == null) ? "" : description.lines().findFirst().orElse("").strip();
		return new MerchantOutcome(mchid, (run != null) ? run : 1, latest.getStatus(),
				latest.getExitStatus().getExitCode(), ExitCodes.of(latest.getExitStatus()), reason);
	}

	@Override
	public String toString() {
		return this.exitStatus + " (exit code " + this.exitCode + ", run " + this.run + ")"
				+ (this.reason.isEmpty() ? "" : ": " + this.reason);
	}

}
