package io.paytally.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.billdownload.DigestBillEntity;
import io.paytally.batch.bill.BillDownloads;
import io.paytally.batch.bill.BillLine;
import io.paytally.batch.bill.ParsedBillLine;
import io.paytally.batch.repair.RefundLookup;
import io.paytally.batch.schedule.DailyStatementRunner;
import io.paytally.batch.schedule.ExitCodes;
import io.paytally.batch.statement.StatementTasklet;
import io.paytally.batch.support.BatchHarness;
import io.paytally.batch.support.BillFixture;
import io.paytally.batch.support.KafkaTopics;
import io.paytally.batch.support.States;
import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.DifferenceClass;
import io.paytally.schemas.MerchantKey;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.RefundStatus;
import io.paytally.schemas.TradeState;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily statement end to end on one database: bills from fixtures served as the SDK
 * serves them, {@code orders.state} written directly to an in-JVM KRaft broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DailyStatementJobTests {

	static final String MCHID = "1900000001";

	/** The other merchant of the tests, whose order numbers overlap with the first's. */
	static final String MCHID_B = "1900000002";

	/**
	 * The bills the fake SDK serves, by date (of every merchant but {@link #MCHID_B}).
	 */
	static final Map<LocalDate, Supplier<DigestBillEntity>> BILLS = new ConcurrentHashMap<>();

	/** The bills the fake SDK serves {@link #MCHID_B}, by date. */
	static final Map<LocalDate, Supplier<DigestBillEntity>> BILLS_B = new ConcurrentHashMap<>();

	/** How many more load chunks may commit before a simulated crash; -1 = never. */
	static final AtomicInteger CHUNKS_BEFORE_CRASH = new AtomicInteger(-1);

	BatchHarness harness;

	KafkaTopics topics;

	JdbcTemplate jdbc;

	DailyStatementRunner runner;

	Path files;

	/** The datasource properties of the database under test. */
	abstract Map<String, ?> database();

	/** Drops the database under test. */
	void closeDatabase() {
	}

	@BeforeAll
	void start() throws IOException {
		this.harness = BatchHarness.start("daily-statement-", database(), Map.of("paytally.batch.chunk-size", "10",
				"paytally.batch.reject-limit", "3", "paytally.batch.kafka.max-poll-records", "7"), FixtureBills.class);
		this.files = this.harness.files();
		this.topics = new KafkaTopics(this.harness.broker().bootstrapServers());
		this.jdbc = this.harness.jdbc();
		this.runner = this.harness.runner();
	}

	@AfterAll
	void stop() {
		if (this.harness != null) {
			this.harness.close();
		}
		closeDatabase();
	}

	// the day with every class of difference planted in it

	static final LocalDate PLANTED = LocalDate.of(2026, 11, 21);

	/** The fixed time of the tests: 14:00 in Beijing. */
	static final Instant NOW = Instant.parse("2027-06-01T06:00:00Z");

	static LocalDateTime at(LocalDate date, int hour, int minute) {
		return date.atTime(hour, minute);
	}

	@Test
	void statementHasExactlyThePlantedDifferences() throws Exception {
		LocalDate d = PLANTED;
		plantEveryDifference(d, "P");
		JobExecution execution = this.runner.run(MCHID, d, DailyStatementRunner.Mode.RUN);
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(DailyStatementRunner.exitCode(execution)).isEqualTo(ExitCodes.COMPLETED);
		DailyStatement statement = StatementTasklet.find(this.jdbc, MCHID, d);
		assertThat(withoutTime(statement)).isEqualTo(expectedPlantedStatement(d));
		assertThat(differences(d)).containsExactlyInAnyOrder("AMOUNT_MISMATCH P-AM1 bill=10000 local=9900",
				"DUPLICATE_PAYMENT P-DP1b bill=3000 local=3000", "HELD_OVER P-HO1 bill=null local=1500",
				"MISSING_AT_WECHAT P-MW1 bill=null local=2500", "MISSING_LOCALLY P-ML1 bill=1800 local=1800",
				"MISSING_LOCALLY P-ML2 bill=2200 local=null", "REFUND_MISMATCH P-P2 bill=null local=2000",
				"STATUS_MISMATCH P-SM1 bill=4000 local=4000");
		// the bill's totals equal its own summary
		Map<String, Object> summary = this.jdbc
			.queryForMap("SELECT total_count, settled_amount, refund_amount, fee_milli_fen FROM bill_summary"
					+ " WHERE mchid = ? AND bill_date = ?", MCHID, d);
		assertThat(statement.billPaymentCount() + statement.billRefundCount())
			.isEqualTo(((Number) summary.get("total_count")).longValue());
		assertThat(statement.billSettledAmount()).isEqualTo(((Number) summary.get("settled_amount")).longValue());
		assertThat(statement.billRefundAmount()).isEqualTo(((Number) summary.get("refund_amount")).longValue());
		assertThat(statement.billFeesMilliFen()).isEqualTo(((Number) summary.get("fee_milli_fen")).longValue());
		// the repair goes back to the stream, the rest are anomalies
		List<PaymentNotification> repairs = this.topics
			.readAll(Topic.PAYMENT_NOTIFICATIONS, Serdes.paymentNotification())
			.stream()
			.filter((n) -> n.outTradeNo().startsWith("P-"))
			.toList();
		assertThat(repairs).hasSize(1);
		PaymentNotification repair = repairs.get(0);
		assertThat(repair.source()).isEqualTo(NotificationSource.BILL);
		assertThat(repair.outTradeNo()).isEqualTo("P-ML1");
		assertThat(repair.tradeState()).isEqualTo(TradeState.SUCCESS);
		assertThat(repair.amountTotal()).isEqualTo(1800);
		assertThat(repair.transactionId()).isEqualTo(BillFixture.transactionId("P-ML1"));
		assertThat(repair.successTime())
			.isEqualTo(at(d, 11, 0).atZone(io.paytally.batch.internal.Beijing.ZONE).toInstant());
		List<PaymentAnomaly> anomalies = anomalies("P-");
		assertThat(anomalies).extracting((a) -> a.type() + " " + a.outTradeNo() + " " + a.action())
			.containsExactlyInAnyOrder("MISSING_LOCALLY P-ML2 REVIEW", "AMOUNT_MISMATCH P-AM1 REVIEW",
					"STATUS_MISMATCH P-SM1 FULFIL_OR_REFUND", "DUPLICATE_PAYMENT P-DP1b REFUND",
					"REFUND_MISMATCH P-P2 REVIEW", "MISSING_AT_WECHAT P-MW1 REVIEW");
		assertThat(anomalies).filteredOn((a) -> a.outTradeNo().equals("P-DP1b"))
			.singleElement()
			.satisfies((a) -> assertThat(a.relatedOutTradeNo()).isEqualTo("P-DP1a"));
		// published, and written for finance
		assertThat(this.topics.readAll(Topic.STATEMENTS, Serdes.dailyStatement()))
			.filteredOn((s) -> s.billDate().equals(d))
			.extracting(DailyStatementJobTests::withoutTime)
			.containsExactly(expectedPlantedStatement(d));
		Path report = this.files.resolve("reports").resolve(MCHID).resolve(d.toString());
		List<String> csv = Files.readAllLines(report.resolve("differences.csv"));
		assertThat(csv).hasSize(9);
		assertThat(csv.get(1)).startsWith("AMOUNT_MISMATCH,P-AM1,");
		String html = Files.readString(report.resolve("statement.html"));
		assertThat(html).contains("<svg", "DUPLICATE_PAYMENT", "Settled amount by hour").doesNotContain("<script");
		assertThat(html).contains("<td>P-AM1</td>", "<td>P-DP1b</td>", "<td>P-HO1</td>", "<td>P-MW1</td>",
				"<td>P-ML1</td>", "<td>P-ML2</td>", "<td>P-P2</td>", "<td>P-SM1</td>", "<td class=\"n\">100.00</td>",
				"<td class=\"n\">99.00</td>");
	}

	@Test
	void couponDayReconcilesOnTheOrderAmountAndTheAmountAskedBackAndShowsTheCoupons() throws Exception {
		LocalDate d = PLANTED.plusDays(60);
		BillFixture bill = new BillFixture(MCHID).couponPayment(at(d, 9, 0), "C-P1", 1250, 200, true)
			.couponPayment(at(d, 9, 10), "C-P2", 2000, 400, true)
			.couponPayment(at(d, 9, 20), "C-P3", 800, 100, false)
			.payment(at(d, 9, 30), "C-P4", 3000)
			.payment(at(d, 9, 40), "C-P5", 1500)
			.payment(at(d, 9, 50), "C-P6", 600)
			.couponRefund(at(d, 15, 0), "C-P2", "C-R2", 1000, 200, true, "SUCCESS")
			.couponRefund(at(d, 15, 10), "C-P3", "C-R3", 400, 50, false, "SUCCESS")
			.couponRefund(at(d, 15, 20), "C-P4", "C-R4", 1000, 0, true, "PROCESSING")
			.couponRefund(at(d, 15, 30), "C-P5", "C-R5", 1500, 0, true, "SUCCESS")
			.couponRefund(at(d, 15, 40), "C-P6", "C-R6", 600, 0, true, "ABNORMAL");
		BILLS.put(d, bill::entity);
		// paytally records what the merchant asked: the order amount and the refund asked
		// back
		this.topics.writeStates(List.of(States.paidOrder(MCHID, "C-P1", "C-P1", 1250, at(d, 9, 0)),
				States.paidOrder(MCHID, "C-P2", "C-P2", 2000, at(d, 9, 10), States.refund("C-R2", 1000, at(d, 15, 0))),
				States.paidOrder(MCHID, "C-P3", "C-P3", 800, at(d, 9, 20), States.refund("C-R3", 400, at(d, 15, 10))),
				States.paidOrder(MCHID, "C-P4", "C-P4", 3000, at(d, 9, 30)),
				States.paidOrder(MCHID, "C-P5", "C-P5", 1500, at(d, 9, 40)),
				States.paidOrder(MCHID, "C-P6", "C-P6", 600, at(d, 9, 50),
						new OrderPaymentState.Refund("C-R6", "5030C-R6", 600, RefundStatus.ABNORMAL, null))));

		JobExecution execution = this.runner.run(MCHID, d, DailyStatementRunner.Mode.RUN);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.query(
				"SELECT difference_class, out_trade_no, out_refund_no, bill_state,"
						+ " bill_refund_amount, local_refund_amount, local_refund_status FROM recon_difference"
						+ " WHERE mchid = ? AND bill_date = ?",
				(rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4)
						+ " bill=" + rs.getObject(5) + " local=" + rs.getObject(6) + " " + rs.getString(7),
				MCHID, d))
			.containsExactlyInAnyOrder("REFUND_PROCESSING C-P4 C-R4 PROCESSING bill=1000 local=null null",
					"REFUND_MISSING_LOCALLY C-P5 C-R5 SUCCESS bill=1500 local=null null",
					"REFUND_ABNORMAL C-P6 C-R6 ABNORMAL bill=600 local=600 ABNORMAL");
		long settled = 1050 + 1600 + 800 + 3000 + 1500 + 600;
		long refunded = 800 + 400 + 1000 + 1500 + 600;
		long fees = settled * 6 - refunded * 6;
		List<DailyStatement.ClassTotal> classes = new ArrayList<>();
		for (DifferenceClass c : DifferenceClass.values()) {
			classes.add(switch (c) {
				case MATCHED -> new DailyStatement.ClassTotal(c, 6, 9150);
				case REFUND_PROCESSING -> new DailyStatement.ClassTotal(c, 1, 1000);
				case REFUND_MISSING_LOCALLY -> new DailyStatement.ClassTotal(c, 1, 1500);
				case REFUND_ABNORMAL -> new DailyStatement.ClassTotal(c, 1, 600);
				default -> new DailyStatement.ClassTotal(c, 0, 0);
			});
		}
		DailyStatement expected = new DailyStatement(MCHID, d, 6, settled, 5, refunded, fees, 6, 9150, 6, 9150,
				(settled - refunded) * 1000 - fees, classes, 0, 1, Instant.EPOCH, 9150L, 700L, 4500L, 50L);
		assertThat(withoutTime(StatementTasklet.find(this.jdbc, MCHID, d))).isEqualTo(expected);
		assertThat(this.topics.readAll(Topic.STATEMENTS, Serdes.dailyStatement()))
			.filteredOn((s) -> s.billDate().equals(d))
			.extracting(DailyStatementJobTests::withoutTime)
			.containsExactly(expected);
		// the refund unknown locally is asked at WeChat and goes down the refund road; no
		// anomaly for it, none for a refund still processing, and the abnormal one was
		// reported by the stream
		assertThat(anomalies("C-")).isEmpty();
		assertThat(this.topics.readAll(Topic.REFUND_NOTIFICATIONS, Serdes.refundNotification()))
			.filteredOn((r) -> r.outTradeNo().startsWith("C-"))
			.extracting((r) -> r.source() + " " + r.key() + " " + r.refundStatus() + " " + r.refundAmount())
			.containsExactly("BILL " + MCHID + "@C-R5 SUCCESS 1500");
		String html = Files
			.readString(this.files.resolve("reports").resolve(MCHID).resolve(d.toString()).resolve("statement.html"));
		assertThat(html).contains("Bill coupon amount", "<td class=\"n\">7.00</td>", "Refund processing",
				"Refund abnormal", "Refund missing locally");
	}

	@Test
	void closedRefundsAreShownOnTheDayTheyClosedAndBillRowsNotSuccessfulAgainstALocalSuccessAreMismatches()
			throws Exception {
		LocalDate before = PLANTED.plusDays(70);
		LocalDate d = PLANTED.plusDays(71);
		// the day before: X-P7's refund closed at 13:00, known from paytally's record
		// only
		BILLS.put(before, new BillFixture(MCHID).payment(at(before, 9, 0), "X-P7", 700)::entity);
		this.topics.writeStates(List.of(closedRefund(States.paidOrder(MCHID, "X-P7", "X-P7", 700, at(before, 9, 0)),
				"X-R7", 700, at(before, 13, 0))));
		assertThat(this.runner.run(MCHID, before, DailyStatementRunner.Mode.RUN).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		assertThat(refundDifferences(before))
			.containsExactly("REFUND_CLOSED X-P7 X-R7 null bill=null local=700 CLOSED");

		BillFixture bill = new BillFixture(MCHID).payment(at(d, 9, 0), "X-P1", 1000)
			.payment(at(d, 9, 10), "X-P2", 2000)
			.payment(at(d, 9, 20), "X-P3", 3000)
			.payment(at(d, 9, 30), "X-P4", 1500)
			.payment(at(d, 9, 40), "X-P5", 1200)
			.payment(at(d, 9, 50), "X-P6", 800)
			.couponRefund(at(d, 11, 0), "X-P2", "X-R2", 2000, 0, true, "REFUNDCLOSE")
			.couponRefund(at(d, 11, 10), "X-P3", "X-R3", 1000, 0, true, "CLOSED")
			.couponRefund(at(d, 11, 20), "X-P4", "X-R4", 1500, 0, true, "ABNORMAL")
			.couponRefund(at(d, 23, 50), "X-P5", "X-R5", 600, 0, true, "PROCESSING")
			.couponRefund(at(d, 11, 40), "X-P6", "X-R6", 800, 0, true, "PROCESSING")
			.couponRefund(at(d, 12, 0), "X-P7", "X-R7b", 300, 0, true, "SUCCESS");
		BILLS.put(d, bill::entity);
		this.topics.writeStates(List.of(
				// closed at WeChat at 14:00, the bill leaves it out: paytally's record
				// says so
				closedRefund(States.paidOrder(MCHID, "X-P1", "X-P1", 1000, at(d, 9, 0)), "X-R1", 500, at(d, 14, 0)),
				// closed on both sides: one row, from the bill
				closedRefund(States.paidOrder(MCHID, "X-P2", "X-P2", 2000, at(d, 9, 10)), "X-R2", 2000, at(d, 11, 30)),
				// the bill says closed or abnormal, paytally SUCCESS: mismatches
				States.paidOrder(MCHID, "X-P3", "X-P3", 3000, at(d, 9, 20), States.refund("X-R3", 1000, at(d, 11, 15))),
				States.paidOrder(MCHID, "X-P4", "X-P4", 1500, at(d, 9, 30), States.refund("X-R4", 1500, at(d, 11, 25))),
				// PROCESSING when the bill was cut, succeeded after midnight: still
				// processing
				States.paidOrder(MCHID, "X-P5", "X-P5", 1200, at(d, 9, 40),
						States.refund("X-R5", 600, at(d.plusDays(1), 0, 10))),
				// PROCESSING in the bill, paytally says it succeeded that day: a mismatch
				States.paidOrder(MCHID, "X-P6", "X-P6", 800, at(d, 9, 50), States.refund("X-R6", 800, at(d, 11, 45))),
				// the day before's closed refund, its order updated today by another
				// refund:
				// it stays on the day it closed
				closedRefund(States.paidOrder(MCHID, "X-P7", "X-P7", 700, at(before, 9, 0),
						States.refund("X-R7b", 300, at(d, 12, 0))), "X-R7", 700, at(before, 13, 0))
					.withVersion(4, io.paytally.batch.internal.Beijing.instant(at(d, 12, 0)))));

		JobExecution execution = this.runner.run(MCHID, d, DailyStatementRunner.Mode.RUN);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(refundDifferences(d)).containsExactlyInAnyOrder(
				"REFUND_CLOSED X-P1 X-R1 null bill=null local=500 CLOSED",
				"REFUND_CLOSED X-P2 X-R2 REFUNDCLOSE bill=2000 local=2000 CLOSED",
				"REFUND_MISMATCH X-P3 X-R3 CLOSED bill=1000 local=1000 SUCCESS",
				"REFUND_MISMATCH X-P4 X-R4 ABNORMAL bill=1500 local=1500 SUCCESS",
				"REFUND_PROCESSING X-P5 X-R5 PROCESSING bill=600 local=600 SUCCESS",
				"REFUND_MISMATCH X-P6 X-R6 PROCESSING bill=800 local=800 SUCCESS");
		DailyStatement statement = StatementTasklet.find(this.jdbc, MCHID, d);
		assertThat(describe(statement))
			.endsWith(" REFUND_CLOSED 2/2500 REFUND_MISMATCH 3/3300 REFUND_PROCESSING 1/600");
		// the stream reported the closed refunds when their notifications came; the
		// mismatches are new to everyone
		assertThat(anomalies("X-")).extracting((a) -> a.type() + " " + a.outTradeNo() + " " + a.detail())
			.containsExactlyInAnyOrder(
					"REFUND_MISMATCH X-P3 Refund X-R3 differs: the bill has 1000 fen CLOSED, paytally 1000 fen SUCCESS",
					"REFUND_MISMATCH X-P4 Refund X-R4 differs: the bill has 1500 fen ABNORMAL, paytally 1500 fen SUCCESS",
					"REFUND_MISMATCH X-P6 Refund X-R6 differs: the bill has 800 fen PROCESSING, paytally 800 fen SUCCESS");
		Path report = this.files.resolve("reports").resolve(MCHID).resolve(d.toString());
		assertThat(Files.readAllLines(report.resolve("differences.csv")))
			.filteredOn((line) -> line.startsWith("REFUND_CLOSED,"))
			.hasSize(2);
		assertThat(Files.readString(report.resolve("statement.html"))).contains("Refund closed", "退款关闭", "款项仍在商户账户中",
				"<td>X-R1</td>");
	}

	/** The order with a refund WeChat closed, its record written when it closed. */
	static OrderPaymentState closedRefund(OrderPaymentState order, String outRefundNo, long fen, LocalDateTime at) {
		List<OrderPaymentState.Refund> refunds = new ArrayList<>(order.refunds());
		refunds.add(new OrderPaymentState.Refund(outRefundNo, "5030" + outRefundNo, fen, RefundStatus.CLOSED, null));
		return order.withRefunds(order.refundedAmount(), refunds)
			.withVersion(order.version() + 1, io.paytally.batch.internal.Beijing.instant(at));
	}

	List<String> refundDifferences(LocalDate d) {
		return this.jdbc.query(
				"SELECT difference_class, out_trade_no, out_refund_no, bill_state,"
						+ " bill_refund_amount, local_refund_amount, local_refund_status FROM recon_difference"
						+ " WHERE mchid = ? AND bill_date = ? AND out_refund_no IS NOT NULL",
				(rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4)
						+ " bill=" + rs.getObject(5) + " local=" + rs.getObject(6) + " " + rs.getString(7),
				MCHID, d);
	}

	@Test
	void completedDateRunAgainGivesTheSameStatementAndSendsNothingTwice() throws Exception {
		LocalDate d = PLANTED.plusDays(10);
		plantEveryDifference(d, "R");
		JobExecution first = this.runner.run(MCHID, d, DailyStatementRunner.Mode.RUN);
		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		DailyStatement before = StatementTasklet.find(this.jdbc, MCHID, d);
		List<PaymentAnomaly> anomaliesBefore = anomalies("R-");
		JobExecution second = this.runner.run(MCHID, d, DailyStatementRunner.Mode.RUN);
		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(second.getJobParameters().getLong("run")).isEqualTo(2L);
		assertThat(withoutTime(StatementTasklet.find(this.jdbc, MCHID, d))).isEqualTo(withoutTime(before));
		assertThat(anomalies("R-")).hasSameSizeAs(anomaliesBefore);
		assertThat(this.runner.run(MCHID, d, DailyStatementRunner.Mode.ONCE).getId()).isEqualTo(second.getId());
	}

	@Test
	void malformedLinesAreRejectedWithTheirLineNumbers() throws Exception {
		LocalDate d = PLANTED.plusDays(20);
		String badAmount = "`" + d + " 10:00:00,`wx0000000000demo01,`" + MCHID
				+ ",`0,`,`42000001,`M-BAD1,`o,`JSAPI,`SUCCESS,`OTHERS,`CNY,`12.5x,`0.00,`0,`0,`0.00,`0.00,`,`,`G,`,`0.07500,`0.60%,`12.50,`0.00,`";
		BillFixture bill = new BillFixture(MCHID).payment(at(d, 9, 0), "M-1", 1000)
			.malformed("this is not a bill line")
			.payment(at(d, 9, 30), "M-2", 2000)
			.malformed(badAmount);
		BILLS.put(d, bill::entity);
		this.topics.writeStates(List.of(States.paidOrder(MCHID, "M-1", "M-1", 1000, at(d, 9, 0)),
				States.paidOrder(MCHID, "M-2", "M-2", 2000, at(d, 9, 30))));
		JobExecution execution = this.runner.run(MCHID, d, DailyStatementRunner.Mode.RUN);
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.queryForList("SELECT line_no, raw_text, reason FROM bill_reject"
				+ " WHERE mchid = ? AND bill_date = ? ORDER BY line_no", MCHID, d))
			.extracting((row) -> row.get("line_no") + " | " + row.get("raw_text") + " | " + row.get("reason"))
			.containsExactly("3 | this is not a bill line | has 1 columns, expected 27",
					"5 | " + badAmount + " | 应结订单金额 is not an amount in yuan: 12.5x");
		DailyStatement statement = StatementTasklet.find(this.jdbc, MCHID, d);
		assertThat(statement.rejectedLines()).isEqualTo(2);
		assertThat(statement.matchedCount()).isEqualTo(2);
		assertThat(load(execution).getSkipCount()).isEqualTo(2);
	}

	@Test
	void tooManyMalformedLinesFailTheJob() throws Exception {
		LocalDate d = PLANTED.plusDays(21);
		BillFixture bill = new BillFixture(MCHID).payment(at(d, 9, 0), "T-1", 1000);
		for (int i = 0; i < 4; i++) {
			bill.malformed("bad line " + i);
		}
		BILLS.put(d, bill::entity);
		JobExecution execution = this.runner.run(MCHID, d, DailyStatementRunner.Mode.RUN);
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("TOO_MANY_REJECTS");
		assertThat(DailyStatementRunner.exitCode(execution)).isEqualTo(ExitCodes.FAILED);
	}

	@Test
	void billWhoseSummaryDisagreesWithItsRowsFails() throws Exception {
		LocalDate d = PLANTED.plusDays(22);
		BILLS.put(d, new BillFixture(MCHID).payment(at(d, 9, 0), "S-1", 1000).summaryOff(0, 1)::entity);
		JobExecution execution = this.runner.run(MCHID, d, DailyStatementRunner.Mode.RUN);
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(DailyStatementRunner.exitCode(execution)).isEqualTo(ExitCodes.FAILED);
		assertThat(execution.getExitStatus().getExitDescription()).contains("BillCorrupt",
				"disagrees with its own summary", "settled_amount 1000 <> 1001");
		assertThat(StatementTasklet.find(this.jdbc, MCHID, d)).isNull();
	}

	@Test
	void billWhoseHashDoesNotMatchFailsBeforeAnythingIsLoaded() throws Exception {
		LocalDate d = PLANTED.plusDays(23);
		BILLS.put(d, new BillFixture(MCHID).payment(at(d, 9, 0), "H-1", 1000)::entityWithWrongHash);
		JobExecution execution = this.runner.run(MCHID, d, DailyStatementRunner.Mode.RUN);
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(execution.getExitStatus().getExitDescription()).contains("BillHashMismatch");
		assertThat(execution.getStepExecutions()).extracting(StepExecution::getStepName)
			.containsExactly("fetchBillStep");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM bill_line WHERE mchid = ? AND bill_date = ?",
				Long.class, MCHID, d))
			.isZero();
		assertThat(Files.exists(this.files.resolve("bills").resolve(MCHID).resolve(d + ".csv"))).isFalse();
	}

	@Test
	void billNotReadyEndsWithItsOwnExitCodeAndIsRetriedLater() throws Exception {
		LocalDate d = PLANTED.plusDays(24);
		BILLS.put(d, () -> {
			throw new ServiceException(null, 400,
					"{\"code\":\"STATEMENT_CREATING\",\"message\":\"bill is being created\"}");
		});
		JobExecution execution = this.runner.run(MCHID, d, DailyStatementRunner.Mode.ONCE);
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("BILL_NOT_READY");
		assertThat(DailyStatementRunner.exitCode(execution)).isEqualTo(ExitCodes.BILL_NOT_READY);
		BILLS.put(d, new BillFixture(MCHID).payment(at(d, 9, 0), "N-1", 1000)::entity);
		this.topics.writeStates(List.of(States.paidOrder(MCHID, "N-1", "N-1", 1000, at(d, 9, 0))));
		JobExecution retried = this.runner.run(MCHID, d, DailyStatementRunner.Mode.ONCE);
		assertThat(retried.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(retried.getJobInstance().getInstanceId()).isEqualTo(execution.getJobInstance().getInstanceId());
		assertThat(StatementTasklet.find(this.jdbc, MCHID, d).matchedCount()).isEqualTo(1);
	}

	@Test
	void billBeforeTheReadyHourIsNotAskedFor() throws Exception {
		LocalDate tomorrow = LocalDate.of(2027, 6, 1);
		JobExecution execution = this.runner.run(MCHID, tomorrow, DailyStatementRunner.Mode.RUN);
		assertThat(DailyStatementRunner.exitCode(execution)).isEqualTo(ExitCodes.BILL_NOT_READY);
	}

	@Test
	void dayWithoutTradesIsAnEmptyBill() throws Exception {
		LocalDate d = PLANTED.plusDays(25);
		BILLS.put(d, () -> {
			throw new ServiceException(null, 400, "{\"code\":\"NO_STATEMENT_EXIST\",\"message\":\"no bill\"}");
		});
		this.topics.writeStates(List.of(States.paidOrder(MCHID, "E-1", "E-1", 700, at(d, 12, 0))));
		JobExecution execution = this.runner.run(MCHID, d, DailyStatementRunner.Mode.RUN);
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(differences(d)).containsExactly("MISSING_AT_WECHAT E-1 bill=null local=700");
	}

	@Test
	void paymentJustBeforeMidnightIsHeldOverAndCheckedAgainstTheNextBill() throws Exception {
		LocalDate d = PLANTED.plusDays(30);
		LocalDate next = d.plusDays(1);
		BILLS.put(d, new BillFixture(MCHID).payment(at(d, 9, 0), "HO-1", 1000)::entity);
		BILLS.put(next, new BillFixture(MCHID).payment(next.atTime(0, 0, 20), "HO-LATE", 800)::entity);
		this.topics.writeStates(List.of(States.paidOrder(MCHID, "HO-1", "HO-1", 1000, at(d, 9, 0)),
				States.paidOrder(MCHID, "HO-LATE", "HO-LATE", 800, at(d, 23, 58)),
				States.paidOrder(MCHID, "HO-LOST", "HO-LOST", 600, at(d, 23, 57))));
		assertThat(this.runner.run(MCHID, d, DailyStatementRunner.Mode.RUN).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		assertThat(differences(d)).containsExactlyInAnyOrder("HELD_OVER HO-LATE bill=null local=800",
				"HELD_OVER HO-LOST bill=null local=600");
		assertThat(this.runner.run(MCHID, next, DailyStatementRunner.Mode.RUN).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		assertThat(differences(next)).containsExactly("MISSING_AT_WECHAT HO-LOST bill=null local=600");
		assertThat(StatementTasklet.find(this.jdbc, MCHID, next).matchedCount()).isEqualTo(1);
		assertThat(anomalies("HO-")).extracting((a) -> a.type() + " " + a.outTradeNo())
			.containsExactly("MISSING_AT_WECHAT HO-LOST");
	}

	@Test
	void merchantsWithOverlappingOrderNumbersEachGetOnlyTheirOwnStatement() throws Exception {
		LocalDate d = PLANTED.plusDays(40);
		LocalDate next = d.plusDays(1);
		// the same out_trade_no, merchant order and out_refund_no at both merchants, with
		// amounts and states that differ: any join on the number alone changes a class
		BILLS.put(d,
				new BillFixture(MCHID).payment(at(d, 9, 0), "ORD0001-1", 1000)
					.payment(at(d, 9, 10), "ORD0002-1", 2000)
					.refund(at(d, 15, 0), "ORD0001-1", "RORD0001-1", 500)::entity);
		BILLS.put(next, new BillFixture(MCHID).payment(next.atTime(0, 0, 20), "ORD0009-1", 800)::entity);
		BILLS_B.put(d,
				new BillFixture(MCHID_B).payment(at(d, 9, 20), "ORD0002-1", 2000)
					.payment(at(d, 9, 30), "ORD0001-1", 1500)
					.payment(at(d, 11, 0), "ORD0003-1", 700)
					.refund(at(d, 16, 0), "ORD0001-1", "RORD0001-1", 300)::entity);
		this.topics.writeStates(List.of(
				States.paidOrder(MCHID, "ORD0001-1", "ORD0001", 1000, at(d, 9, 0),
						States.refund("RORD0001-1", 500, at(d, 15, 0))),
				States.paidOrder(MCHID_B, "ORD0001-1", "ORD0001", 1500, at(d, 9, 30),
						States.refund("RORD0001-1", 300, at(d, 16, 0))),
				States.paidOrder(MCHID, "ORD0002-1", "ORD0002", 2000, at(d, 9, 10)),
				States.pendingOrder(MCHID_B, "ORD0002-1", 2000, at(d, 9, 0)),
				States.paidOrder(MCHID, "ORD0003-1", "ORD0003", 3000, at(d, 10, 0)),
				States.paidOrder(MCHID_B, "ORD0003-1", "ORD0003", 700, at(d, 11, 0)),
				States.paidOrder(MCHID, "ORD0009-1", "ORD0009", 800, at(d, 23, 58)),
				States.paidOrder(MCHID_B, "ORD0009-1", "ORD0009", 600, at(d, 23, 57))));
		for (JobExecution execution : List.of(this.runner.run(MCHID, d, DailyStatementRunner.Mode.RUN),
				this.runner.run(MCHID_B, d, DailyStatementRunner.Mode.RUN),
				this.runner.run(MCHID_B, next, DailyStatementRunner.Mode.RUN),
				this.runner.run(MCHID, next, DailyStatementRunner.Mode.RUN))) {
			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		}
		// merchant A alone: two bill payments matched, ORD0003-1 missing at WeChat (B's
		// bill has an ORD0003-1, not A's), ORD0009-1 held over and in the next bill
		assertThat(describe(StatementTasklet.find(this.jdbc, MCHID, d)))
			.isEqualTo("bill 2/3000 refunds 1/500 local 4/6800 matched 2/3000 net "
					+ ((3000 - 500) * 1000 - (3000 - 500) * 6) + " repairs 0 HELD_OVER 1/800 MISSING_AT_WECHAT 1/3000");
		assertThat(differences(MCHID, d)).containsExactlyInAnyOrder("HELD_OVER ORD0009-1 bill=null local=800",
				"MISSING_AT_WECHAT ORD0003-1 bill=null local=3000");
		assertThat(describe(StatementTasklet.find(this.jdbc, MCHID, next)))
			.isEqualTo("bill 1/800 refunds 0/0 local 0/0 matched 1/800 net " + (800 * 1000 - 800 * 6) + " repairs 0");
		assertThat(differences(MCHID, next)).isEmpty();
		// merchant B alone: ORD0001-1 is its first payment of merchant order ORD0001 (A's
		// is
		// not), its refund is 300; ORD0002-1 paid at WeChat but pending here: repaired
		assertThat(describe(StatementTasklet.find(this.jdbc, MCHID_B, d)))
			.isEqualTo("bill 3/4200 refunds 1/300 local 3/2800 matched 2/2200 net "
					+ ((4200 - 300) * 1000 - (4200 - 300) * 6) + " repairs 1 HELD_OVER 1/600 MISSING_LOCALLY 1/2000");
		assertThat(differences(MCHID_B, d)).containsExactlyInAnyOrder("HELD_OVER ORD0009-1 bill=null local=600",
				"MISSING_LOCALLY ORD0002-1 bill=2000 local=2000");
		assertThat(describe(StatementTasklet.find(this.jdbc, MCHID_B, next)))
			.isEqualTo("bill 0/0 refunds 0/0 local 0/0 matched 0/0 net 0 repairs 0 MISSING_AT_WECHAT 1/600");
		assertThat(differences(MCHID_B, next)).containsExactly("MISSING_AT_WECHAT ORD0009-1 bill=null local=600");
		// both snapshots, side by side
		assertThat(this.jdbc.query(
				"SELECT o.mchid, o.out_trade_no, o.status, o.amount_total, r.out_refund_no, r.amount FROM order_state o"
						+ " LEFT JOIN order_refund r ON r.mchid = o.mchid AND r.out_trade_no = o.out_trade_no"
						+ " WHERE o.out_trade_no = 'ORD0001-1'",
				(rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getLong(4) + " "
						+ rs.getString(5) + " " + rs.getLong(6)))
			.containsExactlyInAnyOrder("1900000001 ORD0001-1 PARTIALLY_REFUNDED 1000 RORD0001-1 500",
					"1900000002 ORD0001-1 PARTIALLY_REFUNDED 1500 RORD0001-1 300");
		// what goes to Kafka is keyed by merchant and order
		assertThat(this.topics.readKeyed(Topic.PAYMENT_NOTIFICATIONS, Serdes.paymentNotification()))
			.filteredOn((r) -> r.getValue().outTradeNo().startsWith("ORD"))
			.extracting((r) -> r.getKey() + " " + r.getValue().source() + " " + r.getValue().amountTotal())
			.containsExactly("1900000002@ORD0002-1 BILL 2000");
		assertThat(this.topics.readKeyed(Topic.ANOMALIES, Serdes.paymentAnomaly()))
			.filteredOn((r) -> r.getValue().outTradeNo().startsWith("ORD"))
			.extracting((r) -> r.getKey() + " " + r.getValue().mchid() + " " + r.getValue().type() + " "
					+ r.getValue().expectedAmount())
			.containsExactlyInAnyOrder("1900000001@ORD0003-1 1900000001 MISSING_AT_WECHAT 3000",
					"1900000002@ORD0009-1 1900000002 MISSING_AT_WECHAT 600");
	}

	@Test
	void snapshotRecordOfOneMerchantNeverTouchesAnothersOrder() throws Exception {
		LocalDate d = PLANTED.plusDays(50);
		BILLS.put(d, new BillFixture(MCHID).payment(at(d, 9, 0), "SNAP-1", 1000)::entity);
		this.topics.writeStates(List.of(States.paidOrder(MCHID, "SNAP-1", "SNAP-1", 1000, at(d, 9, 0))));
		// written after A's, keyed 1900000002@SNAP-1
		this.topics.writeStates(List.of(States.pendingOrder(MCHID_B, "SNAP-1", 400, at(d, 8, 0))));
		assertThat(this.runner.run(MCHID, d, DailyStatementRunner.Mode.RUN).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		assertThat(snapshot("SNAP-1")).containsExactlyInAnyOrder("1900000001 PAID 1000", "1900000002 PENDING 400");
		assertThat(StatementTasklet.find(this.jdbc, MCHID, d).matchedCount()).isEqualTo(1);
		assertThat(differences(MCHID, d)).isEmpty();
	}

	@Test
	void keepsAnOrderRetiredFromOrdersStateInTheSnapshotAndTheSameStatementOnARerun() throws Exception {
		LocalDate d = PLANTED.plusDays(51);
		BILLS.put(d, new BillFixture(MCHID).payment(at(d, 9, 0), "RET-1", 1000)::entity);
		this.topics.writeStates(List.of(States.paidOrder(MCHID, "RET-1", "RET-1", 1000, at(d, 9, 0))));
		assertThat(this.runner.run(MCHID, d, DailyStatementRunner.Mode.RUN).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		DailyStatement before = withoutTime(StatementTasklet.find(this.jdbc, MCHID, d));
		// stream-app retires the order (tombstone keyed mchid@out_trade_no); a state and
		// its
		// tombstone can also arrive in the same batch
		this.topics.writeStateTombstone(MerchantKey.encode(MCHID, "RET-1"));
		this.topics.writeStates(List.of(States.paidOrder(MCHID_B, "RET-2", "RET-2", 700, at(d, 9, 5))));
		this.topics.writeStateTombstone(MerchantKey.encode(MCHID_B, "RET-2"));

		assertThat(this.runner.run(MCHID, d, DailyStatementRunner.Mode.RUN).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);

		assertThat(snapshot("RET-1")).containsExactly("1900000001 PAID 1000");
		assertThat(snapshot("RET-2")).containsExactly("1900000002 PAID 700");
		assertThat(withoutTime(StatementTasklet.find(this.jdbc, MCHID, d))).isEqualTo(before);
		assertThat(before.matchedCount()).isEqualTo(1);
		assertThat(differences(MCHID, d)).isEmpty();
	}

	@Test
	void loadKilledInTheMiddleRestartsWhereItStoppedWithTheSameStatement() throws Exception {
		LocalDate d = PLANTED.plusDays(26);
		BillFixture bill = new BillFixture(MCHID);
		List<OrderPaymentState> states = new ArrayList<>();
		for (int i = 0; i < 95; i++) {
			String no = "K-" + i;
			bill.payment(at(d, 8, i % 60), no, 100 + i);
			if (i % 10 != 3) {
				states.add(States.paidOrder(MCHID, no, no, 100 + i, at(d, 8, i % 60)));
			}
		}
		BILLS.put(d, bill::entity);
		this.topics.writeStates(states);
		CHUNKS_BEFORE_CRASH.set(3);
		JobExecution crashed = this.runner.run(MCHID, d, DailyStatementRunner.Mode.RUN);
		CHUNKS_BEFORE_CRASH.set(-1);
		assertThat(crashed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(load(crashed).getCommitCount()).isEqualTo(3);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM bill_line WHERE mchid = ? AND bill_date = ?",
				Long.class, MCHID, d))
			.isEqualTo(29); // the header and 29 rows in three chunks of ten lines
		JobExecution restarted = this.runner.run(MCHID, d, DailyStatementRunner.Mode.RUN);
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(crashed.getJobInstance().getInstanceId());
		// of the 98 lines, the 30 committed ones are not read again
		assertThat(load(restarted).getReadCount()).isEqualTo(98 - 30);
		DailyStatement afterCrash = withoutTime(StatementTasklet.find(this.jdbc, MCHID, d));
		JobExecution uninterrupted = this.runner.run(MCHID, d, DailyStatementRunner.Mode.RUN);
		assertThat(uninterrupted.getJobParameters().getLong("run")).isEqualTo(2L);
		assertThat(load(uninterrupted).getReadCount()).isEqualTo(98);
		assertThat(withoutTime(StatementTasklet.find(this.jdbc, MCHID, d))).isEqualTo(afterCrash);
		assertThat(afterCrash.matchedCount()).isEqualTo(85);
		assertThat(afterCrash.differences()).filteredOn((c) -> c.differenceClass() == DifferenceClass.MISSING_LOCALLY)
			.singleElement()
			.satisfies((c) -> assertThat(c.count()).isEqualTo(10));
	}

	// fixtures

	void plantEveryDifference(LocalDate d, String p) {
		BillFixture bill = new BillFixture(MCHID).payment(at(d, 9, 0), p + "-P1", 1000)
			.payment(at(d, 9, 5), p + "-P2", 2000)
			.payment(at(d, 10, 0), p + "-P3", 3000)
			.payment(at(d, 11, 0), p + "-ML1", 1800)
			.payment(at(d, 11, 30), p + "-ML2", 2200)
			.payment(at(d, 12, 0), p + "-AM1", 10000)
			.payment(at(d, 13, 0), p + "-SM1", 4000)
			.payment(at(d, 14, 0), p + "-DP1a", 3000)
			.payment(at(d, 14, 10), p + "-DP1b", 3000)
			.refund(at(d, 15, 0), p + "-P1", p + "-RF1", 500)
			.refund(at(d, 16, 0), p + "-P2", p + "-RF2", 300);
		BILLS.put(d, bill::entity);
		this.topics.writeStates(List.of(
				States.paidOrder(MCHID, p + "-P1", p + "-P1", 1000, at(d, 9, 0),
						States.refund(p + "-RF1", 500, at(d, 15, 0))),
				States.paidOrder(MCHID, p + "-P2", p + "-P2", 2000, at(d, 9, 5),
						States.refund(p + "-RF2", 200, at(d, 16, 0))),
				States.paidOrder(MCHID, p + "-P3", p + "-P3", 3000, at(d, 10, 0)),
				States.pendingOrder(MCHID, p + "-ML1", 1800, at(d, 10, 58)),
				States.paidOrder(MCHID, p + "-AM1", p + "-AM1", 9900, at(d, 12, 0)),
				States.closedOrder(MCHID, p + "-SM1", 4000, at(d, 11, 0)),
				States.paidOrder(MCHID, p + "-DP1a", p + "-DUP", 3000, at(d, 14, 0)),
				States.paidOrder(MCHID, p + "-DP1b", p + "-DUP", 3000, at(d, 14, 10)),
				States.paidOrder(MCHID, p + "-MW1", p + "-MW1", 2500, at(d, 10, 0)),
				States.paidOrder(MCHID, p + "-HO1", p + "-HO1", 1500, at(d, 23, 55))));
	}

	static DailyStatement expectedPlantedStatement(LocalDate d) {
		long settled = 1000 + 2000 + 3000 + 1800 + 2200 + 10000 + 4000 + 3000 + 3000;
		long fees = settled * 6 - 800 * 6;
		List<DailyStatement.ClassTotal> classes = List.of(
				new DailyStatement.ClassTotal(DifferenceClass.MATCHED, 4, 1000 + 2000 + 3000 + 3000),
				new DailyStatement.ClassTotal(DifferenceClass.MISSING_LOCALLY, 2, 1800 + 2200),
				new DailyStatement.ClassTotal(DifferenceClass.MISSING_AT_WECHAT, 1, 2500),
				new DailyStatement.ClassTotal(DifferenceClass.AMOUNT_MISMATCH, 1, 10000),
				new DailyStatement.ClassTotal(DifferenceClass.STATUS_MISMATCH, 1, 4000),
				new DailyStatement.ClassTotal(DifferenceClass.REFUND_MISMATCH, 1, 300),
				new DailyStatement.ClassTotal(DifferenceClass.REFUND_PROCESSING, 0, 0),
				new DailyStatement.ClassTotal(DifferenceClass.REFUND_MISSING_LOCALLY, 0, 0),
				new DailyStatement.ClassTotal(DifferenceClass.REFUND_ABNORMAL, 0, 0),
				new DailyStatement.ClassTotal(DifferenceClass.REFUND_CLOSED, 0, 0),
				new DailyStatement.ClassTotal(DifferenceClass.DUPLICATE_PAYMENT, 1, 3000),
				new DailyStatement.ClassTotal(DifferenceClass.HELD_OVER, 1, 1500));
		// local payments of the day: P1, P2, P3, AM1 (9900), DP1a, DP1b, MW1, HO1
		long localPaid = 1000 + 2000 + 3000 + 9900 + 3000 + 3000 + 2500 + 1500;
		return new DailyStatement(MCHID, d, 9, settled, 2, 800, fees, 8, localPaid, 4, 9000,
				(settled - 800) * 1000 - fees, classes, 0, 1, Instant.EPOCH);
	}

	static DailyStatement withoutTime(DailyStatement s) {
		return new DailyStatement(s.mchid(), s.billDate(), s.billPaymentCount(), s.billSettledAmount(),
				s.billRefundCount(), s.billRefundAmount(), s.billFeesMilliFen(), s.localPaymentCount(),
				s.localPaidAmount(), s.matchedCount(), s.matchedAmount(), s.netSettlementMilliFen(),
				s.differences().stream().sorted((a, b) -> a.differenceClass().compareTo(b.differenceClass())).toList(),
				s.rejectedLines(), s.repairsSent(), Instant.EPOCH, s.billOrderAmount(), s.billCouponAmount(),
				s.billRefundRequestedAmount(), s.billRechargeCouponRefundAmount());
	}

	List<String> differences(LocalDate d) {
		return differences(MCHID, d);
	}

	List<String> differences(String mchid, LocalDate d) {
		return this.jdbc.query(
				"SELECT difference_class, out_trade_no, bill_amount, local_amount FROM recon_difference"
						+ " WHERE mchid = ? AND bill_date = ?",
				(rs, i) -> rs.getString(1) + " " + rs.getString(2) + " bill=" + rs.getObject(3) + " local="
						+ rs.getObject(4),
				mchid, d);
	}

	/** The snapshot's rows of an out_trade_no, at every merchant. */
	List<String> snapshot(String outTradeNo) {
		return this.jdbc.query("SELECT mchid, status, amount_total FROM order_state WHERE out_trade_no = ?",
				(rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3), outTradeNo);
	}

	/** A statement's figures and its classes other than MATCHED that are not empty. */
	static String describe(DailyStatement s) {
		StringBuilder text = new StringBuilder().append("bill ")
			.append(s.billPaymentCount())
			.append('/')
			.append(s.billSettledAmount())
			.append(" refunds ")
			.append(s.billRefundCount())
			.append('/')
			.append(s.billRefundAmount())
			.append(" local ")
			.append(s.localPaymentCount())
			.append('/')
			.append(s.localPaidAmount())
			.append(" matched ")
			.append(s.matchedCount())
			.append('/')
			.append(s.matchedAmount())
			.append(" net ")
			.append(s.netSettlementMilliFen())
			.append(" repairs ")
			.append(s.repairsSent());
		s.differences()
			.stream()
			.filter((c) -> c.differenceClass() != DifferenceClass.MATCHED && c.count() > 0)
			.map((c) -> " " + c.differenceClass() + " " + c.count() + "/" + c.amount())
			.sorted()
			.forEach(text::append);
		return text.toString();
	}

	List<PaymentAnomaly> anomalies(String prefix) {
		return this.topics.readAll(Topic.ANOMALIES, Serdes.paymentAnomaly())
			.stream()
			.filter((a) -> a.outTradeNo().startsWith(prefix))
			.toList();
	}

	static StepExecution load(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.filter((s) -> s.getStepName().equals("loadBillStep"))
			.findFirst()
			.orElseThrow();
	}

	/** The SDK replaced by fixtures, a fixed clock, and a crash switch in the load. */
	// registered as a source, not a @Configuration: component scanning must not find it
	static class FixtureBills {

		@Bean
		@Primary
		BillDownloads fixtureBillDownloads() {
			return (mchid, billDate) -> {
				Supplier<DigestBillEntity> bill = (MCHID_B.equals(mchid) ? BILLS_B : BILLS).get(billDate);
				if (bill == null) {
					throw new ServiceException(null, 400, "{\"code\":\"NO_STATEMENT_EXIST\",\"message\":\"none\"}");
				}
				return bill.get();
			};
		}

		/**
		 * WeChat knows the refunds the tests' bills show that paytally never heard of.
		 */
		@Bean
		@Primary
		RefundLookup fixtureRefunds() {
			return (mchid, outRefundNo, receivedAt) -> ("C-R5".equals(outRefundNo))
					? Optional.of(new RefundNotification("bill-refund:" + mchid + ":" + outRefundNo,
							NotificationSource.BILL, mchid, "C-P5", BillFixture.transactionId("C-P5"), outRefundNo,
							"5030" + outRefundNo, RefundStatus.SUCCESS, 1500, 1500, 1500L, 1500L,
							Instant.parse("2027-01-01T07:30:05Z"), receivedAt))
					: Optional.empty();
		}

		@Bean
		@Primary
		Clock fixedClock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

		@Bean
		@Qualifier("loadBillStep")
		ChunkListener<BillLine, ParsedBillLine> crashSwitch() {
			return new ChunkListener<>() {
				@Override
				public void afterChunk(Chunk<ParsedBillLine> chunk) {
					if (CHUNKS_BEFORE_CRASH.get() >= 0 && CHUNKS_BEFORE_CRASH.getAndDecrement() == 0) {
						throw new IllegalStateException("Simulated crash in the middle of the load");
					}
				}
			};
		}

	}

	static void ignore(IOException ex) {
	}

}
