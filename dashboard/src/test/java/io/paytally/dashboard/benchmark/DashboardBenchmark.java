package io.paytally.dashboard.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.paytally.dashboard.DashboardApplication;
import io.paytally.dashboard.it.DashboardSession;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStats;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.serde.Json;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import io.paytally.testkit.KafkaTestBroker;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.util.FileSystemUtils;

/**
 * Loads N orders into {@code orders.state} of an in-JVM broker (every second order in two
 * versions, PENDING then PAID; 3 hours of per-minute figures), starts the dashboard, logs
 * in as an operations user through the login form (its one-time password changed first,
 * as the dashboard demands), and prints: how long its views took to take the orders in,
 * the time to first byte and to the complete first load of the page (HTML, styles, the
 * three scripts, Chart.js and the six API calls the page makes for operations), the same
 * for an order lookup, the heap the dashboard retains, the size of its stores on disk,
 * and how long a restart takes with its stores and after losing them (restored from the
 * changelogs). Arguments: {@code [orders]}, default 100000.
 */
public final class DashboardBenchmark {

	private static final String MCHID = "1900000001";

	/** The operations user the benchmark logs in as. */
	private static final String USER = "benchmark";

	private static final String ONE_TIME_PASSWORD = "one-time-password-of-benchmark";

	private static final String CHOSEN_PASSWORD = "chosen-password-of-benchmark";

	/** What the page loads for an operations user, in the order it asks. */
	static final List<String> PAGE = List.of("/", "/dashboard.css", "/i18n.js", "/security.js", "/dashboard.js",
			"/webjars/chart.js/dist/chart.umd.js", "/api/me", "/api/overview", "/api/anomalies", "/api/statements",
			"/api/statement-runs", "/api/pipeline");

	/** The benchmark user's password now: the one-time one until it is changed. */
	private static String password = ONE_TIME_PASSWORD;

