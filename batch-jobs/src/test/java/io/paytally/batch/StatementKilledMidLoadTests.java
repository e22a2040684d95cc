package io.paytally.batch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.paytally.batch.internal.Beijing;
import io.paytally.batch.statement.StatementTasklet;
import io.paytally.batch.support.KafkaTopics;
import io.paytally.batch.support.StatementCommandProcess;
import io.paytally.batch.support.States;
import io.paytally.sandbox.Sandbox;
import io.paytally.sandbox.SandboxMerchant;
import io.paytally.sandbox.SandboxOptions;
import io.paytally.sandbox.crypto.Pem;
import io.paytally.sandbox.ledger.Ledger;
import io.paytally.sandbox.ledger.PrepayRequest;
import io.paytally.sandbox.ledger.WireFormat;
import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.StatementRun;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import io.paytally.schemas.topics.TopicSettings;
import io.paytally.testkit.KafkaTestBroker;
import io.paytally.testkit.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statement command killed in the middle of the load (SIGKILL, a JVM of its own) and
 * started again as an operator would after a crash: the same command restarts the run
 * where its last committed chunk left it, and the statement, its differences, its record
 * on {@code recon.statements} and the loaded bill lines are those of an uninterrupted run
 * of the same bill, with nothing sent twice. The bill (tens of thousands of lines) comes
 * from the sandbox through the official SDK; {@code orders.state} from the testkit's
 * broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StatementKilledMidLoadTests {

	static final String MCHID = "1900000001";

	static final String APPID = "wx0000000000demo01";

	static final LocalDate DAY = LocalDate.of(2026, 11, 21);

	/** Payments in the bill; one in a hundred is refunded the same day. */
	static final int PAYMENTS = 20_000;

	static final int REFUNDS = PAYMENTS / 100;

	/** Paid here, not at WeChat. */
	static final int MISSING_AT_WECHAT = 5;

	static final int CHUNK_SIZE = 500;

	/** Rows of the bill: payments and refunds. */
	static final int ROWS = PAYMENTS + REFUNDS;

	/** Items the load reads: the header, the rows, the summary's header and line. */
	static final int LINES = ROWS + 3;

	static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

	/** A request from the dashboard for another day, waiting for the service. */
	static final StatementRun PENDING_REQUEST = StatementRun.requested(MCHID, DAY.plusDays(1), "request-1", "finance",
			Beijing.instant(DAY.plusDays(2).atTime(9, 0)));

	Path files;

	KafkaTestBroker broker;

	Sandbox sandbox;

	KafkaTopics topics;

	Map<String, String> environment;

	/** The JDBC URL the command is given. */
	abstract String databaseUrl(Path files);

	abstract String databaseUser();

	abstract String databasePassword();

	/** The test's own access to the database, opened when needed. */
	abstract JdbcTemplate jdbc();

	/**
	 * Closes the test's own connections, so that the command finds the database as after
	 * a crash of the machine it ran on.
	 */
	void releaseDatabase() {
	}

	/** Drops the database under test. */
	void closeDatabase() {
	}

	private static final Logger logger = LoggerFactory.getLogger(StatementKilledMidLoadTests.class);

	@BeforeAll
	void start() throws Exception {
		long started = System.nanoTime();
		this.files = Files.createTempDirectory("statement-killed-");
		String databaseUrl = databaseUrl(this.files);
		this.broker = KafkaTestBroker.start(new TopicSettings(3, (short) 1, 1, Map.of()));
		this.topics = new KafkaTopics(this.broker.bootstrapServers());
		Path ledger = this.files.resolve("sandbox-ledger.json");
		Files.writeString(ledger, WireFormat.json(Map.of("merchants", List.of(), "orders", wechatLedger())));
		this.sandbox = Sandbox.start(SandboxOptions.builder()
			.merchant(MCHID, APPID)
			.platformKey(Pem.privateKeyPem(Pem.generateRsa2048().getPrivate()), null)
			.persistFile(ledger)
			.persistInterval(Duration.ofHours(1))
			.build());
		this.topics.writeStates(localStates());
		// a dashboard request the service has not answered yet: no command takes it
		this.broker.send(Topic.STATEMENT_RUNS, PENDING_REQUEST.key(), PENDING_REQUEST);
		logger.info("Broker, sandbox ({} payments) and orders.state ready in {} ms", PAYMENTS,
				(System.nanoTime() - started) / 1_000_000);
		this.environment = StatementCommandProcess.environment(databaseUrl, databaseUser(), databasePassword(),
				this.broker.bootstrapServers(), merchantEnvironment());
	}

	@AfterAll
	void stop() {
		releaseDatabase();
		if (this.sandbox != null) {
			this.sandbox.close();
		}
		if (this.broker != null) {
			this.broker.close();
		}
		closeDatabase();
		if (this.files != null) {
			// the bill ledger, the H2 file and the reports: tens of megabytes
			FileSystemUtils.deleteRecursively(this.files.toFile());
		}
	}

	@Test
	void commandKilledInTheMiddleOfTheLoadAndRunAgainGivesTheStatementOfAnUninterruptedRun() throws Exception {
		// the command, killed once half the bill's rows are committed: on H2 the last
		// chunks committed before the kill die with the JVM (H2 writes its file in the
		// background), the earlier ones are in the file
		StatementCommandProcess first = command("killed");
		long writtenBeforeKill = awaitLoadProgress(first, ROWS / 2);
		assertThat(first.kill()).as("killed by SIGKILL").isEqualTo(137);
		releaseDatabase();
		Map<String, Object> killedLoad = loadStep(1);
		assertThat(jdbc().queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION", String.class))
			.as("left running by the dead process")
			.isEqualTo("STARTED");
		assertThat(killedLoad.get("STATUS")).isEqualTo("STARTED");
		long committed = number(killedLoad, "WRITE_COUNT");
		assertThat(committed).as("committed rows at the kill (%s seen before it)", writtenBeforeKill)
			.isPositive()
			.isLessThan(ROWS);
		assertThat(billLineCount()).isEqualTo(committed);
		long linesReadBeforeKill = number(killedLoad, "READ_COUNT");
		logger.info("Killed with {} bill rows seen committed; {} committed after the kill, of {} lines {} read",
				writtenBeforeKill, committed, LINES, linesReadBeforeKill);
		assertThat(statementCount()).isZero();
		releaseDatabase();

		// run again after the crash: the same command
		StatementCommandProcess again = command("restarted");
		assertThat(again.waitFor(RUN_TIMEOUT)).as(again.output()).isZero();
		assertThat(jdbc().queryForList("SELECT STATUS, EXIT_CODE FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID"))
			.extracting((row) -> row.get("STATUS") + " " + row.get("EXIT_CODE"))
			.as("the dead run marked failed (exit code unknown), then completed")
			.containsExactly("FAILED UNKNOWN", "COMPLETED COMPLETED");
		assertThat(jdbc().queryForObject("SELECT COUNT(DISTINCT JOB_INSTANCE_ID) FROM BATCH_JOB_EXECUTION", Long.class))
			.as("the same run restarted, not a new one")
			.isOne();
		Map<String, Object> restartedLoad = loadStep(2);
		assertThat(restartedLoad.get("STATUS")).isEqualTo("COMPLETED");
		// the committed lines are not read again, the others are read once
		assertThat(number(restartedLoad, "READ_COUNT")).isEqualTo(LINES - linesReadBeforeKill);
		// the rows not committed, and the summary
		assertThat(number(restartedLoad, "WRITE_COUNT")).isEqualTo(ROWS - committed + 1);
		DayResult afterCrash = dayResult();
		assertExpectedDay(afterCrash);
		List<PaymentNotification> repairs = this.topics.readAll(Topic.PAYMENT_NOTIFICATIONS,
				Serdes.paymentNotification());
		List<PaymentAnomaly> anomalies = this.topics.readAll(Topic.ANOMALIES, Serdes.paymentAnomaly());
		assertThat(repairs).extracting(PaymentNotification::outTradeNo)
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(expectedRepairs());
		assertThat(anomalies).extracting((a) -> a.type() + " " + a.outTradeNo())
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(expectedAnomalies());
		List<DailyStatement> published = this.topics.readAll(Topic.STATEMENTS, Serdes.dailyStatement());
		assertThat(published).extracting(DailyStatementJobTests::withoutTime).containsExactly(afterCrash.statement());
		releaseDatabase();

		// the same bill without interruption: the same command on a completed day starts
		// run 2, which loads the whole bill again
		StatementCommandProcess uninterrupted = command("uninterrupted");
		assertThat(uninterrupted.waitFor(RUN_TIMEOUT)).as(uninterrupted.output()).isZero();
		Map<String, Object> wholeLoad = loadStep(3);
		assertThat(number(wholeLoad, "READ_COUNT")).isEqualTo(LINES);
		assertThat(jdbc().queryForObject("SELECT COUNT(DISTINCT JOB_INSTANCE_ID) FROM BATCH_JOB_EXECUTION", Long.class))
			.isEqualTo(2);
		DayResult reference = dayResult();
		assertThat(afterCrash.statement()).isEqualTo(reference.statement());
		assertThat(afterCrash.differences()).isEqualTo(reference.differences());
		assertThat(afterCrash.billLines()).isEqualTo(reference.billLines());
		assertThat(this.topics.readAll(Topic.STATEMENTS, Serdes.dailyStatement()))
			.extracting(DailyStatementJobTests::withoutTime)
			.containsExactly(afterCrash.statement(), reference.statement());
		// repairs and anomalies already sent are not sent again
		assertThat(this.topics.readAll(Topic.PAYMENT_NOTIFICATIONS, Serdes.paymentNotification()))
			.hasSameSizeAs(repairs);
		assertThat(this.topics.readAll(Topic.ANOMALIES, Serdes.paymentAnomaly())).hasSameSizeAs(anomalies);
		// no command took the dashboard's request: the service answers it
		assertThat(this.topics.readAll(Topic.STATEMENT_RUNS, Serdes.statementRun())).containsExactly(PENDING_REQUEST);
	}

	/** What the statement of the day is on every side of the database. */
	record DayResult(DailyStatement statement, List<String> differences, List<String> billLines) {

	}

	DayResult dayResult() {
		DailyStatement statement = DailyStatementJobTests.withoutTime(StatementTasklet.find(jdbc(), MCHID, DAY));
		List<String> differences = jdbc().query("SELECT * FROM recon_difference WHERE mchid = ? AND bill_date = ?"
				+ " ORDER BY difference_class, out_trade_no", (rs, i) -> {
					StringBuilder row = new StringBuilder();
					for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
						row.append(rs.getMetaData().getColumnName(c).toLowerCase())
							.append('=')
							.append(rs.getObject(c))
							.append(' ');
					}
					return row.toString().trim();
				}, MCHID, DAY);
		List<String> billLines = jdbc()
			.query("SELECT * FROM bill_line WHERE mchid = ? AND bill_date = ?" + " ORDER BY line_no", (rs, i) -> {
				StringBuilder row = new StringBuilder();
				for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
					row.append(rs.getObject(c)).append('|');
				}
				return row.toString();
			}, MCHID, DAY);
		return new DayResult(statement, differences, billLines);
	}

	/** The day as the planted ledger and states make it. */
	void assertExpectedDay(DayResult day) {
		// every row of the bill once, at its line of the file
		assertThat(day.billLines()).hasSize(ROWS);
		assertThat(jdbc().queryForList(
				"SELECT line_no FROM bill_line WHERE mchid = ? AND bill_date = ?" + " ORDER BY line_no", Long.class,
				MCHID, DAY))
			.isEqualTo(java.util.stream.LongStream.rangeClosed(2, ROWS + 1).boxed().toList());
		assertThat(jdbc().queryForList(
				"SELECT out_trade_no FROM bill_line WHERE mchid = ? AND bill_date = ?" + " AND trade_state = 'SUCCESS'",
				String.class, MCHID, DAY))
			.doesNotHaveDuplicates()
			.hasSize(PAYMENTS);
		assertThat(jdbc().queryForList(
				"SELECT out_refund_no FROM bill_line WHERE mchid = ? AND bill_date = ?" + " AND trade_state = 'REFUND'",
				String.class, MCHID, DAY))
			.doesNotHaveDuplicates()
			.hasSize(REFUNDS);
		assertThat(jdbc().queryForList(
				"SELECT difference_class, out_trade_no FROM recon_difference" + " WHERE mchid = ? AND bill_date = ?",
				MCHID, DAY))
			.extracting((row) -> value(row, "difference_class") + " " + value(row, "out_trade_no"))
			.containsExactlyInAnyOrderElementsOf(expectedDifferences());
		// the statement's totals are the bill's own summary
		Map<String, Object> summary = jdbc()
			.queryForMap("SELECT total_count, settled_amount, refund_amount, fee_milli_fen FROM bill_summary"
					+ " WHERE mchid = ? AND bill_date = ?", MCHID, DAY);
		DailyStatement s = day.statement();
		assertThat(s.billPaymentCount()).isEqualTo(PAYMENTS);
		assertThat(s.billRefundCount()).isEqualTo(REFUNDS);
		assertThat(s.billPaymentCount() + s.billRefundCount()).isEqualTo(number(summary, "total_count"));
		assertThat(s.billSettledAmount()).isEqualTo(number(summary, "settled_amount"));
		assertThat(s.billRefundAmount()).isEqualTo(number(summary, "refund_amount"));
		assertThat(s.billFeesMilliFen()).isEqualTo(number(summary, "fee_milli_fen"));
		assertThat(s.rejectedLines()).isZero();
		assertThat(s.repairsSent()).isEqualTo(expectedRepairs().size());
		assertThat(s.differences()).filteredOn((c) -> c.count() > 0)
			.extracting((c) -> c.differenceClass() + "=" + c.count())
			.containsExactlyInAnyOrder("MATCHED=" + (PAYMENTS - 3 * PAYMENTS / 100),
					"MISSING_LOCALLY=" + 2 * PAYMENTS / 100, "AMOUNT_MISMATCH=" + PAYMENTS / 100,
					"MISSING_AT_WECHAT=" + MISSING_AT_WECHAT);
	}

	// the day: at WeChat, and here

	static String outTradeNo(int i) {
		return "KILL" + String.format("%06d", i);
	}

	static long amount(int i) {
		return 100 + (i % 977);
	}

	/** Payment i's time: from 01:00, two seconds apart. */
	static LocalDateTime paidAt(int i) {
		return DAY.atTime(1, 0).plusSeconds(2L * i);
	}

	/**
	 * WeChat's ledger of the day: every payment, a partial refund of one in a hundred.
	 */
	static List<?> wechatLedger() {
		MutableClock clock = new MutableClock(Beijing.instant(DAY.atTime(0, 0)));
		Ledger ledger = new Ledger(clock);
		for (int i = 0; i < PAYMENTS; i++) {
			String no = outTradeNo(i);
			clock.set(Beijing.instant(paidAt(i)));
			ledger.prepay(new PrepayRequest(MCHID, APPID, no, "JSAPI", "Goods", null, "http://127.0.0.1:9/notify",
					amount(i), "CNY", "oPayer", Beijing.local(clock.instant()).plusHours(2).atOffset(Ledger.BEIJING)));
			ledger.pay(MCHID, no, null, "oPayer", false);
			if (i % 100 == 0) {
				clock.set(Beijing.instant(paidAt(i).plusHours(1)));
				ledger.refund(MCHID, no, "R" + no, amount(i) / 3, "changed mind", null);
				ledger.completeRefund(MCHID, "R" + no);
			}
		}
		return ledger.orders(MCHID);
	}

	/**
	 * What the stream knows: one in a hundred orders still pending (repaired), one
	 * unknown, one of another amount, and a few paid here that WeChat does not show.
	 */
	static List<OrderPaymentState> localStates() {
		List<OrderPaymentState> states = new ArrayList<>();
		for (int i = 0; i < PAYMENTS; i++) {
			String no = outTradeNo(i);
			switch (i % 100) {
				case 0 -> states.add(States.paidOrder(MCHID, no, no, amount(i), paidAt(i),
						States.refund("R" + no, amount(i) / 3, paidAt(i).plusHours(1))));
				case 1 -> states.add(States.pendingOrder(MCHID, no, amount(i), paidAt(i).minusMinutes(1)));
				case 2 -> {
					// unknown here
				}
				case 3 -> states.add(States.paidOrder(MCHID, no, no, amount(i) + 1, paidAt(i)));
				default -> states.add(States.paidOrder(MCHID, no, no, amount(i), paidAt(i)));
			}
		}
		for (int i = 0; i < MISSING_AT_WECHAT; i++) {
			states.add(States.paidOrder(MCHID, "KILLMW" + i, "KILLMW" + i, 500, DAY.atTime(12, i)));
		}
		return states;
	}

	static List<String> expectedDifferences() {
		List<String> differences = new ArrayList<>();
		for (int i = 0; i < PAYMENTS; i++) {
			switch (i % 100) {
				case 1, 2 -> differences.add("MISSING_LOCALLY " + outTradeNo(i));
				case 3 -> differences.add("AMOUNT_MISMATCH " + outTradeNo(i));
				default -> {
				}
			}
		}
		for (int i = 0; i < MISSING_AT_WECHAT; i++) {
			differences.add("MISSING_AT_WECHAT KILLMW" + i);
		}
		return differences;
	}

	static List<String> expectedRepairs() {
		List<String> repairs = new ArrayList<>();
		for (int i = 1; i < PAYMENTS; i += 100) {
			repairs.add(outTradeNo(i));
		}
		return repairs;
	}

	static List<String> expectedAnomalies() {
		return expectedDifferences().stream().filter((d) -> !expectedRepairs().contains(d.split(" ")[1])).toList();
	}

	Map<String, String> merchantEnvironment() throws Exception {
		SandboxMerchant merchant = this.sandbox.merchant(MCHID);
		Path keys = Files.createDirectories(this.files.resolve("keys"));
		Path privateKey = Files.writeString(keys.resolve("apiclient_key.pem"), merchant.privateKeyPem());
		Path apiV3Key = Files.writeString(keys.resolve("api-v3-key"), merchant.apiV3Key());
		Path platformKey = Files.writeString(keys.resolve("pub_key.pem"), this.sandbox.platformPublicKeyPem());
		Map<String, String> environment = new HashMap<>();
		environment.put("PAYTALLY_WECHAT_BASE_URL", this.sandbox.baseUrl().toString());
		environment.put("PAYTALLY_WECHAT_MERCHANTS_0_MCHID", MCHID);
		environment.put("PAYTALLY_WECHAT_MERCHANTS_0_APPID", APPID);
		environment.put("PAYTALLY_WECHAT_MERCHANTS_0_MERCHANTSERIALNUMBER", merchant.merchantSerialNumber());
		environment.put("PAYTALLY_WECHAT_MERCHANTS_0_PRIVATEKEYFILE", privateKey.toString());
		environment.put("PAYTALLY_WECHAT_MERCHANTS_0_APIV3KEYFILE", apiV3Key.toString());
		environment.put("PAYTALLY_WECHAT_MERCHANTS_0_PLATFORMPUBLICKEYFILE", platformKey.toString());
		environment.put("PAYTALLY_WECHAT_MERCHANTS_0_PLATFORMPUBLICKEYID", this.sandbox.platformPublicKeyId());
		// the sandbox renders the bill when asked, which takes seconds on a busy machine
		environment.put("PAYTALLY_WECHAT_READTIMEOUT", "60s");
		environment.put("PAYTALLY_BATCH_CHUNKSIZE", Integer.toString(CHUNK_SIZE));
		environment.put("PAYTALLY_BATCH_KAFKA_POLLTIMEOUT", "200ms");
		return environment;
	}

	// the command and the job repository

	StatementCommandProcess command(String name) throws Exception {
		Path log = this.files.resolve(name + ".log");
		Files.writeString(log, String.join(" ", StatementCommandProcess.arguments(MCHID, DAY)) + "\n",
				StandardCharsets.UTF_8);
		return StatementCommandProcess.start(this.files, this.environment, MCHID, DAY, log);
	}

	/**
	 * Waits until the load step has committed at least {@code rows} rows, the command
	 * still running and the load not finished.
	 * @return the rows committed when seen
	 */
	long awaitLoadProgress(StatementCommandProcess process, long rows) throws Exception {
		long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			assertThat(process.isAlive()).as("the command ended before the load was half done:\n%s", process.output())
				.isTrue();
			try {
				List<Map<String, Object>> load = jdbc().queryForList(
						"SELECT STATUS, WRITE_COUNT FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'loadBillStep'");
				if (!load.isEmpty() && number(load.get(0), "WRITE_COUNT") >= rows) {
					assertThat(load.get(0).get("STATUS")).as("still loading when seen").isEqualTo("STARTED");
					return number(load.get(0), "WRITE_COUNT");
				}
			}
			catch (DataAccessException ex) {
				// the database or the job repository is not there yet
				releaseDatabase();
			}
			Thread.sleep(20);
		}
		throw new IllegalStateException("The load did not get to " + rows + " rows:\n" + process.output());
	}

	/** The n-th execution of the load step. */
	Map<String, Object> loadStep(int n) {
		List<Map<String, Object>> steps = jdbc().queryForList("SELECT STATUS, READ_COUNT, WRITE_COUNT, COMMIT_COUNT"
				+ " FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'loadBillStep' ORDER BY STEP_EXECUTION_ID");
		assertThat(steps).hasSizeGreaterThanOrEqualTo(n);
		return steps.get(n - 1);
	}

	long billLineCount() {
		return jdbc().queryForObject("SELECT COUNT(*) FROM bill_line WHERE mchid = ? AND bill_date = ?", Long.class,
				MCHID, DAY);
	}

	long statementCount() {
		return jdbc().queryForObject("SELECT COUNT(*) FROM daily_statement", Long.class);
	}

	static Object value(Map<String, Object> row, String column) {
		Object value = row.get(column);
		return (value != null) ? value : row.get(column.toUpperCase(java.util.Locale.ROOT));
	}

	static long number(Map<String, Object> row, String column) {
		return ((Number) value(row, column)).longValue();
	}

}
