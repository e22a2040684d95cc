package io.paytally.batch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

import com.wechat.pay.java.service.billdownload.DigestBillEntity;
import com.wechat.pay.java.service.billdownload.model.HashType;
import io.paytally.batch.bill.BillDownloads;
import io.paytally.batch.schedule.DailyStatementRunner;
import io.paytally.batch.schedule.ExitCodes;
import io.paytally.batch.statement.StatementTasklet;
import io.paytally.batch.support.BatchHarness;
import io.paytally.batch.support.Databases;
import io.paytally.schemas.DailyStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily statement job (on H2) fed genuine WeChat Pay bills of the corpus
 * ({@code src/test/resources/corpus/bills}) as the SDK hands a download over: the
 * wechatpay-php fixture (BOM, CRLF, count printed {@code 45.0}) gives a statement; one
 * malformed line of it is rejected with its line number and the statement says so; the
 * same bill with a summary that does not add up, and a fund-flow bill, stop the job with
 * exit code 2 before anything is reconciled, repaired or stated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GenuineBillStatementIT {

	static final String MCHID = "1921000401";

	static final Map<LocalDate, byte[]> BILLS = new ConcurrentHashMap<>();

	BatchHarness harness;

	JdbcTemplate jdbc;

	DailyStatementRunner runner;

	@BeforeAll
	void start() throws IOException {
		this.harness = BatchHarness.start("genuine-bill-", Databases.h2(), Map.of("paytally.batch.reject-limit", "3"),
				CorpusBills.class);
		this.jdbc = this.harness.jdbc();
		this.runner = this.harness.runner();
	}

	@AfterAll
	void stop() {
		if (this.harness != null) {
			this.harness.close();
		}
	}

	@Test
	void genuineBillWithBomCrlfAndDecimalCountGivesAStatement() throws Exception {
		LocalDate day = LocalDate.of(2019, 2, 19);
		BILLS.put(day, resource("/corpus/bills/wechatpay-php-bill.ALL.csv"));
		JobExecution execution = this.runner.run(MCHID, day, DailyStatementRunner.Mode.RUN);
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(DailyStatementRunner.exitCode(execution)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM bill_line WHERE mchid = ? AND bill_date = ?",
				Long.class, MCHID, day))
			.isEqualTo(45);
		DailyStatement statement = StatementTasklet.find(this.jdbc, MCHID, day);
		assertThat(statement.billPaymentCount()).isEqualTo(31);
		assertThat(statement.billSettledAmount()).isEqualTo(47);
		assertThat(statement.billRefundCount()).isEqualTo(14);
		assertThat(statement.billRefundAmount()).isEqualTo(14);
		assertThat(statement.billFeesMilliFen()).isEqualTo(8000);
		assertThat(statement.rejectedLines()).isZero();
	}

	@Test
	void oneMalformedLineOfAGenuineBillIsRejectedWithItsLineNumberAndTheStatementSaysSo() throws Exception {
		LocalDate day = LocalDate.of(2019, 2, 20);
		String bill = new String(resource("/corpus/bills/wechatpay-php-bill.ALL.csv"), StandardCharsets.UTF_8);
		String line46 = bill.lines().toList().get(45);
		BILLS.put(day,
				bill.replace(line46, line46.replace("`0.03,`0.01,", "`0.031,`0.01,")).getBytes(StandardCharsets.UTF_8));
		JobExecution execution = this.runner.run(MCHID, day, DailyStatementRunner.Mode.RUN);
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.queryForList("SELECT line_no, reason FROM bill_reject WHERE mchid = ? AND bill_date = ?",
				MCHID, day))
			.extracting((row) -> row.get("line_no") + " | " + row.get("reason"))
			.containsExactly("46 | 应结订单金额 has more decimals than fen: 0.031");
		DailyStatement statement = StatementTasklet.find(this.jdbc, MCHID, day);
		assertThat(statement.rejectedLines()).isEqualTo(1);
		assertThat(statement.billPaymentCount()).isEqualTo(30);
	}

	@Test
	void genuineBillWhoseSummaryDoesNotAddUpStopsTheJobBeforeAnythingIsStated() throws Exception {
		LocalDate day = LocalDate.of(2019, 2, 21);
		String bill = new String(resource("/corpus/bills/wechatpay-php-bill.ALL.csv"), StandardCharsets.UTF_8);
		BILLS.put(day, bill.replace("`0.08,`0.47,`0.14\r\n", "`0.08,`0.47,`0.15\r\n").getBytes(StandardCharsets.UTF_8));
		JobExecution execution = this.runner.run(MCHID, day, DailyStatementRunner.Mode.RUN);
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(DailyStatementRunner.exitCode(execution)).isEqualTo(ExitCodes.FAILED).isEqualTo(2);
		assertThat(execution.getExitStatus().getExitDescription()).contains("BillCorrupt",
				"disagrees with its own summary: refund_requested_amount 14 <> 15 (申请退款总金额)");
		assertNothingStated(day);
	}

	@Test
	void fundFlowBillIsNotATradeBillAndStopsTheJobBeforeAnythingIsStated() throws Exception {
		LocalDate day = LocalDate.of(2021, 2, 1);
		BILLS.put(day, gunzip(resource("/corpus/bills/bad/gunsluo-wechatpay-go-fundflow-BASIC-2021-02-01.csv.gz")));
		JobExecution execution = this.runner.run(MCHID, day, DailyStatementRunner.Mode.RUN);
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(DailyStatementRunner.exitCode(execution)).isEqualTo(2);
		assertThat(execution.getExitStatus().getExitDescription()).contains("BillCorrupt",
				"Line 1 is not the header of an ALL trade bill: column 1 is 记账时间, expected 交易时间");
		assertNothingStated(day);
	}

	private void assertNothingStated(LocalDate day) {
		assertThat(StatementTasklet.find(this.jdbc, MCHID, day)).isNull();
		for (String table : new String[] { "recon_difference", "recon_sent", "daily_statement_class" }) {
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE mchid = ? AND bill_date = ?",
					Long.class, MCHID, day))
				.as(table)
				.isZero();
		}
	}

	static byte[] resource(String name) {
		try (InputStream in = GenuineBillStatementIT.class.getResourceAsStream(name)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static byte[] gunzip(byte[] gzip) throws IOException {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
			return in.readAllBytes();
		}
	}

	static String sha1(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The SDK replaced by the corpus, and a fixed clock long after the bills' days. */
	// registered as a source, not a @Configuration: component scanning must not find it
	static class CorpusBills {

		@Bean
		@Primary
		BillDownloads corpusBillDownloads() {
			return (mchid, billDate) -> {
				byte[] bill = BILLS.get(billDate);
				return new DigestBillEntity(new ByteArrayInputStream(bill), sha1(bill), HashType.SHA1);
			};
		}

		@Bean
		@Primary
		Clock fixedClock() {
			return Clock.fixed(Instant.parse("2027-06-01T06:00:00Z"), ZoneOffset.UTC);
		}

	}

}
