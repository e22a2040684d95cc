package io.paytally.stream.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.springframework.util.FileSystemUtils;

import io.paytally.schemas.ExpiryCheck;
import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import io.paytally.stream.expiry.PunctuationListener;
import io.paytally.stream.internal.StreamsConfigs;
import io.paytally.stream.topology.PaymentTopology;
import io.paytally.stream.topology.TopologySettings;

/**
 * The cost of the expiry punctuation against the number of open orders, on the real
 * topology and RocksDB stores (TopologyTestDriver, wall clock driven here): a punctuation
 * with nothing due, with {@code --baseline} (1,000) and then {@code --open} (1,000,000)
 * open orders, and how late 1,000 orders expiring together are checked.
 *
 * <pre>
 * ./mvnw -B -o -pl stream-app test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.paytally.stream.benchmark.ExpiryBenchmark -Dexec.args="--open 1000000"
 * </pre>
 */
public final class ExpiryBenchmark {

	static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

	private ExpiryBenchmark() {
	}

	public static void main(String[] argv) throws Exception {
		Args args = new Args(argv);
		int baseline = (int) args.get("baseline", 1_000);
		int open = (int) args.get("open", 1_000_000);
		int due = (int) args.get("due", 1_000);
		int punctuations = (int) args.get("punctuations", 50);

		Result small = run(baseline, 0, punctuations);
		Result large = run(open, due, punctuations);
		System.out.printf("%nExpiry punctuation (RocksDB, %s punctuate interval)%n", "1s");
		System.out.printf("  %,10d open orders, nothing due: scan median %s, p99 %s; whole punctuation median %s%n",
				baseline, us(small.scanMedian), us(small.scanP99), us(small.totalMedian));
		System.out.printf("  %,10d open orders, nothing due: scan median %s, p99 %s; whole punctuation median %s%n",
				open, us(large.scanMedian), us(large.scanP99), us(large.totalMedian));
		System.out.printf("  ratio (large/baseline) of the median scan: %.2f%n",
				(double) large.scanMedian / Math.max(1, small.scanMedian));
		System.out.printf(
				"  %,d orders due at once among %,d: handled in %s by one punctuation; "
						+ "checked at most %d ms after their expiry (wall clock advanced in 1 s steps)%n",
				due, open, us(large.dueTotal), large.maxLagMillis);
	}

	static Result run(int open, int due, int punctuations) throws Exception {
		Path dir = Files.createTempDirectory("paytally-expiry-bench");
		List<Long> scans = new ArrayList<>();
		List<Long> totals = new ArrayList<>();
		long[] dueTotal = new long[1];
		boolean[] measuring = new boolean[1];
		PunctuationListener listener = (count, scanNanos, totalNanos) -> {
			if (count == 0 && measuring[0]) {
				scans.add(scanNanos);
				totals.add(totalNanos);
			}
			if (count > 0) {
				dueTotal[0] = Math.max(dueTotal[0], totalNanos);
			}
		};
		Properties props = StreamsConfigs.properties("expiry-bench", "dummy:9092", dir.toString(), null,
				Duration.ofMillis(100), 1, 1);
		long maxLag = 0;
		try (TopologyTestDriver driver = new TopologyTestDriver(
				PaymentTopology.build(TopologySettings.DEFAULTS.withPunctuationListener(listener)), props, START)) {
			TestInputTopic<String, OrderEvent> events = driver.createInputTopic(Topic.ORDER_EVENTS.topicName(),
					new StringSerializer(), Serdes.orderEvent());
			TestOutputTopic<byte[], byte[]> states = driver.createOutputTopic(Topic.ORDER_STATE.topicName(),
					new ByteArrayDeserializer(), new ByteArrayDeserializer());
			TestOutputTopic<byte[], byte[]> stats = driver.createOutputTopic(Topic.STATS.topicName(),
					new ByteArrayDeserializer(), new ByteArrayDeserializer());
			TestOutputTopic<String, ExpiryCheck> checks = driver.createOutputTopic(Topic.EXPIRY_CHECKS.topicName(),
					new StringDeserializer(), Serdes.expiryCheck());
			long fillStart = System.nanoTime();
			Instant farAway = START.plus(Duration.ofDays(1));
			Instant dueAt = START.plusMillis(30_500);
			for (int i = 0; i < open; i++) {
				String no = "O" + i;
				Instant expireAt = (i < due) ? dueAt : farAway.plusMillis(i);
				events.pipeInput(new TestRecord<>(no,
						OrderEvent.created("1900000001", no, "SO-" + i, 100, "bench", START, expireAt), START));
				if (i % 10_000 == 9_999) {
					states.readRecordsToList();
					stats.readRecordsToList();
				}
			}
			states.readRecordsToList();
			stats.readRecordsToList();
			System.out.printf("filled %,d open orders in %.1f s%n", open, (System.nanoTime() - fillStart) / 1e9);
			measuring[0] = true;
			for (int i = 0; i < Math.min(punctuations, 25); i++) {
				driver.advanceWallClockTime(Duration.ofSeconds(1));
			}
			measuring[0] = false;
			if (due > 0) {
				for (int i = 0; i < 6; i++) {
					driver.advanceWallClockTime(Duration.ofSeconds(1));
				}
				for (var check : checks.readValuesToList()) {
					maxLag = Math.max(maxLag, Duration.between(check.expireAt(), check.requestedAt()).toMillis());
				}
			}
		}
		finally {
			FileSystemUtils.deleteRecursively(dir.toFile());
		}
		Collections.sort(scans);
		Collections.sort(totals);
		return new Result(percentile(scans, 50), percentile(scans, 99), percentile(totals, 50), dueTotal[0], maxLag);
	}

	static long percentile(List<Long> sorted, int p) {
		if (sorted.isEmpty()) {
			return 0;
		}
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
	}

	static String us(long nanos) {
		return String.format("%.1f µs", nanos / 1000.0);
	}

	record Result(long scanMedian, long scanP99, long totalMedian, long dueTotal, long maxLagMillis) {

	}

}
