package io.paytally.ingest.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.sun.management.OperatingSystemMXBean;
import io.paytally.ingest.NotifyIngestApplication;
import io.paytally.ingest.support.IngestApp;
import io.paytally.ingest.support.WechatPayFixture;
import io.paytally.ingest.support.WechatPayFixture.Callback;
import io.paytally.schemas.MerchantKey;
import io.paytally.schemas.topics.Topic;
import io.paytally.testkit.KafkaTestBroker;
import io.paytally.testkit.KeepAliveConnection;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Load benchmark (not a test): valid, distinct, signed callbacks posted over HTTP/1.1
 * keep-alive by concurrent clients (one connection each, requests built before the clock
 * starts) to the real app with the in-JVM broker, next to a baseline in the same process:
 * the same server answering trivial endpoints that read the same body: one through Spring
 * MVC (a router function), one a plain servlet like the callback endpoint; the ratio is
 * printed against each and against the cheaper. A third endpoint, a plain servlet that
 * only writes a fixed record of a notification's size with the app's producer and waits
 * for the acknowledgement, shows the floor the servlet stack and the broker set. Prints
 * throughput, latency percentiles, CPU per request and the ratios.
 *
 * <pre>
 * ./mvnw -B -o -pl notify-ingest -Pbenchmark test-compile exec:java -Dexec.args="20000 32"
 * </pre>
 *
 * Arguments: callbacks per run (default 20000), concurrent clients (default 32). With
 * {@code -Dbenchmark.flood=N} it measures instead the genuine callbacks alone, then while
 * N more clients flood the same endpoint with forged callbacks (a genuine callback's body
 * and headers with a random signature: the dearest refusal, up to the RSA check), then
 * alone again, and prints the flood's own rate. The genuine callbacks come from one
 * source and each flooding client from another ({@code X-Forwarded-For}, the server
 * trusting 127.0.0.1 as a proxy), and the source limit is on unless
 * {@code -Dbenchmark.sourceLimit=false}. System properties named {@code paytally.*},
 * {@code server.*} or {@code spring.*} override the application's settings, e.g.
 * {@code -Dpaytally.ingest.producer.linger=5ms}.
 */
public final class IngestBenchmark {

	private static final OperatingSystemMXBean PROCESS = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	/**
	 * Rounds of warm-up, until the JIT has compiled both paths (it no longer shows in a
	 * profile).
	 */
	private static final int WARMUP_ROUNDS = 5;

	private static final String PRODUCE_ONLY_TOPIC = "benchmark.produce-only";

	private static final String PUBLIC_PATH_FILTER = "publicPathFilter";

	/** Forged callbacks per flooding client, posted in turn. */
	private static final int FORGED_PER_CLIENT = 64;

