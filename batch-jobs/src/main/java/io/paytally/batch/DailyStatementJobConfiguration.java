package io.paytally.batch;

import java.time.Clock;

import io.paytally.batch.bill.BillDownloads;
import io.paytally.batch.bill.BillFileReader;
import io.paytally.batch.bill.BillLine;
import io.paytally.batch.bill.BillLineProcessor;
import io.paytally.batch.bill.BillRejectListener;
import io.paytally.batch.bill.BillRowWriter;
import io.paytally.batch.bill.CheckBillSummaryTasklet;
import io.paytally.batch.bill.FetchBillTasklet;
import io.paytally.batch.bill.MalformedBillLine;
import io.paytally.batch.bill.ParsedBillLine;
import io.paytally.batch.bill.WechatBillDownloads;
import io.paytally.batch.internal.BatchRepositorySchema;
import io.paytally.batch.internal.KafkaClients;
import io.paytally.batch.internal.LoadProgressListener;
import io.paytally.batch.internal.MerchantKeyedOrderTables;
import io.paytally.batch.internal.Publisher;
import io.paytally.batch.internal.StepOutcomes;
import io.paytally.batch.internal.UnloggedStageTables;
import io.paytally.batch.reconciliation.ReconcileTasklet;
import io.paytally.batch.repair.RefundLookup;
import io.paytally.batch.repair.RepairTasklet;
import io.paytally.batch.repair.WechatRefundLookup;
import io.paytally.batch.snapshot.SyncOrderStateTasklet;
import io.paytally.batch.statement.StatementTasklet;
import io.paytally.wechat.WechatPayDirectory;
import io.paytally.wechat.WechatPayProperties;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code dailyStatement} job: fetch the bill, load it, check it against its summary,
 * bring the local snapshot of {@code orders.state} up to date (unless the parameter
 * {@code snapshot=synced} says the caller did, as {@code dailyStatements} does for all
 * its merchants), reconcile, repair, and write the statement. Identifying parameters:
 * {@code mchid}, {@code billDate} and {@code run} (see {@code DailyStatementRunner}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ DailyStatementProperties.class, WechatPayProperties.class })
public class DailyStatementJobConfiguration {

	/** The job's name. */
	public static final String JOB_NAME = "dailyStatement";

	// infrastructure

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	FlywayConfigurationCustomizer batchRepositoryMigration() {
		return (configuration) -> configuration.javaMigrations(new BatchRepositorySchema(), new UnloggedStageTables(),
				new MerchantKeyedOrderTables());
	}

	/** The merchants' SDK clients, reading for the query timeout. */
	@Bean
	WechatPayDirectory wechatPayDirectory(WechatPayProperties properties, DailyStatementProperties batch) {
		return new WechatPayDirectory(properties.withReadTimeout(batch.wechat().queryReadTimeout()));
	}

	/** The bill's download, reading for the bill's own timeout. */
	@Bean
	BillDownloads wechatBillDownloads(WechatPayDirectory directory, DailyStatementProperties batch) {
		return new WechatBillDownloads(directory, batch.wechat().billReadTimeout());
	}

	@Bean
	RefundLookup wechatRefundLookup(WechatPayDirectory directory) {
		return new WechatRefundLookup(directory);
	}

	@Bean
	KafkaClients kafkaClients(KafkaProperties kafkaProperties) {
		return new KafkaClients(kafkaProperties.buildConsumerProperties(), kafkaProperties.buildProducerProperties());
	}

	@Bean(destroyMethod = "close")
	Publisher publisher(KafkaClients kafkaClients, DailyStatementProperties properties) {
		return new Publisher(kafkaClients.producer(), properties.kafka().sendTimeout());
	}

	// 1. fetch

	@Bean
	FetchBillTasklet fetchBillTasklet(BillDownloads billDownloads, DailyStatementProperties properties,
			JdbcTemplate jdbc, Clock clock) {
		return new FetchBillTasklet(billDownloads, properties, jdbc, clock);
	}

