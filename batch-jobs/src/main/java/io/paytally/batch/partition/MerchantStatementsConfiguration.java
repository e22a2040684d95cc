package io.paytally.batch.partition;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import io.paytally.batch.DailyStatementProperties;
import io.paytally.batch.internal.JobRuns;
import io.paytally.batch.internal.KafkaClients;
import io.paytally.batch.snapshot.SyncOrderStateTasklet;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The job {@code dailyStatements}: the statements of many merchants of one day, in
 * parallel on this JVM. It syncs the snapshot of {@code orders.state} once (again on
 * every restart: the sync is incremental), then runs one partition per merchant
 * ({@link MerchantPartitioner}) on at most {@code merchant-concurrency} threads; each
 * partition's worker is a {@code JobStep} that runs (or restarts) that merchant's own
 * {@code dailyStatement} with the parameter {@code snapshot=synced}, so the merchant's
 * steps, restarts and exit codes are exactly those of a run of that merchant alone, and
 * one merchant's failure neither stops nor rolls back another's. A restart of a day
 * restarts only its failed merchants.
 * <p>
 * Identifying parameters: {@code billDate} and {@code run}; not identifying:
 * {@code mchids} (comma-separated) and {@code mode} ({@code RUN} runs completed merchant
 * days again, {@code ONCE} leaves them).
 */
@Configuration(proxyBeanMethods = false)
public class MerchantStatementsConfiguration {

	/** The job's name. */
	public static final String JOB_NAME = "dailyStatements";

	/** The merchants, comma-separated (not identifying). */
	public static final String MCHIDS = "mchids";

	/** {@code RUN} or {@code ONCE} (not identifying). */
	public static final String MODE = "mode";

	/** The value of {@link #MODE} that runs completed merchant days again. */
	public static final String MODE_RUN = "RUN";

	static final String WORKER_STEP = "merchantStatement";

	/** The identifying parameters of run n of a day. */
	public static JobParameters dayParameters(LocalDate billDate, long run) {
		return new JobParametersBuilder().addLocalDate("billDate", billDate).addLong("run", run).toJobParameters();
	}

	/** The parameters of run n of a day of these merchants. */
	public static JobParameters parameters(LocalDate billDate, long run, List<String> mchids, String mode) {
		return new JobParametersBuilder(dayParameters(billDate, run)).addString(MCHIDS, String.join(",", mchids), false)
			.addString(MODE, mode, false)
			.toJobParameters();
	}

	@Bean
	JobRuns jobRuns(JobOperator jobOperator, JobRepository jobRepository) {
		return new JobRuns(jobOperator, jobRepository);
	}

	/** The sync of the whole snapshot, before any merchant; run again on a restart. */
	@Bean
	Step daySnapshotStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			KafkaClients kafkaClients, JdbcTemplate jdbc, DailyStatementProperties properties) {
		SyncOrderStateTasklet tasklet = new SyncOrderStateTasklet(kafkaClients, jdbc, properties);
		return new StepBuilder("syncOrderStateStep", jobRepository).tasklet(tasklet, transactionManager)
			.listener(tasklet)
			.allowStartIfComplete(true)
			.build();
	}

	@Bean
	@StepScope
	Partitioner merchantPartitioner(JobRuns jobRuns, @Value("#{jobParameters['mchids']}") String mchids,
			@Value("#{jobParameters['billDate']}") LocalDate billDate, @Value("#{jobParameters['mode']}") String mode) {
		List<String> merchants = (mchids == null) ? List.of()
				: Arrays.stream(mchids.split(",")).map(String::trim).filter((m) -> !m.isEmpty()).toList();
		return new MerchantPartitioner(jobRuns, merchants, billDate, MODE_RUN.equals(mode));
	}

	/** The worker: the merchant's own dailyStatement, as a step. */
	@Bean
	Step merchantStatement(JobRepository jobRepository, Job dailyStatement, JobOperator jobOperator) {
		return new StepBuilder(WORKER_STEP, jobRepository).job(dailyStatement)
			.operator(jobOperator)
			.parametersExtractor((job, stepExecution) -> MerchantPartitioner.dayOf(stepExecution.getExecutionContext())
				.toJobParametersWithSyncedSnapshot())
			.build();
	}

	@Bean
	Step merchantStatementsStep(JobRepository jobRepository, Partitioner merchantPartitioner, Step merchantStatement,
			DailyStatementProperties properties) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("merchant-statement-");
		executor.setConcurrencyLimit(properties.merchantConcurrency());
		return new StepBuilder("merchantStatements", jobRepository).partitioner(WORKER_STEP, merchantPartitioner)
			.step(merchantStatement)
			.taskExecutor(executor)
			.gridSize(properties.merchantConcurrency())
			.build();
	}

	@Bean
	Job dailyStatements(JobRepository jobRepository, Step daySnapshotStep, Step merchantStatementsStep) {
		return new JobBuilder(JOB_NAME, jobRepository).start(daySnapshotStep)
			.next(merchantStatementsStep)
			.listener(new MerchantsExit())
			.build();
	}

}
