package io.paytally.batch.statement;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.DifferenceClass;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports of a statement, written from {@code recon_difference} and {@code bill_line}
 * rows of an in-memory H2 database with the statement's tables.
 */
class StatementReportsTest {

	static final String MCHID = "1900000001";

	static final LocalDate DAY = LocalDate.of(2026, 11, 21);

	@TempDir
	Path dir;

	EmbeddedDatabase database;

	JdbcTemplate jdbc;

	@BeforeEach
	void createTables() {
		this.database = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
			.generateUniqueName(true)
			.addScript("db/migration/V2__statement_tables.sql")
			.build();
		this.jdbc = new JdbcTemplate(this.database);
	}

	@AfterEach
	void dropTables() {
		this.database.shutdown();
	}

	@Test
	void csvParsesBackToTheExactRowsWithNumbersAsNumbers() throws IOException {
		difference("AMOUNT_MISMATCH", "P-AM1", null, "M-AM1", 10000L, null, "PAID", 9900L, 9900L);
		difference("DUPLICATE_PAYMENT", "P-DP1b", null, "订单,一号 \"甲\"", 3000L, null, "PAID", 3000L, 3000L);
		difference("REFUND_MISMATCH", "P-P2", "R-P2", null, null, -2000L, "PAID", 2000L, 2000L);

		List<List<String>> rows = csvRows(new StatementReports(this.jdbc, this.dir).write(statement()).csv());

		assertThat(rows).containsExactly(
				List.of("difference_class", "out_trade_no", "out_refund_no", "merchant_order_no",
						"related_out_trade_no", "transaction_id", "bill_line_no", "bill_time", "bill_state",
						"bill_amount_fen", "bill_refund_amount_fen", "local_status", "local_amount_fen",
						"local_paid_amount_fen", "local_paid_at", "local_refund_amount_fen", "local_refund_status"),
				List.of("AMOUNT_MISMATCH", "P-AM1", "", "M-AM1", "", "4200P-AM1", "7", "2026-11-21 11:00:00", "SUCCESS",
						"10000", "", "PAID", "9900", "9900", "2026-11-21 10:59:58", "", ""),
				List.of("DUPLICATE_PAYMENT", "P-DP1b", "", "订单,一号 \"甲\"", "", "4200P-DP1b", "7", "2026-11-21 11:00:00",
						"SUCCESS", "3000", "", "PAID", "3000", "3000", "2026-11-21 10:59:58", "", ""),
				List.of("REFUND_MISMATCH", "P-P2", "R-P2", "", "", "4200P-P2", "7", "2026-11-21 11:00:00", "SUCCESS",
						"", "-2000", "PAID", "2000", "2000", "2026-11-21 10:59:58", "", ""));
	}

	@Test
	void csvStartsWithAByteOrderMarkAndEndsLinesWithCrLf() throws IOException {
		difference("MISSING_LOCALLY", "P-ML1", null, "商户订单一", 1800L, null, null, null, null);

		byte[] csv = Files.readAllBytes(new StatementReports(this.jdbc, this.dir).write(statement()).csv());

		assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
		assertThat(new String(csv, StandardCharsets.UTF_8)).contains("商户订单一")
			.endsWith("\r\n")
			.contains("local_refund_status\r\nMISSING_LOCALLY,P-ML1,");
	}

