package io.paytally.batch.bill;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import io.paytally.batch.internal.JobDay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load step's reader on a bill file: line numbers of the file, blank lines passed
 * over, the bill's parts told apart, and a restart that continues after the lines a
 * committed chunk read, in the part of the bill where it stopped.
 */
class BillFileReaderTest {

	private static final String MCHID = "1900000001";

	private static final LocalDate DAY = LocalDate.of(2026, 3, 1);

	private static final String BILL = """
			\uFEFF交易时间,公众账号ID,商户号
			`2026-03-01 09:15:02,`wx0000000000demo01,`1900000001

			`2026-03-01 10:02:44,`wx0000000000demo01,`1900000001
			总交易单数,应结订单总金额,退款总金额
			`2,`20.50,`0.00


			""";

	@TempDir
	Path dir;

	private JdbcTemplate jdbc;

	@BeforeEach
	void billFetched() throws Exception {
		this.jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:bill" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", ""));
		this.jdbc.execute("CREATE TABLE bill_file (mchid VARCHAR(32), bill_date DATE, status VARCHAR(8),"
				+ " file_path VARCHAR(1000), sha1 VARCHAR(40), size_bytes BIGINT, fetched_at TIMESTAMP)");
		for (String table : new String[] { "bill_line", "bill_summary", "bill_reject" }) {
			this.jdbc.execute("CREATE TABLE " + table + " (mchid VARCHAR(32), bill_date DATE)");
		}
		Path file = this.dir.resolve("bill.csv");
		Files.writeString(file, BILL.replace("\n", "\r\n"), StandardCharsets.UTF_8);
		new BillFile(MCHID, DAY, BillFile.READY, file, "0".repeat(40), Files.size(file)).save(this.jdbc,
				LocalDateTime.of(2026, 3, 2, 10, 0));
	}

	@Test
	void readsEveryLineWithItsNumberInTheFileAndItsPartOfTheBill() throws Exception {
		BillFileReader reader = reader();
		reader.open(new ExecutionContext());
		assertThat(readAll(reader)).containsExactly("1 HEADER \uFEFF交易时间,公众账号ID,商户号",
				"2 DETAIL `2026-03-01 09:15:02,`wx0000000000demo01,`1900000001",
				"4 DETAIL `2026-03-01 10:02:44,`wx0000000000demo01,`1900000001", "5 SUMMARY_HEADER 总交易单数,应结订单总金额,退款总金额",
				"6 SUMMARY `2,`20.50,`0.00");
		reader.close();
	}

	@Test
	void restartContinuesAfterTheCommittedLinesInThePartOfTheBillWhereItStopped() throws Exception {
		BillFileReader first = reader();
		ExecutionContext context = new ExecutionContext();
		first.open(context);
		for (int i = 0; i < 4; i++) {
			first.read();
		}
		first.update(context);
		first.close();
		this.jdbc.update("INSERT INTO bill_line (mchid, bill_date) VALUES (?, ?)", MCHID, DAY);

		BillFileReader restarted = reader();
		restarted.open(context);
		assertThat(readAll(restarted)).containsExactly("6 SUMMARY `2,`20.50,`0.00");
		restarted.close();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM bill_line", Long.class)).isEqualTo(1);
	}

	@Test
	void freshStartClearsWhatAnEarlierRunLoadedForTheDay() throws Exception {
		this.jdbc.update("INSERT INTO bill_line (mchid, bill_date) VALUES (?, ?)", MCHID, DAY);
		this.jdbc.update("INSERT INTO bill_line (mchid, bill_date) VALUES (?, ?)", "1900000002", DAY);
		BillFileReader reader = reader();
		reader.open(new ExecutionContext());
		reader.close();
		assertThat(this.jdbc.queryForList("SELECT mchid FROM bill_line", String.class)).containsExactly("1900000002");
	}

	private BillFileReader reader() {
		BillFileReader reader = new BillFileReader(this.jdbc);
		reader.beforeStep(MetaDataInstanceFactory.createStepExecution(new JobDay(MCHID, DAY, 1).toJobParameters()));
		return reader;
	}

	private static List<String> readAll(BillFileReader reader) throws Exception {
		List<String> lines = new ArrayList<>();
		BillLine line;
		while ((line = reader.read()) != null) {
			lines.add(line.lineNo() + " " + line.kind() + " " + line.text());
		}
		return lines;
	}

}
