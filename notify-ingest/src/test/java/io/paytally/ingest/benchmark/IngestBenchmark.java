package io.paytally.ingest.benchmark;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.sun.management.OperatingSystemMXBean;
import io.paytally.ingest.NotifyIngestApplication;
import io.paytally.ingest.support.IngestApp;
import io.paytally.ingest.support.WechatPayFixture;
import io.paytally.ingest.support.WechatPayFixture.Callback;
import io.paytally.schemas.topics.Topic;
import io.paytally.testkit.KafkaTestBroker;
import io.paytally.testkit.KeepAliveConnection;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Load benchmark (not a test): valid, distinct, signed callbacks posted over HTTP/1.1
 * keep-alive by concurrent clients (one connection each, requests built before the clock
 * starts) to the real app with the in-JVM broker, next to a baseline in the same process:
 * the same server answering a trivial endpoint that reads the same body. Prints
 * throughput, latency percentiles and the ratio.
 *
 * <pre>
 * ./mvnw -B -o -pl notify-ingest -Pbenchmark test-compile exec:java -Dexec.args="20000 32"
 * </pre>
 *
 * Arguments: callbacks per run (default 20000), concurrent clients (default 32). System
 * properties named {@code paytally.*}, {@code server.*} or {@code spring.*} override the
 * application's settings, e.g. {@code -Dpaytally.ingest.producer.linger=5ms}.
 */
public final class IngestBenchmark {

	private static final OperatingSystemMXBean PROCESS = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	/**
	 * Rounds of warm-up, until the JIT has compiled both paths (it no longer shows in a
	 * profile).
	 */
	private static final int WARMUP_ROUNDS = 5;

	private IngestBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int count = (args.length > 0) ? Integer.parseInt(args[0]) : 20_000;
		int clients = (args.length > 1) ? Integer.parseInt(args[1]) : 32;
		int warmup = Math.max(200, count / 5);
		KafkaTestBroker broker = KafkaTestBroker.startInJvm();
		WechatPayFixture wechat = new WechatPayFixture();
		SpringApplicationBuilder builder = NotifyIngestApplication.application()
			.initializers((context) -> ((GenericApplicationContext) context).registerBean("trivialEndpoint",
					RouterFunction.class, IngestBenchmark::trivialEndpoint));
		List<String> properties = new ArrayList<>(wechat.merchantProperties(0));
		properties.add("--logging.level.io.paytally.ingest.callback.V3CallbackController="
				+ System.getProperty("benchmark.acceptedLogLevel", "INFO"));
		System.getProperties()
			.stringPropertyNames()
			.stream()
			.filter((name) -> name.startsWith("paytally.") || name.startsWith("server.") || name.startsWith("spring."))
			.forEach((name) -> properties.add("--" + name + "=" + System.getProperty(name)));
		IngestApp app = IngestApp.start(builder, broker.bootstrapServers(), properties);
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			System.out.printf(Locale.ROOT, "Signing %d + %d distinct callbacks...%n", warmup, count);
			List<Callback> warmupCallbacks = callbacks(wechat, "WARM", warmup);
			List<Callback> measured = callbacks(wechat, "BENCH", count);
			URI notify = app.uri("/wechatpay/v3/notify/" + WechatPayFixture.MCHID);
			URI trivial = app.uri("/benchmark/trivial");

			for (int round = 1; round <= WARMUP_ROUNDS; round++) {
				run("warm-up ingest " + round, pool, clients, notify, warmupCallbacks);
				run("warm-up trivial " + round, pool, clients, trivial, warmupCallbacks);
			}
			Result baseline = run("trivial endpoint", pool, clients, trivial, measured);
			Result ingest = run("verified callbacks", pool, clients, notify, measured);
			Result baseline2 = run("trivial endpoint (again)", pool, clients, trivial, measured);

			int written = broker.readAll(Topic.PAYMENT_NOTIFICATIONS, warmup + count, Duration.ofSeconds(120)).size();
			double baselineRate = Math.max(baseline.perSecond(), baseline2.perSecond());
			System.out.printf(Locale.ROOT, "%nclients=%d callbacks=%d cores=%d%n", clients, count,
					Runtime.getRuntime().availableProcessors());
			System.out.println(baseline);
			System.out.println(ingest);
			System.out.println(baseline2);
			System.out.printf(Locale.ROOT, "ratio verified/trivial = %.2f (best trivial %.0f/s)%n",
					ingest.perSecond() / baselineRate, baselineRate);
			System.out.printf(Locale.ROOT, "records on %s: %d (expected %d)%n", Topic.PAYMENT_NOTIFICATIONS.topicName(),
					written, warmup + count);
		}
		finally {
			pool.shutdownNow();
			app.close();
			broker.close();
		}
		System.exit(0);
	}

	private static RouterFunction<ServerResponse> trivialEndpoint() {
		return RouterFunctions.route(RequestPredicates.POST("/benchmark/trivial"), (request) -> {
			request.servletRequest().getInputStream().readAllBytes();
			return ServerResponse.ok()
				.header("Content-Type", "application/json")
				.body("{\"code\":\"SUCCESS\",\"message\":\"OK\"}");
		});
	}

	private static List<Callback> callbacks(WechatPayFixture wechat, String prefix, int count) {
		return IntStream.range(0, count)
			.parallel()
			.mapToObj((i) -> wechat.paymentCallback(String.format("%s%010d", prefix, i), 100 + i % 10_000))
			.toList();
	}

	private static Result run(String name, ExecutorService pool, int clients, URI uri, List<Callback> callbacks)
			throws Exception {
		List<byte[]> requests = callbacks.stream()
			.map((callback) -> KeepAliveConnection.post(uri, callback.headers(), callback.body()))
			.toList();
		long[] latencies = new long[requests.size()];
		AtomicInteger next = new AtomicInteger();
		AtomicInteger failures = new AtomicInteger();
		List<KeepAliveConnection> connections = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			connections.add(new KeepAliveConnection(uri));
		}
		long cpuStart = PROCESS.getProcessCpuTime();
		long start = System.nanoTime();
		List<Future<?>> workers = new ArrayList<>();
		for (KeepAliveConnection connection : connections) {
			workers.add(pool.submit(() -> {
				try (connection) {
					for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
						long sent = System.nanoTime();
						if (connection.exchange(requests.get(i)) != 200) {
							failures.incrementAndGet();
						}
						latencies[i] = System.nanoTime() - sent;
					}
				}
				return null;
			}));
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		long elapsed = System.nanoTime() - start;
		long cpu = PROCESS.getProcessCpuTime() - cpuStart;
		Arrays.sort(latencies);
		Result result = new Result(name, requests.size(), failures.get(), elapsed, cpu, latencies);
		System.out.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + result);
		return result;
	}

	private record Result(String name, int requests, int failures, long elapsedNanos, long cpuNanos,
			long[] sortedLatencies) {

		double perSecond() {
			return this.requests / (this.elapsedNanos / 1e9);
		}

		double percentileMillis(double p) {
			int index = (int) Math.min(this.sortedLatencies.length - 1,
					Math.ceil(p / 100.0 * this.sortedLatencies.length) - 1);
			return this.sortedLatencies[Math.max(index, 0)] / 1e6;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"%-26s %7d requests in %6.2f s = %8.0f/s  p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  max %7.2f ms"
							+ "  cpu %5.0f us/request  non-200 %d",
					this.name, this.requests, this.elapsedNanos / 1e9, perSecond(), percentileMillis(50),
					percentileMillis(95), percentileMillis(99), percentileMillis(100),
					this.cpuNanos / 1e3 / this.requests, this.failures);
		}

	}

}