	@Test
	void csvGuardsTextCellsThatASpreadsheetWouldRunAsFormulas() throws IOException {
		difference("MISSING_LOCALLY", "P-F1", null, "=HYPERLINK(\"http://x\")", 100L, null, null, null, null);
		difference("MISSING_LOCALLY", "P-F2", null, "+1", 100L, null, null, null, null);
		difference("MISSING_LOCALLY", "P-F3", null, "-2", 100L, null, null, null, null);
		difference("MISSING_LOCALLY", "P-F4", null, "@SUM(A1)", 100L, null, null, null, null);
		difference("MISSING_LOCALLY", "P-F5", null, "\tTAB", 100L, null, null, null, null);
		difference("MISSING_LOCALLY", "P-F6", null, "\rCR", 100L, null, null, null, null);
		difference("MISSING_LOCALLY", "=P-F7", null, "plain-1", 100L, null, null, null, null);
		difference("REFUND_MISMATCH", "P-F8", "R-F8", "M-F8", null, -300L, null, null, null);

		List<List<String>> rows = csvRows(new StatementReports(this.jdbc, this.dir).write(statement()).csv());

		assertThat(rows.subList(1, rows.size())).extracting((r) -> r.get(1) + " " + r.get(3) + " " + r.get(10))
			.containsExactly("'=P-F7 plain-1 ", "P-F1 '=HYPERLINK(\"http://x\") ", "P-F2 '+1 ", "P-F3 '-2 ",
					"P-F4 '@SUM(A1) ", "P-F5 '\tTAB ", "P-F6 '\rCR ", "P-F8 M-F8 -300");
	}

	@Test
	void htmlListsEveryDifferenceByClassWithYuanBeijingTimeAndActionInChineseAndEnglish() throws IOException {
		difference("AMOUNT_MISMATCH", "P-AM1", null, "M-AM1", 10001L, null, "PAID", 9900L, 9900L);
		difference("DUPLICATE_PAYMENT", "P-DP1b", null, "M-DP1", 3000L, null, "PAID", 3000L, 3000L);
		difference("MISSING_LOCALLY", "P-ML2", null, null, 1L, null, null, null, null);
		difference("REFUND_MISMATCH", "P-P2", "R-P2", "M-P2", null, -2000L, "PAID", 2000L, 2000L);
		billLine(1, DAY.atTime(11, 5), "P-AM1", 10001L);
		DailyStatement statement = StatementTasklet.compute(this.jdbc, MCHID, DAY,
				Clock.fixed(Instant.parse("2026-11-22T02:30:00Z"), ZoneOffset.UTC));

		String html = Files.readString(new StatementReports(this.jdbc, this.dir).write(statement).html());

		assertThat(html).contains("<html lang=\"zh-CN\">", "生成于 2026-11-22 10:30:00（北京时间）",
				"generated 2026-11-22 10:30:00 (Beijing time)");
		assertThat(html).contains("<td>P-AM1</td>", "<td class=\"n\">100.01</td>", "<td class=\"n\">99.00</td>",
				"<td>2026-11-21 11:00:00</td>", "<td>2026-11-21 10:59:58</td>");
		assertThat(html).contains("<td>P-DP1b</td>", "<td>M-DP1</td>", "<td class=\"n\">30.00</td>");
		assertThat(html).contains("<td>P-ML2</td>", "<td class=\"n\">0.01</td>");
		assertThat(html).contains("<td>P-P2</td>", "<td>R-P2</td>", "<td class=\"n\">-20.00</td>");
		for (DifferenceClass c : List.of(DifferenceClass.AMOUNT_MISMATCH, DifferenceClass.DUPLICATE_PAYMENT,
				DifferenceClass.MISSING_LOCALLY, DifferenceClass.REFUND_MISMATCH)) {
			ClassText text = ClassText.of(c);
			assertThat(html).contains(
					"<h3 id=\"" + c + "\">" + text.zh() + " <span class=\"en\" lang=\"en\">" + text.en(),
					"建议处理：" + escaped(text.actionZh()), "Suggested action: " + escaped(text.actionEn()));
		}
		// grouped: each order under its class's heading
		assertThat(html.indexOf("<h3 id=\"MISSING_LOCALLY\">")).isLessThan(html.indexOf("<td>P-ML2</td>"));
		assertThat(html.indexOf("<td>P-ML2</td>")).isLessThan(html.indexOf("<h3 id=\"AMOUNT_MISMATCH\">"));
		assertThat(html.indexOf("<h3 id=\"AMOUNT_MISMATCH\">")).isLessThan(html.indexOf("<td>P-AM1</td>"));
		assertThat(html.indexOf("<h3 id=\"REFUND_MISMATCH\">")).isLessThan(html.indexOf("<td>P-P2</td>"));
		assertThat(html.indexOf("<h3 id=\"DUPLICATE_PAYMENT\">")).isLessThan(html.indexOf("<td>P-DP1b</td>"));
		assertThat(html).doesNotContain("<h3 id=\"HELD_OVER\">", "<h3 id=\"MATCHED\">");
		// the totals and both charts of the page
		assertThat(html).contains(
				"账单应结订单金额 <span class=\"en\" lang=\"en\">Bill settled amount</span></th><td class=\"n\">100.01</td>")
			.contains("<svg", "Settled amount by hour", "<title>11: 100.01</title>", "<title>重复支付: 1</title>");
	}

