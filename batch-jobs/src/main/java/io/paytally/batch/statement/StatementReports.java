package io.paytally.batch.statement;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.DifferenceClass;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Writes a statement for people: {@code differences.csv} (one line per difference, both
 * sides' values, through Apache Commons CSV) and {@code statement.html}, a single
 * self-contained page in Simplified Chinese and English rendered by JMustache from
 * {@code templates/statement/}: totals, differences by class with the suggested action,
 * inline SVG charts (differences by class, bill amount by hour) and every difference,
 * grouped by class. Both are written to a {@code .part} file and moved into place.
 */
final class StatementReports {

	private static final String TEMPLATES = "templates/statement/";

	private final JdbcTemplate jdbc;

	private final Path reportDir;

	private final Template page;

	StatementReports(JdbcTemplate jdbc, Path reportDir) {
		this.jdbc = jdbc;
		this.reportDir = reportDir;
		Mustache.Compiler compiler = Mustache.compiler()
			.nullValue("")
			.withLoader((name) -> template(name + ".mustache"));
		try (Reader reader = template("statement.html.mustache")) {
			this.page = compiler.compile(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
		writeAtomically(html, (out) -> writeHtml(statement, hours, out));
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

	private void writeHtml(DailyStatement s, long[] hours, BufferedWriter out) {
		List<Stream<Difference>> opened = new ArrayList<>();
		try {
			this.page.execute(StatementPage.of(s, hours, (differenceClass) -> {
				Stream<Difference> rows = differences(s, differenceClass);
				opened.add(rows);
				return rows.iterator();
			}), out);
		}
		finally {
			opened.forEach(Stream::close);
		}
	}

	private Stream<Difference> differences(DailyStatement s, DifferenceClass differenceClass) {
		return this.jdbc.queryForStream(
				"SELECT " + Difference.COLUMNS + " FROM recon_difference WHERE mchid = ? AND bill_date = ?"
						+ " AND difference_class = ? ORDER BY out_trade_no, out_refund_no",
				Difference.MAPPER, s.mchid(), s.billDate(), differenceClass.name());
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

	private static Reader template(String name) throws IOException {
		return new InputStreamReader(new ClassPathResource(TEMPLATES + name).getInputStream(), StandardCharsets.UTF_8);
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
