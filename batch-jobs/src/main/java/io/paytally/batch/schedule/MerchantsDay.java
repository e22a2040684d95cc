package io.paytally.batch.schedule;

import java.time.LocalDate;
import java.util.List;

import org.springframework.batch.core.job.JobExecution;

/**
 * The outcome of a day of many merchants run in parallel.
 *
 * @param billDate the day
 * @param execution the execution of {@code dailyStatements}
 * @param merchants each merchant's outcome, in the order asked
 */
public record MerchantsDay(LocalDate billDate, JobExecution execution, List<MerchantOutcome> merchants) {

	/**
	 * The process exit code of the day: the highest of the merchants' (3 when a bill is
	 * not ready, else 2 when one failed, else 0).
	 */
	public int exitCode() {
		return this.merchants.stream().mapToInt(MerchantOutcome::exitCode).max().orElse(ExitCodes.COMPLETED);
	}

	/** The outcome of one merchant. */
	public MerchantOutcome of(String mchid) {
		return this.merchants.stream()
			.filter((m) -> m.mchid().equals(mchid))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No merchant " + mchid + " in the day"));
	}

}