	@Test
	void htmlEscapesWhatAMerchantOrderNumberHolds() throws IOException {
		difference("MISSING_LOCALLY", "P-X1", null, "<script>alert('x')</script>", 100L, null, null, null, null);
		difference("MISSING_LOCALLY", "P-X2\"><img src=x onerror=alert(1)>", null, "a & b", 100L, null, null, null,
				null);
		DailyStatement statement = StatementTasklet.compute(this.jdbc, MCHID, DAY,
				Clock.fixed(Instant.parse("2026-11-22T02:30:00Z"), ZoneOffset.UTC));

		String html = Files.readString(new StatementReports(this.jdbc, this.dir).write(statement).html());

		assertThat(html).doesNotContain("<script", "<img")
			.contains("<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td>", "<td>a &amp; b</td>",
					"<td>P-X2&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</td>");
	}

	static String escaped(String text) {
		return text.replace("'", "&#39;");
	}

	void billLine(long lineNo, LocalDateTime time, String outTradeNo, long amount) {
		this.jdbc.update("INSERT INTO bill_line (mchid, bill_date, line_no, trade_time, transaction_id, out_trade_no,"
				+ " trade_state, settled_amount, coupon_amount, refund_amount, coupon_refund_amount, fee_milli_fen,"
				+ " order_amount, refund_requested_amount) VALUES (?, ?, ?, ?, ?, ?, 'SUCCESS', ?, 0, 0, 0, 0, ?, 0)",
				MCHID, DAY, lineNo, time, "4200" + outTradeNo, outTradeNo, amount, amount);
	}

	static List<List<String>> csvRows(Path csv) throws IOException {
		String text = Files.readString(csv, StandardCharsets.UTF_8);
		assertThat(text).startsWith("\uFEFF");
		List<List<String>> rows = new ArrayList<>();
		try (Reader reader = new StringReader(text.substring(1)); CSVParser parser = CSVFormat.RFC4180.parse(reader)) {
			for (CSVRecord record : parser) {
				rows.add(record.toList());
			}
		}
		return rows;
	}

	static DailyStatement statement() {
		List<DailyStatement.ClassTotal> totals = new ArrayList<>();
		for (DifferenceClass c : DifferenceClass.values()) {
			totals.add(new DailyStatement.ClassTotal(c, 0, 0));
		}
		return new DailyStatement(MCHID, DAY, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, totals, 0, 0,
				Instant.parse("2026-11-22T02:30:00Z"));
	}

	void difference(String differenceClass, String outTradeNo, String outRefundNo, String merchantOrderNo,
			Long billAmount, Long billRefundAmount, String localStatus, Long localAmount, Long localPaidAmount) {
		boolean local = localStatus != null;
		this.jdbc.update(
				"INSERT INTO recon_difference (mchid, bill_date, " + Difference.COLUMNS + ")"
						+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				MCHID, DAY, differenceClass, outTradeNo, outRefundNo, merchantOrderNo, null, "4200" + outTradeNo, 7L,
				DAY.atTime(11, 0), "SUCCESS", billAmount, billRefundAmount, localStatus, localAmount, localPaidAmount,
				local ? LocalDateTime.of(DAY, java.time.LocalTime.of(10, 59, 58)) : null, null, null);
	}

}