	private DashboardBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int orders = (args.length > 0) ? Integer.parseInt(args[0].replace("_", "")) : 100_000;
		Path stateDir = Files.createTempDirectory("dashboard-benchmark-state");
		Path usersDir = Files.createTempDirectory("dashboard-benchmark-users");
		try (KafkaTestBroker broker = KafkaTestBroker.startInJvm()) {
			long loadStart = System.nanoTime();
			long records = load(broker, orders);
			System.out.printf("loaded %,d orders (%,d records on orders.state) in %.1f s%n", orders, records,
					seconds(loadStart));
			long heapBefore = usedHeapAfterGc();
			String applicationId = KafkaTestBroker.uniqueName("dashboard-benchmark");
			long started = System.nanoTime();
			ConfigurableApplicationContext context = start(broker, applicationId, stateDir, usersDir);
			URI base = base(context);
			DashboardSession session = loggedIn(base);
			awaitOrders(session, orders);
			System.out.printf("views took the orders in %.1f s after the start%n", seconds(started));
			measure(base, session, orders);
			long heapAfter = usedHeapAfterGc();
			System.out.printf(
					"heap used after GC: %,d MB in all (broker included), %,d MB more with the dashboard"
							+ " running; max heap %,d MB%n",
					heapAfter >> 20, (heapAfter - heapBefore) >> 20, Runtime.getRuntime().maxMemory() >> 20);
			System.out.printf("stores on disk: %,d MB%n", size(stateDir) >> 20);

			context.close();
			started = System.nanoTime();
			context = start(broker, applicationId, stateDir, usersDir);
			awaitOrders(loggedIn(base(context)), orders);
			System.out.printf("restart with its stores: views ready in %.1f s%n", seconds(started));
			context.close();
			FileSystemUtils.deleteRecursively(stateDir.toFile());
			started = System.nanoTime();
			context = start(broker, applicationId, stateDir, usersDir);
			awaitOrders(loggedIn(base(context)), orders);
			System.out.printf("restart without its stores (restored from the changelogs): views ready in %.1f s%n",
					seconds(started));
			System.out.printf("heap used after GC after the restore: %,d MB in all%n", usedHeapAfterGc() >> 20);
			context.close();
		}
		finally {
			FileSystemUtils.deleteRecursively(stateDir.toFile());
			FileSystemUtils.deleteRecursively(usersDir.toFile());
		}
	}

	static long load(KafkaTestBroker broker, int orders) throws Exception {
		Map<String, Object> props = broker.producerProperties();
		props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
		props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
		props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		// the in-JVM broker on a busy machine answers an idempotent producer's retries
		// with
		// OutOfOrderSequence; a repeated or reordered version is harmless to the views
		props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
		props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000);
		props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
		Instant now = Instant.now();
		long records = 0;
		try (KafkaProducer<String, OrderPaymentState> producer = new KafkaProducer<>(props, new StringSerializer(),
				Serdes.orderPaymentState().serializer())) {
			for (int i = 0; i < orders; i++) {
				String outTradeNo = String.format("PT%012d", i);
				Instant created = now.minusSeconds(orders - i);
				OrderPaymentState pending = new OrderPaymentState(MCHID, outTradeNo, "SO" + i, PaymentStatus.PENDING,
						1000 + i % 10000, "CNY", "benchmark", created, created.plusSeconds(1800), null, null, null,
						null, 0, List.of(), null, null, 0, 1, created);
				producer.send(new ProducerRecord<>(Topic.ORDER_STATE.topicName(), pending.key(), pending));
				records++;
				if (i % 2 == 0) {
					OrderPaymentState paid = new OrderPaymentState(MCHID, outTradeNo, "SO" + i, PaymentStatus.PAID,
							pending.amountTotal(), "CNY", "benchmark", created, pending.expireAt(), "4200" + i,
							created.plusSeconds(20), pending.amountTotal(), NotificationSource.CALLBACK_V3, 0,
							List.of(), null, null, 0, 2, created.plusSeconds(20));
					producer.send(new ProducerRecord<>(Topic.ORDER_STATE.topicName(), paid.key(), paid));
					records++;
				}
			}
			producer.flush();
		}
		List<org.apache.kafka.streams.KeyValue<String, PaymentStats>> minutes = new ArrayList<>();
		Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
		for (int m = 0; m < 180; m++) {
			Instant start = minute.minus(m, ChronoUnit.MINUTES);
			minutes.add(org.apache.kafka.streams.KeyValue.pair(PaymentStats.key(MCHID, start),
					new PaymentStats(MCHID, start, start.plusSeconds(60), 100, 95, 5, 1, 200_000, 190_000, 500, 0)));
		}
		broker.sendAll(Topic.STATS, minutes);
		return records;
	}

	/**
	 * The dashboard, its users in a database of their own (kept across restarts) that
	 * starts with the benchmark's operations user and its one-time password.
	 */
	static ConfigurableApplicationContext start(KafkaTestBroker broker, String applicationId, Path stateDir,
			Path usersDir) {
		return new SpringApplicationBuilder(DashboardApplication.class).run(
				"--spring.config.name=" + DashboardApplication.CONFIG_NAME, "--server.port=0",
				"--management.server.port=0", "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
				"--spring.kafka.streams.application-id=" + applicationId, "--paytally.dashboard.state-dir=" + stateDir,
				"--paytally.dashboard.login.jdbc-url=jdbc:h2:file:" + usersDir.resolve("users"),
				// plain http on the loopback address: the cookies cannot be Secure
				"--paytally.dashboard.login.secure-cookies=false",
				"--paytally.dashboard.login.initial-users[0].name=" + USER,
				"--paytally.dashboard.login.initial-users[0].role=OPERATIONS",
				"--paytally.dashboard.login.initial-users[0].password-hash="
						+ PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(ONE_TIME_PASSWORD),
				"--logging.level.root=WARN");
	}

	/**
	 * A session of the benchmark's user, logged in through the form; the one-time
	 * password is changed at the first login, and the user logs in again.
	 */
	static DashboardSession loggedIn(URI base) throws IOException, InterruptedException {
		DashboardSession session = new DashboardSession(base);
		HttpResponse<String> login = session.login(USER, password);
		if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
			throw new IllegalStateException("Login failed: " + login.statusCode() + " " + login.headers());
		}
		if (session.get("/api/me").body().contains("\"passwordChangeRequired\":true")) {
			HttpResponse<String> changed = session.post("/account/api/password",
					"{\"currentPassword\":\"" + password + "\",\"newPassword\":\"" + CHOSEN_PASSWORD + "\"}");
			if (changed.statusCode() != 200) {
				throw new IllegalStateException("Password change failed: " + changed.body());
			}
			password = CHOSEN_PASSWORD;
			return loggedIn(base);
		}
		return session;
	}

	static URI base(ConfigurableApplicationContext context) {
		return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
	}

	static void awaitOrders(DashboardSession session, int orders) throws Exception {
		while (true) {
			HttpResponse<String> response = session.get("/api/overview");
			if (response.statusCode() == 200) {
				JsonNode byStatus = Json.mapper().readTree(response.body()).path("byStatus");
				long total = 0;
				for (PaymentStatus status : PaymentStatus.values()) {
					total += byStatus.path(status.name()).asLong();
				}
				if (total >= orders) {
					return;
				}
			}
			else if (response.statusCode() != 503) {
				// 503 while the views restore; anything else will not change by waiting
				throw new IllegalStateException("/api/overview answered " + response.statusCode());
			}
			Thread.sleep(200);
		}
	}

	static void measure(URI base, DashboardSession session, int orders) throws Exception {
		List<Long> firstByte = new ArrayList<>();
		List<Long> complete = new ArrayList<>();
		List<Long> lookupFirstByte = new ArrayList<>();
		List<Long> lookupComplete = new ArrayList<>();
		for (int round = 0; round < 21; round++) {
			long start = System.nanoTime();
			long first = -1;
			for (String path : PAGE) {
				long[] times = get(session, base.resolve(path), start);
				if (first < 0) {
					first = times[0];
				}
			}
			firstByte.add(first);
			complete.add(System.nanoTime() - start);
			String number = String.format("PT%012d", (round * 7919L) % orders);
			long[] lookup = get(session, base.resolve("/api/orders?number=" + number), System.nanoTime());
			lookupFirstByte.add(lookup[0]);
			lookupComplete.add(lookup[1]);
		}
		// the first round warms the JIT up; the figures are of the 20 after it
		System.out.printf("page first load: time to first byte median %s, complete (%d requests) median %s, max %s%n",
				median(firstByte), PAGE.size(), median(complete), max(complete));
		System.out.printf("order lookup: time to first byte median %s, complete median %s, max %s%n",
				median(lookupFirstByte), median(lookupComplete), max(lookupComplete));
		System.out.printf("first round (cold): page complete %s, lookup complete %s%n", ms(complete.get(0)),
				ms(lookupComplete.get(0)));
	}

	/** {time to first byte, time to complete} in nanoseconds from {@code start}. */
	static long[] get(DashboardSession session, URI uri, long start) throws IOException, InterruptedException {
		HttpResponse<InputStream> response = session.send(HttpRequest.newBuilder(uri).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream body = response.body()) {
			int first = body.read();
			long firstByte = System.nanoTime() - start;
			body.transferTo(java.io.OutputStream.nullOutputStream());
			if (response.statusCode() != 200 || first < 0) {
				throw new IllegalStateException(uri + " answered " + response.statusCode());
			}
			return new long[] { firstByte, System.nanoTime() - start };
		}
	}

	static String median(List<Long> nanos) {
		List<Long> sorted = new ArrayList<>(nanos.subList(1, nanos.size()));
		Collections.sort(sorted);
		return ms(sorted.get(sorted.size() / 2));
	}

	static String max(List<Long> nanos) {
		return ms(Collections.max(nanos.subList(1, nanos.size())));
	}

	static String ms(long nanos) {
		return String.format("%.1f ms", nanos / 1e6);
	}

	static double seconds(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0;
	}

	static long usedHeapAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(200);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	static long size(Path dir) throws IOException {
		try (Stream<Path> files = Files.walk(dir)) {
			return files.filter(Files::isRegularFile).mapToLong((file) -> file.toFile().length()).sum();
		}
	}

}
