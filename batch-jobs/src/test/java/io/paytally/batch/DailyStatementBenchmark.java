package io.paytally.batch;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.wechat.pay.java.service.billdownload.DigestBillEntity;
import com.wechat.pay.java.service.billdownload.model.HashType;
import io.paytally.batch.bill.BillDownloads;
import io.paytally.batch.schedule.DailyStatementRunner;
import io.paytally.batch.support.BillFixture;
import io.paytally.batch.support.Databases;
import io.paytally.batch.support.States;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.serde.JsonSerde;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import io.paytally.schemas.topics.TopicSettings;
import io.paytally.testkit.KafkaTestBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * One merchant, one day: N bill lines against N local orders on PostgreSQL, end to end
 * (fetch, load, check, sync, reconcile, repair, statement), then PostgreSQL's own
 * {@code COPY} of the same rows into a table like {@code bill_line} (same columns and
 * indexes) in the same process, and the load-to-COPY ratio. Not part of the test suite.
 *
 * <pre>
 * ./mvnw -B -q -o -pl batch-jobs -am install -DskipTests
 * ./mvnw -B -q -o -pl batch-jobs dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -Xmx512m -cp "batch-jobs/target/test-classes:batch-jobs/target/classes:$(cat batch-jobs/target/bench.cp)" \
 *     io.paytally.batch.DailyStatementBenchmark --rows 1000000
 * </pre>
 *
 * PostgreSQL: {@code PAYTALLY_TEST_PG_URL} (default the local {@code paytally_test}). The
 * bill is generated in WeChat's exact format (gzip, SHA-1) and served to the fetch step
 * as the SDK serves a download: decompressed while it is streamed to disk and hashed.
 */
public final class DailyStatementBenchmark {

	static final String MCHID = "1900000001";

	static final LocalDate DAY = LocalDate.of(2026, 11, 21);

	static Path gzipBill;

	static String sha1;

