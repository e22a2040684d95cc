package io.paytally.stream.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.springframework.util.FileSystemUtils;

import io.paytally.stream.expiry.ExpiryIndex;
import io.paytally.stream.expiry.ExpiryIndexKey;
import io.paytally.stream.expiry.ExpiryPunctuator;

/**
 * The cost of the expiry punctuation against the number of open orders: the real
 * {@link ExpiryPunctuator} over the real {@code expiry-index} RocksDB store (with the
 * record cache in front, as in the topology), filled with {@code --open} (1,000,000) open
 * orders, against a baseline of {@code --baseline} (1,000) in the same run: the median
 * and p99 of punctuations with nothing due, then how late {@code --due} (1,000) orders
 * expiring together are handed to the state machine with a 1 s punctuation.
 *
 * <pre>
 * ./mvnw -B -o -pl stream-app test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *   -Dexec.classpathScope=test -Dexec.mainClass=io.paytally.stream.benchmark.ExpiryBenchmark \
 *   -Dexec.args="--open 1000000"
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
		int punctuations = (int) args.get("punctuations", 200);

		Result small = run(baseline, Math.min(due, baseline), punctuations);
		Result large = run(open, due, punctuations);
		System.out.printf("%nExpiry punctuation over the expiry-index RocksDB store (1 s wall-clock punctuation)%n");
		print(small);
		print(large);
		System.out.printf("  ratio of the median nothing-due punctuation, %,d vs %,d open orders: %.2f%n", open,
				baseline, (double) large.idleMedian / Math.max(1, small.idleMedian));
	}

	static void print(Result r) {
		System.out.printf(
				"  %,9d open orders (filled in %.1f s): nothing due: median %.1f µs, p99 %.1f µs, max %.1f µs; "
						+ "%,d due at once: one punctuation of %.1f ms, handed over at most %d ms after their expiry%n",
				r.open, r.fillSeconds, r.idleMedian / 1e3, r.idleP99 / 1e3, r.idleMax / 1e3, r.due, r.dueNanos / 1e6,
				r.maxLagMillis);
	}

	static Result run(int open, int due, int punctuations) throws Exception {
		Path dir = Files.createTempDirectory("paytally-expiry-bench");
		try {
			Properties props = new Properties();
			props.put(StreamsConfig.APPLICATION_ID_CONFIG, "expiry-bench");
			props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
			MockProcessorContext<Object, Object> context = new MockProcessorContext<>(props, new TaskId(0, 0),
					dir.toFile());
			KeyValueStore<Bytes, byte[]> store = Stores
				.keyValueStoreBuilder(Stores.persistentKeyValueStore("expiry-index"), Serdes.Bytes(),
						Serdes.ByteArray())
				.withLoggingDisabled()
				.build();
			store.init(context.getStateStoreContext(), store);
			try {
				ExpiryIndex index = new ExpiryIndex(store);
				Instant dueAt = START.plusMillis(60_500);
				long fillStart = System.nanoTime();
				for (int i = 0; i < open; i++) {
					Instant expireAt = (i < due) ? dueAt : START.plus(Duration.ofDays(1)).plusMillis(i % 86_400_000);
					index.move("1900000001@PT1900000001" + i, null, expireAt);
				}
				store.flush();
				double fillSeconds = (System.nanoTime() - fillStart) / 1e9;

				List<Long> idle = new ArrayList<>();
				long[] lastTotal = new long[1];
				List<Instant> handedAt = new ArrayList<>();
				List<Instant> expiredAt = new ArrayList<>();
				ExpiryPunctuator punctuator = new ExpiryPunctuator(index, 10_000, (entry, now) -> {
					expiredAt.add(entry.dueAt());
					handedAt.add(now);
					index.remove(entry);
				}, (count, scanNanos, totalNanos) -> lastTotal[0] = totalNanos);
				Instant now = START;
				for (int i = 0; i < punctuations; i++) {
					now = START.plusMillis(i * 250L);
					punctuator.punctuate(now.toEpochMilli());
					if (i >= 10) {
						idle.add(lastTotal[0]);
					}
				}
				long dueNanos = 0;
				for (int second = 60; second <= 63; second++) {
					punctuator.punctuate(START.plusSeconds(second).toEpochMilli());
					dueNanos = Math.max(dueNanos, lastTotal[0]);
				}
				long maxLag = 0;
				for (int i = 0; i < handedAt.size(); i++) {
					maxLag = Math.max(maxLag, Duration.between(expiredAt.get(i), handedAt.get(i)).toMillis());
				}
				if (handedAt.size() != due) {
					throw new IllegalStateException("handed over " + handedAt.size() + " of " + due);
				}
				Collections.sort(idle);
				return new Result(open, fillSeconds, percentile(idle, 50), percentile(idle, 99),
						idle.get(idle.size() - 1), due, dueNanos, maxLag);
			}
			finally {
				store.close();
			}
		}
		finally {
			FileSystemUtils.deleteRecursively(dir.toFile());
		}
	}

	static long percentile(List<Long> sorted, int p) {
		return sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
	}

	record Result(int open, double fillSeconds, long idleMedian, long idleP99, long idleMax, int due, long dueNanos,
			long maxLagMillis) {

	}

}
