package io.paytally.batch.partition;

import io.paytally.batch.internal.StepOutcomes;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Gives {@code dailyStatements} the exit status BILL_NOT_READY when a merchant's bill was
 * not ready (process exit code 3: run again later), as the command's exit code for
 * several merchants is the highest of theirs.
 */
final class MerchantsExit implements JobExecutionListener {

	@Override
	public void afterJob(JobExecution jobExecution) {
		for (StepExecution step : jobExecution.getStepExecutions()) {
			if (step.getStepName().startsWith(MerchantStatementsConfiguration.WORKER_STEP + ":")
					&& StepOutcomes.BILL_NOT_READY.equals(step.getExitStatus().getExitCode())) {
				jobExecution.setExitStatus(new ExitStatus(StepOutcomes.BILL_NOT_READY,
						"The bill of a merchant is not ready: " + step.getStepName()));
				return;
			}
		}
	}

}