	public static void main(String[] args) throws Exception {
		int rows = 1_000_000;
		boolean keepSchema = false;
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--rows") && i + 1 < args.length) {
				rows = Integer.parseInt(args[i + 1]);
			}
			keepSchema |= args[i].equals("--keep-schema");
		}
		Path dir = Files.createTempDirectory("daily-statement-benchmark-");
		System.out.printf("DailyStatementBenchmark: %,d bill lines, %,d local orders, max heap %d MB%n", rows, rows,
				Runtime.getRuntime().maxMemory() >> 20);
		long t0 = System.nanoTime();
		generateBill(dir, rows);
		System.out.printf("  generated the bill (%d MB gzip) in %.1f s%n", Files.size(gzipBill) >> 20,
				seconds(System.nanoTime() - t0));
		String schema = "bench_"
				+ UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
		try (Connection c = DriverManager.getConnection(Databases.PG_URL, Databases.PG_USER, Databases.PG_PASSWORD);
				Statement s = c.createStatement()) {
			s.execute("CREATE SCHEMA " + schema);
		}
		try (KafkaTestBroker broker = KafkaTestBroker.startInJvm(new TopicSettings(6, (short) 1, 1, Map.of()))) {
			t0 = System.nanoTime();
			writeOrders(broker.bootstrapServers(), rows);
			System.out.printf("  wrote %,d orders.state records in %.1f s%n", rows, seconds(System.nanoTime() - t0));
			String url = Databases.PG_URL + "?currentSchema=" + schema + "&reWriteBatchedInserts=true";
			Map<String, Object> properties = new HashMap<>();
			properties.put("spring.datasource.url", url);
			properties.put("spring.datasource.username", Databases.PG_USER);
			properties.put("spring.datasource.password", Databases.PG_PASSWORD);
			properties.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
			properties.put("paytally.batch.bill-dir", dir.resolve("bills").toString());
			properties.put("paytally.batch.report-dir", dir.resolve("reports").toString());
			properties.put("paytally.batch.chunk-size", "10000");
			properties.put("paytally.batch.kafka.max-poll-records", "20000");
			properties.put("logging.level.org.apache.kafka", "WARN");
			properties.put("logging.level.kafka", "WARN");
			try (ConfigurableApplicationContext context = BatchApplication.builder()
				.sources(BenchmarkBills.class)
				.web(WebApplicationType.NONE)
				.run(properties.entrySet()
					.stream()
					.map((e) -> "--" + e.getKey() + "=" + e.getValue())
					.toArray(String[]::new))) {
				DailyStatementRunner runner = context.getBean(DailyStatementRunner.class);
				long start = System.nanoTime();
				JobExecution execution = runner.run(MCHID, DAY, DailyStatementRunner.Mode.RUN);
				long total = System.nanoTime() - start;
				System.out.printf("%nJob %s (exit %s) end to end: %.1f s%n", execution.getStatus(),
						execution.getExitStatus().getExitCode(), seconds(total));
				long load = 0;
				for (StepExecution step : execution.getStepExecutions()) {
					long nanos = Duration.between(step.getStartTime(), step.getEndTime()).toNanos();
					if (step.getStepName().equals("loadBillStep")) {
						load = nanos;
					}
					System.out.printf("  %-22s %6.1f s  read %,10d  written %,10d  %,12.0f rows/s%n",
							step.getStepName(), seconds(nanos), step.getReadCount(), step.getWriteCount(),
							step.getReadCount() / Math.max(0.001, seconds(nanos)));
				}
				long copy = copyBaseline(url, schema, dir, rows);
				System.out.printf("%nPostgreSQL COPY of the same %,d rows into a table like bill_line: %.1f s%n", rows,
						seconds(copy));
				System.out.printf("load step / COPY = %.2f (target <= 2.00)%n", (double) load / copy);
				System.out.printf("end to end %.1f s (target < 60 s), max heap %d MB%n", seconds(total),
						Runtime.getRuntime().maxMemory() >> 20);
			}
		}
		finally {
			if (keepSchema) {
				System.out.printf("kept schema %s%n", schema);
			}
			else {
				try (Connection c = DriverManager.getConnection(Databases.PG_URL, Databases.PG_USER,
						Databases.PG_PASSWORD); Statement s = c.createStatement()) {
					s.execute("DROP SCHEMA " + schema + " CASCADE");
				}
			}
		}
	}

	static double seconds(long nanos) {
		return nanos / 1e9;
	}

	/** The bill: payments one a line, every 100th order with a refund row too. */
	static void generateBill(Path dir, int rows) throws Exception {
		gzipBill = dir.resolve("bill.csv.gz");
		MessageDigest digest = MessageDigest.getInstance("SHA-1");
		try (OutputStream file = Files.newOutputStream(gzipBill);
				GZIPOutputStream gzip = new GZIPOutputStream(file, 1 << 16);
				DigestOutputStream hashed = new DigestOutputStream(gzip, digest);
				Writer out = new BufferedWriter(new OutputStreamWriter(hashed, StandardCharsets.UTF_8), 1 << 16)) {
			out.write(BillFixture.HEADER);
			out.write('\n');
			long settled = 0;
			long fees = 0;
			long refunded = 0;
			int lines = 0;
			int refunds = rows / 100;
			int payments = rows - refunds;
			StringBuilder line = new StringBuilder(300);
			for (int i = 0; i < payments; i++) {
				long fen = fen(i);
				line.setLength(0);
				detail(line, time(i), no(i), "SUCCESS", fen, 0, null, fen * 6);
				out.append(line).append('\n');
				settled += fen;
				fees += fen * 6;
				lines++;
			}
			for (int r = 0; r < refunds; r++) {
				int i = r * 97 % payments;
				long fen = fen(i) / 2;
				line.setLength(0);
				detail(line, time(i).plusMinutes(5), no(i), "REFUND", 0, fen, "R" + no(i), -fen * 6);
				out.append(line).append('\n');
				refunded += fen;
				fees -= fen * 6;
				lines++;
			}
			out.write(BillFixture.SUMMARY_HEADER);
			out.write('\n');
			out.write("`" + lines + ",`" + BillFixture.yuan(settled) + ",`" + BillFixture.yuan(refunded) + ",`0.00,`"
					+ fee(fees) + ",`" + BillFixture.yuan(settled) + ",`" + BillFixture.yuan(refunded) + "\n");
		}
		sha1 = HexFormat.of().formatHex(digest.digest());
	}

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	static void detail(StringBuilder b, LocalDateTime time, String no, String state, long fen, long refund,
			String outRefundNo, long feeMilli) {
		b.append('`')
			.append(TIME.format(time))
			.append(",`wx0000000000demo01,`")
			.append(MCHID)
			.append(",`0,`,`4200")
			.append(no)
			.append(",`")
			.append(no)
			.append(",`oOpenid,`JSAPI,`")
			.append(state)
			.append(",`OTHERS,`CNY,`")
			.append(BillFixture.yuan(fen))
			.append(",`0.00,`")
			.append((outRefundNo != null) ? "5030" + no : "0")
			.append(",`")
			.append((outRefundNo != null) ? outRefundNo : "0")
			.append(",`")
			.append(BillFixture.yuan(refund))
			.append(",`0.00,`")
			.append((outRefundNo != null) ? "ORIGINAL" : "")
			.append(",`")
			.append((outRefundNo != null) ? "SUCCESS" : "")
			.append(",`Goods,`,`")
			.append(fee(feeMilli))
			.append(",`0.60%,`")
			.append(BillFixture.yuan(fen))
			.append(",`")
			.append(BillFixture.yuan(refund))
			.append(",`");
	}

	static String fee(long milliFen) {
		String sign = (milliFen < 0) ? "-" : "";
		long abs = Math.abs(milliFen);
		return sign + (abs / 100_000) + "." + String.format("%05d", abs % 100_000);
	}

	static long fen(int i) {
		return 100 + (i % 9973);
	}

	static String no(int i) {
		return String.format("BENCH%010d", i);
	}

	static LocalDateTime time(int i) {
		return DAY.atStartOfDay().plusSeconds(i % 86_000);
	}

	/**
	 * The local side: every paid order of the bill, the refunds the bill has, and a
	 * thousand differences (unpaid, other amounts) among them.
	 */
	static void writeOrders(String bootstrap, int rows) {
		JsonSerde<OrderPaymentState> serde = Serdes.orderPaymentState();
		int refunds = rows / 100;
		int payments = rows - refunds;
		Map<Integer, Long> refunded = new HashMap<>();
		for (int r = 0; r < refunds; r++) {
			refunded.put(r * 97 % payments, fen(r * 97 % payments) / 2);
		}
		String topic = Topic.ORDER_STATE.topicName();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20,
						ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
						ProducerConfig.ACKS_CONFIG, "1"),
				new StringSerializer(), new ByteArraySerializer())) {
			for (int i = 0; i < rows; i++) {
				OrderPaymentState state;
				if (i < payments) {
					long fen = fen(i);
					Long refund = refunded.get(i);
					if (i % 1000 == 7) {
						state = States.pendingOrder(MCHID, no(i), fen, time(i));
					}
					else if (refund != null) {
						state = States.paidOrder(MCHID, no(i), no(i), fen, time(i),
								States.refund("R" + no(i), refund, time(i).plusMinutes(5)));
					}
					else {
						state = States.paidOrder(MCHID, no(i), no(i), (i % 1000 == 9) ? fen + 1 : fen, time(i));
					}
				}
				else {
					// paid locally, never at WeChat
					state = States.paidOrder(MCHID, "LOCAL" + i, "LOCAL" + i, 500, time(i));
				}
				producer.send(new ProducerRecord<>(topic, state.key(), serde.serialize(topic, state)));
			}
			producer.flush();
		}
	}

	/**
	 * COPY of the bill's rows (prepared as COPY text beforehand) into a copy of
	 * bill_line.
	 */
	static long copyBaseline(String url, String schema, Path dir, int rows) throws Exception {
		Path text = dir.resolve("bill_line.copy");
		try (Connection c = DriverManager.getConnection(url, Databases.PG_USER, Databases.PG_PASSWORD);
				Statement s = c.createStatement()) {
			s.execute("CREATE TABLE bill_line_copy (LIKE bill_line INCLUDING ALL)");
			try (Writer out = Files.newBufferedWriter(text)) {
				((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI()
					.copyOut("COPY (SELECT * FROM bill_line WHERE mchid = '" + MCHID + "') TO STDOUT", out);
			}
			long start = System.nanoTime();
			try (Reader in = Files.newBufferedReader(text)) {
				((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI().copyIn("COPY bill_line_copy FROM STDIN", in);
			}
			return System.nanoTime() - start;
		}
	}

	/**
	 * Serves the generated bill as the SDK does: gunzipped while read, SHA-1 checked
	 * after.
	 */
	// registered as a source, not a @Configuration: component scanning must not find it
	static class BenchmarkBills {

		@Bean
		@Primary
		BillDownloads benchmarkBillDownloads() {
			return (mchid, billDate) -> {
				try {
					InputStream in = new GZIPInputStream(Files.newInputStream(gzipBill), 1 << 16);
					return new DigestBillEntity(in, sha1, HashType.SHA1);
				}
				catch (java.io.IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			};
		}

		@Bean
		@Primary
		Clock benchmarkClock() {
			return Clock.fixed(Instant.parse("2027-06-01T06:00:00Z"), ZoneOffset.UTC);
		}

	}

}