	private IngestBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int count = (args.length > 0) ? Integer.parseInt(args[0]) : 20_000;
		int clients = (args.length > 1) ? Integer.parseInt(args[1]) : 32;
		int warmup = Math.max(200, count / 5);
		KafkaTestBroker broker = KafkaTestBroker.startInJvm();
		WechatPayFixture wechat = new WechatPayFixture();
		broker.createTopics(new NewTopic(PRODUCE_ONLY_TOPIC, 6, (short) 1));
		int flood = Integer.getInteger("benchmark.flood", 0);
		SpringApplicationBuilder builder = NotifyIngestApplication.application().initializers((context) -> {
			GenericApplicationContext generic = (GenericApplicationContext) context;
			// the baseline endpoints are not callback paths: the public port's gate would
			// refuse them
			generic.addBeanFactoryPostProcessor(
					(factory) -> ((BeanDefinitionRegistry) factory).removeBeanDefinition(PUBLIC_PATH_FILTER));
			generic.registerBean("trivialEndpoint", RouterFunction.class, IngestBenchmark::trivialEndpoint);
			generic.registerBean("trivialServlet", ServletRegistrationBean.class,
					() -> new ServletRegistrationBean<>(new TrivialServlet(), "/benchmark/trivial-servlet"));
			generic.registerBean("produceOnlyServlet", ServletRegistrationBean.class,
					() -> new ServletRegistrationBean<>(
							new ProduceOnlyServlet(generic.getBean("notificationProducer", Producer.class)),
							"/benchmark/produce-only"));
		});
		List<String> properties = new ArrayList<>(wechat.merchantProperties(0));
		properties.add("--logging.level.io.paytally.ingest.callback.V3CallbackServlet="
				+ System.getProperty("benchmark.acceptedLogLevel", "INFO"));
		if (flood > 0) {
			// as behind a load balancer on the same host: each caller's address in
			// X-Forwarded-For
			properties.add("--paytally.ingest.edge.trusted-proxies=127.0.0.1");
			properties.add("--paytally.ingest.edge.source-limit.enabled="
					+ Boolean.parseBoolean(System.getProperty("benchmark.sourceLimit", "true")));
		}
		System.getProperties()
			.stringPropertyNames()
			.stream()
			.filter((name) -> name.startsWith("paytally.") || name.startsWith("server.") || name.startsWith("spring."))
			.forEach((name) -> properties.add("--" + name + "=" + System.getProperty(name)));
		IngestApp app = IngestApp.start(builder, broker.bootstrapServers(), properties);
		ExecutorService pool = Executors.newFixedThreadPool(clients + flood);
		try {
			if (flood > 0) {
				floodRuns(app, broker, wechat, pool, clients, flood, count, warmup);
			}
			else {
				System.out.printf(Locale.ROOT, "Signing %d + %d distinct callbacks...%n", warmup, count);
				List<Callback> warmupCallbacks = callbacks(wechat, "WARM", warmup);
				List<Callback> measured = callbacks(wechat, "BENCH", count);
				URI notify = app.uri("/wechatpay/v3/notify/" + WechatPayFixture.MCHID);
				URI trivial = app.uri("/benchmark/trivial");
				URI trivialServlet = app.uri("/benchmark/trivial-servlet");
				URI produceOnly = app.uri("/benchmark/produce-only");

				for (int round = 1; round <= WARMUP_ROUNDS; round++) {
					run("warm-up ingest " + round, pool, clients, notify, warmupCallbacks);
					run("warm-up trivial " + round, pool, clients, trivial, warmupCallbacks);
					run("warm-up trivial servlet " + round, pool, clients, trivialServlet, warmupCallbacks);
					run("warm-up produce-only " + round, pool, clients, produceOnly, warmupCallbacks);
				}
				Result mvc = run("trivial endpoint (MVC)", pool, clients, trivial, measured);
				Result servlet = run("trivial servlet", pool, clients, trivialServlet, measured);
				Result ingest = run("verified callbacks", pool, clients, notify, measured);
				Result produce = run("produce-only servlet", pool, clients, produceOnly, measured);
				Result mvc2 = run("trivial (MVC) again", pool, clients, trivial, measured);
				Result servlet2 = run("trivial servlet again", pool, clients, trivialServlet, measured);

				int expected = WARMUP_ROUNDS * warmup + count;
				int written = broker.readAll(Topic.PAYMENT_NOTIFICATIONS, expected, Duration.ofSeconds(120)).size();
				double mvcRate = Math.max(mvc.perSecond(), mvc2.perSecond());
				double servletRate = Math.max(servlet.perSecond(), servlet2.perSecond());
				System.out.printf(Locale.ROOT, "%nclients=%d callbacks=%d cores=%d%n", clients, count,
						Runtime.getRuntime().availableProcessors());
				for (Result result : List.of(mvc, servlet, ingest, produce, mvc2, servlet2)) {
					System.out.println(result);
				}
				System.out.printf(Locale.ROOT, "ratio verified/trivial MVC = %.2f (best %.0f/s)%n",
						ingest.perSecond() / mvcRate, mvcRate);
				System.out.printf(Locale.ROOT, "ratio verified/trivial servlet = %.2f (best %.0f/s)%n",
						ingest.perSecond() / servletRate, servletRate);
				System.out.printf(Locale.ROOT, "ratio verified/cheapest trivial = %.2f%n",
						ingest.perSecond() / Math.max(mvcRate, servletRate));
				System.out.printf(Locale.ROOT, "records on %s: %d (expected %d: %d warm-up rounds of %d, then %d)%n",
						Topic.PAYMENT_NOTIFICATIONS.topicName(), written, expected, WARMUP_ROUNDS, warmup, count);
			}
		}
		finally {
			pool.shutdownNow();
			app.close();
			broker.close();
		}
		System.exit(0);
	}

	/**
	 * Genuine callbacks alone, under a flood of forged ones from {@code flood} more
	 * clients, and alone again.
	 */
	private static void floodRuns(IngestApp app, KafkaTestBroker broker, WechatPayFixture wechat, ExecutorService pool,
			int clients, int flood, int count, int warmup) throws Exception {
		System.out.printf(Locale.ROOT, "Signing %d + 3 x %d distinct callbacks, forging %d x %d...%n", warmup, count,
				flood, FORGED_PER_CLIENT);
		List<Callback> warmupCallbacks = fromGenuineSource(callbacks(wechat, "WARM", warmup));
		List<Callback> alone = fromGenuineSource(callbacks(wechat, "ALONE", count));
		List<Callback> underFlood = fromGenuineSource(callbacks(wechat, "FLOOD", count));
		List<Callback> aloneAgain = fromGenuineSource(callbacks(wechat, "AGAIN", count));
		URI notify = app.uri("/wechatpay/v3/notify/" + WechatPayFixture.MCHID);
		java.security.SecureRandom random = new java.security.SecureRandom();
		List<Callback> forgeries = callbacks(wechat, "FORGED", FORGED_PER_CLIENT);
		List<List<byte[]>> forged = new ArrayList<>();
		for (int c = 0; c < flood; c++) {
			// each flooding client a source of its own (203.0.113.0/24, 198.18.0.0/15)
			String source = (c < 250) ? "203.0.113." + (c + 1) : "198.18." + (c / 250) + "." + (c % 250 + 1);
			forged.add(forgeries.stream().map((callback) -> {
				byte[] signature = new byte[256];
				random.nextBytes(signature);
				Callback forgery = callback
					.withHeader("Wechatpay-Signature", java.util.Base64.getEncoder().encodeToString(signature))
					.withHeader("X-Forwarded-For", source);
				return KeepAliveConnection.post(notify, forgery.headers(), forgery.body());
			}).toList());
		}
		for (int round = 1; round <= WARMUP_ROUNDS; round++) {
			run("warm-up ingest " + round, pool, clients, notify, warmupCallbacks);
			Flood warmupFlood = Flood.start(pool, flood, notify, forged);
			run("warm-up under flood " + round, pool, clients, notify, warmupCallbacks);
			warmupFlood.stop();
		}
		Result first = run("genuine alone", pool, clients, notify, alone);
		Flood running = Flood.start(pool, flood, notify, forged);
		Result flooded = run("genuine under flood", pool, clients, notify, underFlood);
		FloodResult floodResult = running.stop();
		Result again = run("genuine alone again", pool, clients, notify, aloneAgain);
		int expected = 2 * WARMUP_ROUNDS * warmup + 3 * count;
		int written = broker.readAll(Topic.PAYMENT_NOTIFICATIONS, expected, Duration.ofSeconds(120)).size();
		System.out.printf(Locale.ROOT, "%nclients=%d forged clients=%d callbacks=%d cores=%d%n", clients, flood, count,
				Runtime.getRuntime().availableProcessors());
		for (Result result : List.of(first, flooded, again)) {
			System.out.println(result);
		}
		System.out.println(floodResult);
		System.out.printf(Locale.ROOT, "genuine under flood / best alone = %.2f (throughput), p99 %.2f ms vs %.2f ms%n",
				flooded.perSecond() / Math.max(first.perSecond(), again.perSecond()), flooded.percentileMillis(99),
				Math.max(first.percentileMillis(99), again.percentileMillis(99)));
		System.out.printf(Locale.ROOT, "records on %s: %d (expected %d, forged ones none)%n",
				Topic.PAYMENT_NOTIFICATIONS.topicName(), written, expected);
	}

	/** The genuine callbacks' source, as WeChat's would be (a documentation address). */
	private static List<Callback> fromGenuineSource(List<Callback> callbacks) {
		return callbacks.stream().map((callback) -> callback.withHeader("X-Forwarded-For", "198.51.100.10")).toList();
	}

	/** Clients posting forged callbacks in a loop until stopped. */
	private static final class Flood {

		private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

		private final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();

		private final java.util.concurrent.atomic.AtomicLong limited = new java.util.concurrent.atomic.AtomicLong();

		private final java.util.concurrent.atomic.AtomicLong notRefused = new java.util.concurrent.atomic.AtomicLong();

		private final List<Future<?>> workers = new ArrayList<>();

		private final long start = System.nanoTime();

		static Flood start(ExecutorService pool, int clients, URI uri, List<List<byte[]>> forgedByClient)
				throws IOException {
			Flood flood = new Flood();
			for (int c = 0; c < clients; c++) {
				KeepAliveConnection connection = new KeepAliveConnection(uri);
				List<byte[]> forged = forgedByClient.get(c);
				flood.workers.add(pool.submit(() -> {
					try (connection) {
						for (int i = 0; !flood.stopped.get(); i++) {
							int status = connection.exchange(forged.get(i % forged.size()));
							if (status == 429) {
								flood.limited.incrementAndGet();
							}
							else if (status != 401) {
								flood.notRefused.incrementAndGet();
							}
							flood.sent.incrementAndGet();
						}
					}
					return null;
				}));
			}
			return flood;
		}

		FloodResult stop() throws Exception {
			this.stopped.set(true);
			for (Future<?> worker : this.workers) {
				worker.get();
			}
			return new FloodResult(this.workers.size(), this.sent.get(), this.limited.get(), this.notRefused.get(),
					System.nanoTime() - this.start);
		}

	}

	private record FloodResult(int clients, long sent, long limited, long notRefused, long elapsedNanos) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"%-26s %7d requests in %6.2f s = %8.0f/s  from %d clients  429 %d  401 %d  other %d",
					"forged flood", this.sent, this.elapsedNanos / 1e9, this.sent / (this.elapsedNanos / 1e9),
					this.clients, this.limited, this.sent - this.limited - this.notRefused, this.notRefused);
		}

	}

	private static RouterFunction<ServerResponse> trivialEndpoint() {
		return RouterFunctions.route(RequestPredicates.POST("/benchmark/trivial"), (request) -> {
			request.servletRequest().getInputStream().readAllBytes();
			return ServerResponse.ok()
				.header("Content-Type", "application/json")
				.body("{\"code\":\"SUCCESS\",\"message\":\"OK\"}");
		});
	}

	/** Reads the body and answers a success body: the servlet stack's own cost. */
	private static final class TrivialServlet extends HttpServlet {

		private static final byte[] OK = "{\"code\":\"SUCCESS\",\"message\":\"OK\"}".getBytes(StandardCharsets.UTF_8);

		@Override
		protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
			request.getInputStream().readAllBytes();
			response.setContentType("application/json;charset=UTF-8");
			response.setContentLength(OK.length);
			response.getOutputStream().write(OK);
		}

	}

	/**
	 * Reads the body, writes a fixed record of a notification's size with the app's
	 * producer and answers once the broker has acknowledged it: the servlet stack and the
	 * broker, without verification.
	 */
	private static final class ProduceOnlyServlet extends HttpServlet {

		private static final byte[] OK = "{\"code\":\"SUCCESS\",\"message\":\"OK\"}".getBytes(StandardCharsets.UTF_8);

		private static final byte[] VALUE = ("{\"notification_id\":\"EV-0000000000\",\"source\":\"CALLBACK_V3\","
				+ "\"mchid\":\"1900000001\",\"appid\":\"wx0000000000demo01\",\"out_trade_no\":\"BENCH0000000000\","
				+ "\"transaction_id\":\"4200000000000000000000000000\",\"trade_state\":\"SUCCESS\","
				+ "\"trade_type\":\"JSAPI\",\"bank_type\":\"OTHERS\",\"amount_total\":100,\"payer_total\":100,"
				+ "\"currency\":\"CNY\",\"success_time\":\"2026-11-23T10:20:05Z\",\"attach\":null,"
				+ "\"received_at\":\"2026-11-23T10:20:05.123Z\"}")
			.getBytes(StandardCharsets.UTF_8);

		private final transient Producer<String, byte[]> producer;

		private final AtomicInteger sequence = new AtomicInteger();

		ProduceOnlyServlet(Producer<String, byte[]> producer) {
			this.producer = producer;
		}

		@Override
		protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
			request.getInputStream().readAllBytes();
			String key = MerchantKey.encode("1900000001", "BENCH" + this.sequence.incrementAndGet());
			try {
				this.producer.send(new ProducerRecord<>(PRODUCE_ONLY_TOPIC, key, VALUE)).get(3, TimeUnit.SECONDS);
			}
			catch (ExecutionException | TimeoutException ex) {
				response.sendError(503);
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				response.sendError(503);
				return;
			}
			response.setContentType("application/json;charset=UTF-8");
			response.setContentLength(OK.length);
			response.getOutputStream().write(OK);
		}

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
