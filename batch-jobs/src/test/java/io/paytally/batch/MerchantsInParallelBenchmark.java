package io.paytally.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.billdownload.DigestBillEntity;
import io.paytally.batch.bill.BillDownloads;
import io.paytally.batch.schedule.DailyStatementRunner;
import io.paytally.batch.schedule.MerchantsDay;
import io.paytally.batch.support.BillFixture;
import io.paytally.batch.support.Databases;
import io.paytally.batch.support.KafkaTopics;
import io.paytally.batch.support.States;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.topics.TopicSettings;
import io.paytally.testkit.KafkaTestBroker;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The wall time of a day of N merchants (R bill lines and R local orders each) run one
 * after another ({@code dailyStatement} per merchant) and in parallel
 * ({@code dailyStatements}, {@code merchant-concurrency} C), on PostgreSQL (or H2 with
 * {@code --h2}). Both runs do the same work on two different days; the snapshot is synced
 * once before either, so neither pays for the other's sync. Prints the figures; asserts
 * nothing. Not part of the test suite.
 *
 * <pre>
 * ./mvnw -B -q -pl batch-jobs -am install -DskipTests
 * ./mvnw -B -q -pl batch-jobs dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -Xmx1g -cp "batch-jobs/target/test-classes:batch-jobs/target/classes:$(cat batch-jobs/target/bench.cp)" \
 *     io.paytally.batch.MerchantsInParallelBenchmark --merchants 8 --rows 20000 --concurrency 4 [--h2]
 * </pre>
 */
public final class MerchantsInParallelBenchmark {

	static final Map<String, BillFixture> BILLS = new ConcurrentHashMap<>();

