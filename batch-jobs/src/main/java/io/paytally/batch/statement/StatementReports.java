package io.paytally.batch.statement;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.DifferenceClass;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Writes a statement for people: {@code differences.csv} (one line per difference, both
 * sides' values) and {@code statement.html}, a single self-contained page with inline SVG
 * charts (differences by class, bill amount by hour) that opens in any browser.
 */
final class StatementReports {

	private final JdbcTemplate jdbc;

	private final Path reportDir;

	StatementReports(JdbcTemplate jdbc, Path reportDir) {
		this.jdbc = jdbc;
		this.reportDir = reportDir;
	}

	record Written(Path csv, Path html) {

	}

	Written write(DailyStatement statement) throws IOException {
		Path dir = this.reportDir.resolve(statement.mchid()).resolve(statement.billDate().toString());
		Files.createDirectories(dir);
		Path csv = dir.resolve("differences.csv");
		Path html = dir.resolve("statement.html");
		writeAtomically(csv, (out) -> writeCsv(statement, out));
		long[] hours = amountByHour(statement);
		writeAtomically(html, (out) -> out.write(html(statement, hours)));
		return new Written(csv, html);
	}

	private void writeCsv(DailyStatement s, BufferedWriter out) throws IOException {
		try (DifferencesCsv csv = new DifferencesCsv(out)) {
			this.jdbc.query(
					"SELECT " + Difference.COLUMNS + " FROM recon_difference WHERE mchid = ? AND bill_date = ?"
							+ " ORDER BY difference_class, out_trade_no, out_refund_no",
					(RowCallbackHandler) (rs) -> csv.print(Difference.MAPPER.mapRow(rs, 0)), s.mchid(), s.billDate());
		}
	}

	private long[] amountByHour(DailyStatement s) {
		long[] hours = new long[24];
		this.jdbc.query("SELECT EXTRACT(HOUR FROM trade_time) AS h, SUM(settled_amount) FROM bill_line"
				+ " WHERE mchid = ? AND bill_date = ? AND trade_state = 'SUCCESS' GROUP BY EXTRACT(HOUR FROM trade_time)",
				(rs) -> {
					int hour = rs.getInt(1);
					if (hour >= 0 && hour < 24) {
						hours[hour] = rs.getLong(2);
					}
				}, s.mchid(), s.billDate());
		return hours;
	}

	static String html(DailyStatement s, long[] amountByHour) {
		StringBuilder page = new StringBuilder(16_384);
		page.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
			.append("<title>Daily statement ")
			.append(escape(s.mchid()))
			.append(' ')
			.append(s.billDate())
			.append("</title><style>body{font-family:sans-serif;margin:2em;color:#222}")
			.append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px}")
			.append("td.n{text-align:right;font-variant-numeric:tabular-nums}.bad{color:#b00020}</style></head><body>")
			.append("<h1>Daily statement</h1><p>Merchant <b>")
			.append(escape(s.mchid()))
			.append("</b>, bill date <b>")
			.append(s.billDate())
			.append("</b> (Beijing time). Generated ")
			.append(s.generatedAt())
			.append(". Amounts in yuan.</p><h2>Totals</h2><table>");
		row(page, "Bill payments", Long.toString(s.billPaymentCount()));
		row(page, "Bill settled amount", yuan(s.billSettledAmount()));
		row(page, "Bill refunds", Long.toString(s.billRefundCount()));
		row(page, "Bill refunded amount", yuan(s.billRefundAmount()));
		row(page, "Bill fees", yuanOfMilliFen(s.billFeesMilliFen()));
		row(page, "Net settlement", yuanOfMilliFen(s.netSettlementMilliFen()));
		row(page, "Local payments", Long.toString(s.localPaymentCount()));
		row(page, "Local paid amount", yuan(s.localPaidAmount()));
		row(page, "Matched payments", Long.toString(s.matchedCount()));
		row(page, "Matched amount", yuan(s.matchedAmount()));
		row(page, "Rejected bill lines", Long.toString(s.rejectedLines()));
		row(page, "Repairs sent", Long.toString(s.repairsSent()));
		page.append("</table><h2>Differences by class</h2><table><tr><th>Class</th><th>Count</th><th>Amount</th></tr>");
		List<String> labels = new ArrayList<>();
		List<Long> counts = new ArrayList<>();
		for (DailyStatement.ClassTotal c : s.differences()) {
			boolean bad = c.differenceClass() != DifferenceClass.MATCHED && c.count() > 0;
			page.append("<tr")
				.append(bad ? " class=\"bad\"" : "")
				.append("><td>")
				.append(c.differenceClass())
				.append("</td><td class=\"n\">")
				.append(c.count())
				.append("</td><td class=\"n\">")
				.append(yuan(c.amount()))
				.append("</td></tr>");
			if (c.differenceClass() != DifferenceClass.MATCHED) {
				labels.add(c.differenceClass().name());
				counts.add(c.count());
			}
		}
		page.append("</table>");
		page.append(barChart("Differences by class (count)", labels, counts, false));
		List<String> hours = new ArrayList<>();
		List<Long> amounts = new ArrayList<>();
		for (int h = 0; h < 24; h++) {
			hours.add(String.format("%02d", h));
			amounts.add(amountByHour[h]);
		}
		page.append("<h2>Settled amount by hour</h2>");
		page.append(barChart("Settled amount by hour of the day (yuan)", hours, amounts, true));
		page.append("<p>Every difference, with both sides' values: <code>differences.csv</code> next to this page.</p>")
			.append("</body></html>\n");
		return page.toString();
	}

	private static String barChart(String title, List<String> labels, List<Long> values, boolean money) {
		int width = 760;
		int barArea = 200;
		int left = 10;
		int slot = (width - 2 * left) / Math.max(1, labels.size());
		long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
		StringBuilder svg = new StringBuilder();
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
			.append(width)
			.append("\" height=\"")
			.append(barArea + 70)
			.append("\" role=\"img\" aria-label=\"")
			.append(escape(title))
			.append("\"><title>")
			.append(escape(title))
			.append("</title>");
		for (int i = 0; i < labels.size(); i++) {
			long value = values.get(i);
			int height = (int) Math.round((double) value / max * barArea);
			int x = left + i * slot + slot / 8;
			int w = Math.max(2, slot * 3 / 4);
			svg.append("<rect x=\"")
				.append(x)
				.append("\" y=\"")
				.append(20 + barArea - height)
				.append("\" width=\"")
				.append(w)
				.append("\" height=\"")
				.append(height)
				.append("\" fill=\"#3b78c2\"><title>")
				.append(escape(labels.get(i)))
				.append(": ")
				.append(money ? yuan(value) : Long.toString(value))
				.append("</title></rect>");
			svg.append("<text x=\"")
				.append(x + w / 2)
				.append("\" y=\"")
				.append(15 + barArea - height)
				.append("\" font-size=\"10\" text-anchor=\"middle\">")
				.append(money ? ((value > 0) ? yuan(value) : "") : Long.toString(value))
				.append("</text>");
			svg.append("<text x=\"")
				.append(x + w / 2)
				.append("\" y=\"")
				.append(barArea + 36)
				.append("\" font-size=\"")
				.append(labels.size() > 12 ? 10 : 9)
				.append("\" text-anchor=\"middle\">")
				.append(escape(labels.size() > 12 ? labels.get(i) : labels.get(i).replace('_', ' ')))
				.append("</text>");
		}
		svg.append("<line x1=\"").append(left).append("\" y1=\"").append(20 + barArea);
		svg.append("\" x2=\"").append(width - left).append("\" y2=\"").append(20 + barArea);
		svg.append("\" stroke=\"#888\"/></svg>");
		return svg.toString();
	}

	private static void row(StringBuilder page, String name, String value) {
		page.append("<tr><th style=\"text-align:left\">")
			.append(name)
			.append("</th><td class=\"n\">")
			.append(value)
			.append("</td></tr>");
	}

	static String yuan(long fen) {
		String sign = (fen < 0) ? "-" : "";
		long abs = Math.abs(fen);
		return sign + (abs / 100) + "." + String.format("%02d", abs % 100);
	}

	static String yuanOfMilliFen(long milliFen) {
		String sign = (milliFen < 0) ? "-" : "";
		long abs = Math.abs(milliFen);
		return sign + (abs / 100_000) + "." + String.format("%05d", abs % 100_000);
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	private interface Content {

		void write(BufferedWriter out) throws IOException;

	}

	private static void writeAtomically(Path target, Content content) throws IOException {
		Path partial = target.resolveSibling(target.getFileName() + ".part");
		try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
			content.write(out);
		}
		Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

}
