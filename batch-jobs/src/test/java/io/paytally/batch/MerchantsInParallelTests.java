package io.paytally.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.billdownload.DigestBillEntity;
import io.paytally.batch.bill.BillDownloads;
import io.paytally.batch.internal.JobDay;
import io.paytally.batch.schedule.DailyStatementRunner;
import io.paytally.batch.schedule.ExitCodes;
import io.paytally.batch.schedule.MerchantsDay;
import io.paytally.batch.statement.StatementTasklet;
import io.paytally.batch.support.BatchHarness;
import io.paytally.batch.support.BillFixture;
import io.paytally.batch.support.KafkaTopics;
import io.paytally.batch.support.States;
import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The day of several merchants run in parallel ({@code dailyStatements}) on one database:
 * each merchant's statement is the one it gets alone, a merchant whose bill is not ready
 * or corrupt fails alone with its own exit code, and a restart runs only the merchants
 * that did not complete.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MerchantsInParallelTests {

	static final String A = "1900000011";

	static final String B = "1900000012";

	/** Its bill is not ready at first. */
	static final String C = "1900000013";

	/** Its bill's summary does not add up at first. */
	static final String D = "1900000014";

	static final List<String> MERCHANTS = List.of(A, B, C, D);

	/** The bills the fake SDK serves, by mchid and date. */
	static final Map<String, Supplier<DigestBillEntity>> BILLS = new ConcurrentHashMap<>();

	static final Instant NOW = Instant.parse("2027-06-01T06:00:00Z");

	static final LocalDate DAY = LocalDate.of(2026, 12, 1);

	BatchHarness harness;

	KafkaTopics topics;

	JdbcTemplate jdbc;

	JobRepository jobRepository;

	DailyStatementRunner runner;

	Path files;

	/** The datasource properties of the database under test. */
	abstract Map<String, ?> database();

	/** Drops the database under test. */
	void closeDatabase() {
	}

	@BeforeAll
	void start() throws IOException {
		this.harness = BatchHarness.start("merchants-in-parallel-", database(),
				Map.of("paytally.batch.chunk-size", "10", "paytally.batch.merchant-concurrency", "4"),
				FixtureBills.class);
		this.files = this.harness.files();
		this.topics = new KafkaTopics(this.harness.broker().bootstrapServers());
		this.jdbc = this.harness.jdbc();
		this.jobRepository = this.harness.context().getBean(JobRepository.class);
		this.runner = this.harness.runner();
	}

	@AfterAll
	void stop() {
		if (this.harness != null) {
			this.harness.close();
		}
		closeDatabase();
	}

	@Test
	void eachMerchantEndsOnItsOwnAndARestartRunsOnlyTheMerchantsThatDidNotComplete() throws Exception {
		LocalDate d = DAY;
		// the same order numbers at every merchant, with amounts and states that differ
		bill(A, d,
				new BillFixture(A).payment(at(d, 9, 0), "PAR-1", 1000)
					.payment(at(d, 9, 10), "PAR-2", 2000)
					.refund(at(d, 15, 0), "PAR-1", "RPAR-1", 500));
		bill(B, d,
				new BillFixture(B).payment(at(d, 9, 20), "PAR-2", 2000)
					.payment(at(d, 9, 30), "PAR-1", 1500)
					.payment(at(d, 11, 0), "PAR-3", 700));
		BILLS.put(key(C, d), () -> {
			throw new ServiceException(null, 400,
					"{\"code\":\"STATEMENT_CREATING\",\"message\":\"bill is being created\"}");
		});
		BILLS.put(key(D, d), new BillFixture(D).payment(at(d, 9, 0), "PAR-1", 900).summaryOff(0, 1)::entity);
		this.topics.writeStates(List.of(
				States.paidOrder(A, "PAR-1", "PAR-1", 1000, at(d, 9, 0), States.refund("RPAR-1", 500, at(d, 15, 0))),
				States.paidOrder(A, "PAR-2", "PAR-2", 2000, at(d, 9, 10)),
				States.paidOrder(A, "PAR-3", "PAR-3", 3000, at(d, 10, 0)),
				States.paidOrder(B, "PAR-1", "PAR-1", 1500, at(d, 9, 30)),
				States.pendingOrder(B, "PAR-2", 2000, at(d, 9, 0)),
				States.paidOrder(B, "PAR-3", "PAR-3", 700, at(d, 11, 0)),
				States.paidOrder(C, "PAR-1", "PAR-1", 800, at(d, 12, 0)),
				States.paidOrder(D, "PAR-1", "PAR-1", 900, at(d, 9, 0))));

		// 1. all four at once: A and B complete, C's bill is not ready, D's is corrupt
		MerchantsDay first = this.runner.runMerchants(d, MERCHANTS, DailyStatementRunner.Mode.RUN);
		assertThat(first.merchants()).extracting((m) -> m.mchid() + " " + m.exitStatus() + " " + m.exitCode())
			.containsExactly(A + " COMPLETED 0", B + " COMPLETED 0", C + " BILL_NOT_READY 3", D + " FAILED 2");
		assertThat(first.exitCode()).isEqualTo(ExitCodes.BILL_NOT_READY);
		assertThat(first.of(C).reason()).contains("BillNotReady", "still creating the bill of " + C);
		assertThat(first.of(D).reason()).contains("disagrees with its own summary");
		assertThat(first.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(first.execution().getExitStatus().getExitCode()).isEqualTo("BILL_NOT_READY");
		// the snapshot synced once for the day, one partition per merchant
		assertThat(first.execution().getStepExecutions()).extracting(StepExecution::getStepName)
			.containsExactlyInAnyOrder("syncOrderStateStep", "merchantStatements", "merchantStatement:" + A,
					"merchantStatement:" + B, "merchantStatement:" + C, "merchantStatement:" + D);
		// each merchant's own job, without a sync of its own
		assertThat(latest(A).getStepExecutions()).extracting(StepExecution::getStepName)
			.containsExactly("fetchBillStep", "loadBillStep", "checkBillSummaryStep", "reconcileStep", "repairStep",
					"statementStep");
		assertThat(describe(A))
			.isEqualTo("bill 2/3000 refunds 1/500 local 3/6000 matched 2/3000 repairs 0" + " MISSING_AT_WECHAT 1/3000");
		assertThat(describe(B))
			.isEqualTo("bill 3/4200 refunds 0/0 local 2/2200 matched 2/2200 repairs 1" + " MISSING_LOCALLY 1/2000");
		assertThat(StatementTasklet.find(this.jdbc, C, d)).isNull();
		assertThat(StatementTasklet.find(this.jdbc, D, d)).isNull();
		long instanceOfC = latest(C).getJobInstance().getInstanceId();

		// 2. C's bill is ready: the restart runs C (and D, still corrupt), not A or B
		bill(C, d, new BillFixture(C).payment(at(d, 12, 0), "PAR-1", 800));
		MerchantsDay second = this.runner.runMerchants(d, MERCHANTS, DailyStatementRunner.Mode.RUN);
		assertThat(second.execution().getJobInstance().getInstanceId())
			.isEqualTo(first.execution().getJobInstance().getInstanceId());
		assertThat(second.execution().getStepExecutions()).extracting(StepExecution::getStepName)
			.containsExactlyInAnyOrder("syncOrderStateStep", "merchantStatements", "merchantStatement:" + C,
					"merchantStatement:" + D);
		assertThat(second.merchants()).extracting((m) -> m.mchid() + " " + m.exitStatus() + " " + m.run())
			.containsExactly(A + " COMPLETED 1", B + " COMPLETED 1", C + " COMPLETED 1", D + " FAILED 1");
		assertThat(second.exitCode()).isEqualTo(ExitCodes.FAILED);
		assertThat(latest(C).getJobInstance().getInstanceId()).isEqualTo(instanceOfC);
		assertThat(executions(A)).isEqualTo(1);
		assertThat(executions(B)).isEqualTo(1);
		assertThat(executions(C)).isEqualTo(2);
		assertThat(describe(C)).isEqualTo("bill 1/800 refunds 0/0 local 1/800 matched 1/800 repairs 0");

		// 3. D's bill is still corrupt: D alone fails again where it stopped, in the
		// same instance, and nothing else runs
		MerchantsDay third = this.runner.runMerchants(d, MERCHANTS, DailyStatementRunner.Mode.RUN);
		assertThat(third.execution().getStepExecutions()).extracting(StepExecution::getStepName)
			.containsExactlyInAnyOrder("syncOrderStateStep", "merchantStatements", "merchantStatement:" + D);
		assertThat(third.exitCode()).isEqualTo(ExitCodes.FAILED);
		assertThat(third.of(D).exitStatus()).isEqualTo("FAILED");
		assertThat(latest(D).getStepExecutions()).extracting(StepExecution::getStepName)
			.containsExactly("checkBillSummaryStep");
		assertThat(executions(D)).isEqualTo(3);
		assertThat(executions(C)).isEqualTo(2);
		assertThat(StatementTasklet.find(this.jdbc, D, d)).isNull();

		// 4. every complete merchant alone gives the same statement and differences
		Map<String, DailyStatement> inParallel = new HashMap<>();
		Map<String, List<String>> differencesInParallel = new HashMap<>();
		List<String> complete = List.of(A, B, C);
		for (String mchid : complete) {
			inParallel.put(mchid, DailyStatementJobTests.withoutTime(StatementTasklet.find(this.jdbc, mchid, d)));
			differencesInParallel.put(mchid, differences(mchid, d));
		}
		for (String mchid : complete) {
			JobExecution alone = this.runner.run(mchid, d, DailyStatementRunner.Mode.RUN);
			assertThat(alone.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(alone.getJobParameters().getLong(JobDay.RUN)).isEqualTo(2L);
			assertThat(alone.getStepExecutions()).extracting(StepExecution::getStepName).contains("syncOrderStateStep");
			assertThat(DailyStatementJobTests.withoutTime(StatementTasklet.find(this.jdbc, mchid, d)))
				.isEqualTo(inParallel.get(mchid));
			assertThat(differences(mchid, d)).containsExactlyInAnyOrderElementsOf(differencesInParallel.get(mchid));
		}
		assertThat(differencesInParallel.get(A)).containsExactly("MISSING_AT_WECHAT PAR-3 bill=null local=3000");
		assertThat(differencesInParallel.get(B)).containsExactly("MISSING_LOCALLY PAR-2 bill=2000 local=2000");
		// B's repair went out once, keyed by merchant and order, and was not sent again
		assertThat(this.topics.readKeyed(Topic.PAYMENT_NOTIFICATIONS, Serdes.paymentNotification()))
			.filteredOn((r) -> r.getValue().outTradeNo().startsWith("PAR-"))
			.extracting((r) -> r.getKey() + " " + r.getValue().source() + " " + r.getValue().amountTotal())
			.containsExactly(B + "@PAR-2 BILL 2000");
	}

	// fixtures

	static LocalDateTime at(LocalDate date, int hour, int minute) {
		return date.atTime(hour, minute);
	}

	static String key(String mchid, LocalDate date) {
		return mchid + "/" + date;
	}

	static void bill(String mchid, LocalDate date, BillFixture bill) {
		BILLS.put(key(mchid, date), bill::entity);
	}

	JobExecution latest(String mchid) {
		JobExecution latest = null;
		for (long run = 1;; run++) {
			JobExecution last = this.jobRepository.getLastJobExecution(DailyStatementJobConfiguration.JOB_NAME,
					new JobDay(mchid, DAY, run).toJobParameters());
			if (last == null) {
				return latest;
			}
			latest = last;
		}
	}

	int executions(String mchid) {
		return this.jobRepository.getJobExecutions(latest(mchid).getJobInstance()).size();
	}

	String describe(String mchid) {
		return DailyStatementJobTests.describe(StatementTasklet.find(this.jdbc, mchid, DAY))
			.replaceAll(" net -?[0-9]+", "");
	}

	List<String> differences(String mchid, LocalDate d) {
		return this.jdbc.query(
				"SELECT difference_class, out_trade_no, bill_amount, local_amount FROM recon_difference"
						+ " WHERE mchid = ? AND bill_date = ?",
				(rs, i) -> rs.getString(1) + " " + rs.getString(2) + " bill=" + rs.getObject(3) + " local="
						+ rs.getObject(4),
				mchid, d);
	}

	/** The SDK replaced by fixtures and a fixed clock. */
	// registered as a source, not a @Configuration: component scanning must not find it
	static class FixtureBills {

		@Bean
		@Primary
		BillDownloads fixtureBillDownloads() {
			return (mchid, billDate) -> {
				Supplier<DigestBillEntity> bill = BILLS.get(key(mchid, billDate));
				if (bill == null) {
					throw new ServiceException(null, 400, "{\"code\":\"NO_STATEMENT_EXIST\",\"message\":\"none\"}");
				}
				return bill.get();
			};
		}

		@Bean
		@Primary
		Clock fixedClock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

}