	public static void main(String[] args) throws Exception {
		int merchants = 8;
		int rows = 20_000;
		int concurrency = 4;
		boolean h2 = false;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--merchants" -> merchants = Integer.parseInt(args[++i]);
				case "--rows" -> rows = Integer.parseInt(args[++i]);
				case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
				case "--h2" -> h2 = true;
				default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
			}
		}
		LocalDate warmUp = LocalDate.of(2026, 11, 1);
		LocalDate oneAfterAnother = LocalDate.of(2026, 11, 2);
		LocalDate inParallel = LocalDate.of(2026, 11, 3);
		List<String> mchids = new ArrayList<>();
		for (int m = 0; m < merchants; m++) {
			mchids.add(String.valueOf(1_900_100_000L + m));
		}
		System.out.printf(
				"MerchantsInParallelBenchmark: %d merchants x %,d bill lines and local orders, "
						+ "concurrency %d, %s, %d cores, load average %s%n",
				merchants, rows, concurrency, h2 ? "H2" : "PostgreSQL", Runtime.getRuntime().availableProcessors(),
				loadAverage());
		Map<String, String> database = h2 ? Databases.h2() : Databases.postgres();
		Path dir = Files.createTempDirectory("merchants-in-parallel-benchmark-");
		try (KafkaTestBroker broker = KafkaTestBroker.startInJvm(new TopicSettings(6, (short) 1, 1, Map.of()))) {
			KafkaTopics topics = new KafkaTopics(broker.bootstrapServers());
			for (LocalDate day : List.of(oneAfterAnother, inParallel)) {
				for (String mchid : mchids) {
					BillFixture bill = new BillFixture(mchid);
					List<OrderPaymentState> states = new ArrayList<>(rows);
					for (int i = 0; i < rows; i++) {
						String no = "BM" + day.getDayOfMonth() + "-" + i;
						long fen = 100 + (i % 5000);
						bill.payment(day.atTime(8 + i % 14, i % 60), no, fen);
						// one order in a hundred unknown locally: a difference to report
						if (i % 100 != 7) {
							states.add(States.paidOrder(mchid, no, no, fen, day.atTime(8 + i % 14, i % 60)));
						}
					}
					BILLS.put(mchid + "/" + day, bill);
					topics.writeStates(states);
				}
			}
			Map<String, Object> properties = new HashMap<>(database);
			properties.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
			properties.put("paytally.batch.bill-dir", dir.resolve("bills").toString());
			properties.put("paytally.batch.report-dir", dir.resolve("reports").toString());
			properties.put("paytally.batch.merchant-concurrency", String.valueOf(concurrency));
			properties.put("paytally.batch.repairs-enabled", "false");
			properties.put("logging.level.org.apache.kafka", "WARN");
			properties.put("logging.level.kafka", "WARN");
			properties.put("logging.level.io.paytally", "WARN");
			properties.put("logging.level.org.springframework.batch", "WARN");
			try (ConfigurableApplicationContext context = BatchApplication.builder()
				.sources(BenchmarkBills.class)
				.web(WebApplicationType.NONE)
				.run(properties.entrySet()
					.stream()
					.map((e) -> "--" + e.getKey() + "=" + e.getValue())
					.toArray(String[]::new))) {
				DailyStatementRunner runner = context.getBean(DailyStatementRunner.class);
				long t0 = System.nanoTime();
				runner.run("1900099999", warmUp, DailyStatementRunner.Mode.RUN);
				System.out.printf("  snapshot synced (%,d orders) in %.1f s%n", 2L * merchants * rows,
						seconds(System.nanoTime() - t0));
				long slowest = 0;
				t0 = System.nanoTime();
				for (String mchid : mchids) {
					long m0 = System.nanoTime();
					JobExecution execution = runner.run(mchid, oneAfterAnother, DailyStatementRunner.Mode.RUN);
					slowest = Math.max(slowest, System.nanoTime() - m0);
					check(mchid, execution.getExitStatus().getExitCode());
				}
				long sequential = System.nanoTime() - t0;
				System.out.printf("  one after another: %.1f s (slowest merchant %.1f s), load average %s%n",
						seconds(sequential), seconds(slowest), loadAverage());
				t0 = System.nanoTime();
				MerchantsDay day = runner.runMerchants(inParallel, mchids, DailyStatementRunner.Mode.RUN);
				long parallel = System.nanoTime() - t0;
				day.merchants().forEach((m) -> check(m.mchid(), m.exitStatus()));
				System.out.printf("  in parallel:       %.1f s, load average %s%n", seconds(parallel), loadAverage());
				System.out.printf(
						"%n%d merchants x %,d lines: one after another %.1f s, in parallel (%d at a time)"
								+ " %.1f s, %.2fx%n",
						merchants, rows, seconds(sequential), concurrency, seconds(parallel),
						(double) sequential / parallel);
			}
		}
		finally {
			String schema = database.get("spring.flyway.schemas");
			if (schema != null) {
				try (Connection c = DriverManager.getConnection(Databases.PG_URL, Databases.PG_USER,
						Databases.PG_PASSWORD); Statement s = c.createStatement()) {
					s.execute("DROP SCHEMA " + schema + " CASCADE");
				}
			}
		}
	}

	static void check(String mchid, String exitCode) {
		if (!"COMPLETED".equals(exitCode)) {
			throw new IllegalStateException("The statement of " + mchid + " ended " + exitCode);
		}
	}

	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
		}
		catch (Exception ex) {
			return "?";
		}
	}

	static double seconds(long nanos) {
		return nanos / 1e9;
	}

	/** Bills from memory, served as the SDK serves them; a fixed clock. */
	static class BenchmarkBills {

		@Bean
		@Primary
		BillDownloads benchmarkBillDownloads() {
			return (mchid, billDate) -> {
				BillFixture bill = BILLS.get(mchid + "/" + billDate);
				if (bill == null) {
					throw new ServiceException(null, 400, "{\"code\":\"NO_STATEMENT_EXIST\",\"message\":\"none\"}");
				}
				DigestBillEntity entity = bill.entity();
				return entity;
			};
		}

		@Bean
		@Primary
		Clock fixedClock() {
			return Clock.fixed(Instant.parse("2027-06-01T06:00:00Z"), ZoneOffset.UTC);
		}

	}

}