	@Bean
	Step fetchBillStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			FetchBillTasklet fetchBillTasklet) {
		return new StepBuilder("fetchBillStep", jobRepository).tasklet(fetchBillTasklet, transactionManager)
			.listener(new StepOutcomes.BillNotReadyExit())
			.allowStartIfComplete(false)
			.build();
	}

	// 2. load, in chunks, skipping malformed lines into the reject table; the reader,
	// parser, writer and listeners keep the day they load, so each execution of the step
	// (several
	// merchants at once in dailyStatements) has its own: step scope, behind their
	// interfaces (the classes are final)

	@Bean
	@Scope(scopeName = "step", proxyMode = ScopedProxyMode.INTERFACES)
	BillFileReader billLineReader(JdbcTemplate jdbc) {
		return new BillFileReader(jdbc);
	}

	@Bean
	@Scope(scopeName = "step", proxyMode = ScopedProxyMode.INTERFACES)
	BillLineProcessor billLineParser() {
		return new BillLineProcessor();
	}

	@Bean
	@Scope(scopeName = "step", proxyMode = ScopedProxyMode.INTERFACES)
	BillRowWriter billRowWriter(JdbcTemplate jdbc) {
		return new BillRowWriter(jdbc);
	}

	@Bean
	@Scope(scopeName = "step", proxyMode = ScopedProxyMode.INTERFACES)
	BillRejectListener billRejectListener(JdbcTemplate jdbc) {
		return new BillRejectListener(jdbc);
	}

	@Bean
	@Scope(scopeName = "step", proxyMode = ScopedProxyMode.INTERFACES)
	LoadProgressListener loadProgressListener() {
		return new LoadProgressListener();
	}

	@Bean
	Step loadBillStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			@Qualifier("billLineReader") ItemStreamReader<BillLine> billLineReader,
			@Qualifier("billLineParser") ItemProcessor<BillLine, ParsedBillLine> billLineParser,
			@Qualifier("billRowWriter") ItemWriter<ParsedBillLine> billRowWriter,
			@Qualifier("billRejectListener") StepListener billRejectListener,
			@Qualifier("loadProgressListener") StepListener loadProgressListener, DailyStatementProperties properties,
			@Qualifier("loadBillStep") ObjectProvider<ChunkListener<BillLine, ParsedBillLine>> extraListeners) {
		ChunkOrientedStepBuilder<BillLine, ParsedBillLine> builder = new StepBuilder("loadBillStep", jobRepository)
			.<BillLine, ParsedBillLine>chunk(properties.chunkSize())
			.transactionManager(transactionManager)
			.reader(billLineReader)
			.processor(billLineParser)
			.writer(billRowWriter)
			.faultTolerant()
			.skip(MalformedBillLine.class)
			.skipLimit(properties.rejectLimit())
			.listener(billRejectListener)
			.listener(loadProgressListener)
			.listener((StepListener) new StepOutcomes.TooManyRejectsExit());
		extraListeners.orderedStream().forEach(builder::listener);
		return builder.build();
	}

	@Bean
	Step checkBillSummaryStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcTemplate jdbc) {
		return new StepBuilder("checkBillSummaryStep", jobRepository)
			.tasklet(new CheckBillSummaryTasklet(jdbc), transactionManager)
			.build();
	}

	// 3. sync the local snapshot of orders.state

	@Bean
	Step syncOrderStateStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			KafkaClients kafkaClients, JdbcTemplate jdbc, DailyStatementProperties properties) {
		SyncOrderStateTasklet tasklet = new SyncOrderStateTasklet(kafkaClients, jdbc, properties);
		return new StepBuilder("syncOrderStateStep", jobRepository).tasklet(tasklet, transactionManager)
			.listener(tasklet)
			.build();
	}

	// 4. reconcile

	@Bean
	Step reconcileStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
			DailyStatementProperties properties) {
		return new StepBuilder("reconcileStep", jobRepository)
			.tasklet(new ReconcileTasklet(jdbc, properties, transactionManager), transactionManager)
			.build();
	}

	// 5. repair

	@Bean
	Step repairStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
			Publisher publisher, DailyStatementProperties properties, Clock clock, RefundLookup refundLookup) {
		return new StepBuilder("repairStep", jobRepository)
			.tasklet(new RepairTasklet(jdbc, publisher, properties, clock, refundLookup), transactionManager)
			.build();
	}

	// 6. the statement

	@Bean
	Step statementStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
			Publisher publisher, DailyStatementProperties properties, Clock clock) {
		return new StepBuilder("statementStep", jobRepository)
			.tasklet(new StatementTasklet(jdbc, publisher, properties, clock), transactionManager)
			.build();
	}

	// the flow: the sync is skipped when the caller synced the snapshot for all merchants

	@Bean
	Job dailyStatement(JobRepository jobRepository, Step fetchBillStep, Step loadBillStep, Step checkBillSummaryStep,
			Step syncOrderStateStep, Step reconcileStep, Step repairStep, Step statementStep) {
		JobExecutionDecider snapshot = new SnapshotDecider();
		return new JobBuilder(JOB_NAME, jobRepository).start(fetchBillStep)
			.next(loadBillStep)
			.next(checkBillSummaryStep)
			.next(snapshot)
			.on(SnapshotDecider.SYNC)
			.to(syncOrderStateStep)
			.next(reconcileStep)
			.next(repairStep)
			.next(statementStep)
			.from(snapshot)
			.on(SnapshotDecider.SYNCED)
			.to(reconcileStep)
			.end()
			.listener(new StepOutcomes.JobExit())
			.build();
	}

}
