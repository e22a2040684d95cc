package io.paytally.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.paytally.sandbox.crypto.MultiPrimeRsa;
import io.paytally.sandbox.crypto.Pem;
import io.paytally.sandbox.crypto.Signatures;
import io.paytally.sandbox.keys.PlatformKeys;
import io.paytally.testkit.KeepAliveConnection;

/**
 * Measures, in one process over real HTTP: signed query replies per second (each
 * request's Authorization verified and each reply signed with RSA-2048, no caching),
 * callbacks sent per second to a trivial local receiver, and as baselines an unsigned
 * endpoint of the same server and the raw RSA-2048 signing rate of this machine.
 *
 * <pre>
 * ./mvnw -B -o -pl wechatpay-sandbox test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.paytally.sandbox.SandboxBenchmark [-Dbenchmark.seconds=10]
 * </pre>
 */
public final class SandboxBenchmark {

	static final String MCHID = "1900000001";

	static final int CLIENTS = Integer.getInteger("benchmark.clients", 16);

	static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("benchmark.seconds", 10));

	static final int CALLBACKS = Integer.getInteger("benchmark.callbacks", 5000);

	/** Concurrent payers: each payment is a control request that waits for its answer. */
	static final int PAYERS = Integer.getInteger("benchmark.payers", 32);

	/**
	 * The client checks the platform signature of one reply in this many: enough to prove
	 * every reply is signed by the key merchants trust, without the client's own RSA
	 * verifications taking the cores it shares with the sandbox it measures.
	 */
	static final int VERIFY_ONE_IN = 16;

	/** The process's CPU time, client and sandbox together. */
	private static final com.sun.management.OperatingSystemMXBean PROCESS = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
		.getOperatingSystemMXBean();

	private SandboxBenchmark() {
	}

	/**
	 * Operations per second and the process's CPU time per operation: the latter holds
	 * when something else takes the machine's cores, the former does not.
	 */
	record Rate(double perSecond, double cpuMicros) {

		static Rate of(long operations, long elapsedNanos, long cpuNanos) {
			return new Rate(operations / (elapsedNanos / 1e9), cpuNanos / 1e3 / operations);
		}

		/** What two cores would carry at this CPU cost per operation. */
		double atFullCores(int cores) {
			return cores * 1e6 / this.cpuMicros;
		}

	}

	public static void main(String[] args) throws Exception {
		int cores = Runtime.getRuntime().availableProcessors();
		System.out.printf("cores=%d clients=%d measure=%ss load average at start=%s%n", cores, CLIENTS,
				MEASURE.toSeconds(), loadAverage());
		try (Sandbox sandbox = Sandbox.start(SandboxOptions.builder().merchant(MCHID, "wx0000000000demo01").build());
				CallbackReceiver receiver = new CallbackReceiver()) {
			SandboxMerchant merchant = sandbox.merchant(MCHID);
			sandbox.control().createOrder(MCHID, "BENCH0001", 1250, "http://127.0.0.1:9/unused");
			sandbox.control().pay(MCHID, "BENCH0001");
			PublicKey platformKey = Pem.parsePublicKey(sandbox.platformPublicKeyPem());

			Rate rsa = rawRsaSignsPerSecond(Pem.parsePrivateKey(merchant.privateKeyPem()), cores);
			Rate platformRsa = platformSignsPerSecond(cores);
			Rate ping = requestsPerSecond(sandbox.baseUrl(), "/sandbox/health", null, null);
			String path = "/v3/pay/transactions/out-trade-no/BENCH0001?mchid=" + MCHID;
			List<String> authorizations = presign(merchant, path, 256);
			Rate signed = requestsPerSecond(sandbox.baseUrl(), path, authorizations, platformKey);
			callbacksPerSecond(sandbox, receiver, "WARMCB", Math.max(500, CALLBACKS / 2), new TreeMap<>());
			Map<String, Long> callbackThreads = new TreeMap<>();
			Rate callbacks = callbacksPerSecond(sandbox, receiver, "CB", CALLBACKS, callbackThreads);

			System.out.println();
			System.out.printf("%-40s %8s %12s %14s%n", "", "per s", "CPU us each", "per s at all");
			System.out.printf("%-40s %8s %12s %14s%n", "", "", "(whole JVM)", "cores' CPU");
			print("raw RSA-2048 signatures, JDK two primes", rsa, cores);
			print("raw RSA-2048 signatures, sandbox key", platformRsa, cores);
			print("unsigned endpoint replies (baseline)", ping, cores);
			print("signed query replies", signed, cores);
			print("callbacks sent (answered 2xx)", callbacks, cores);
			System.out.printf("the sandbox key has %d primes; signed replies are %.1f%% of the baseline%n",
					PlatformKeys.GENERATED_PRIMES, 100 * signed.perSecond() / ping.perSecond());
			System.out.println("CPU per callback by thread (measured round, threads alive at its end):");
			callbackThreads.entrySet()
				.stream()
				.filter((e) -> e.getValue() > 0)
				.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
				.limit(8)
				.forEach((e) -> System.out.printf("  %-38s %8.0f us%n", e.getKey(), e.getValue() / 1e3 / CALLBACKS));
			System.out.printf("load average at end=%s%n", loadAverage());
		}
	}

	/** CPU time of the live threads, summed by name without its trailing number. */
	static Map<String, Long> threadCpuByGroup() {
		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		Map<String, Long> byGroup = new TreeMap<>();
		for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null) {
				long cpu = threads.getThreadCpuTime(info.getThreadId());
				if (cpu > 0) {
					byGroup.merge(info.getThreadName().replaceAll("[-#]?\\d+$", ""), cpu, Long::sum);
				}
			}
		}
		return byGroup;
	}

	private static void print(String what, Rate rate, int cores) {
		System.out.printf("%-40s %8.0f %12.0f %14.0f%n", what, rate.perSecond(), rate.cpuMicros(),
				rate.atFullCores(cores));
	}

	static Rate platformSignsPerSecond(int threads) throws Exception {
		MultiPrimeRsa platform = MultiPrimeRsa.generate(PlatformKeys.GENERATED_PRIMES);
		byte[] message = Signatures.replyMessage("1700000000", Signatures.nonce(32),
				"{\"appid\":\"wx0000000000demo01\",\"mchid\":\"1900000001\"}".getBytes(StandardCharsets.UTF_8));
		runFor(threads, Duration.ofSeconds(2), () -> platform.sign(message), null);
		return runFor(threads, Duration.ofSeconds(3), () -> platform.sign(message));
	}

	static Rate rawRsaSignsPerSecond(PrivateKey key, int threads) throws Exception {
		byte[] message = Signatures.replyMessage("1700000000", Signatures.nonce(32),
				"{\"appid\":\"wx0000000000demo01\",\"mchid\":\"1900000001\"}".getBytes(StandardCharsets.UTF_8));
		runFor(threads, Duration.ofSeconds(2), () -> Signatures.sign(key, message), null);
		return runFor(threads, Duration.ofSeconds(3), () -> Signatures.sign(key, message));
	}

	static Rate requestsPerSecond(URI base, String path, List<String> authorizations, PublicKey platformKey)
			throws Exception {
		URI uri = base.resolve(path);
		List<byte[]> requests = (authorizations != null) ? authorizations.stream()
			.map((authorization) -> KeepAliveConnection.get(uri,
					Map.of("Accept", "application/json", "Authorization", authorization)))
			.toList() : List.of(KeepAliveConnection.get(uri, Map.of("Accept", "application/json")));
		AtomicLong next = new AtomicLong();
		ThreadLocal<KeepAliveConnection> connections = ThreadLocal.withInitial(() -> {
			try {
				return new KeepAliveConnection(uri);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		Runnable call = () -> {
			long n = next.getAndIncrement();
			try {
				KeepAliveConnection.Response response = connections.get()
					.fetch(requests.get((int) (n % requests.size())));
				if (response.status() != 200) {
					throw new IllegalStateException(
							"status " + response.status() + " " + new String(response.body(), StandardCharsets.UTF_8));
				}
				if (platformKey != null && n % VERIFY_ONE_IN == 0) {
					String ts = response.headers().get("wechatpay-timestamp");
					String nonce = response.headers().get("wechatpay-nonce");
					String signature = response.headers().get("wechatpay-signature");
					if (!Signatures.verify(platformKey, Signatures.replyMessage(ts, nonce, response.body()),
							signature)) {
						throw new IllegalStateException("reply signature invalid");
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		};
		runFor(CLIENTS, Duration.ofSeconds(3), call, null);
		return runFor(CLIENTS, MEASURE, call);
	}

	/**
	 * Pays {@code count} orders and returns the callbacks per second from the first
	 * payment to the last callback received; run once first as a warm-up, so that the JIT
	 * has compiled the callback path, as the other figures are measured warm. Fills
	 * {@code threadCpu} with the CPU time each group of threads spent over the same span.
	 */
	static Rate callbacksPerSecond(Sandbox sandbox, CallbackReceiver receiver, String prefix, int count,
			Map<String, Long> threadCpu) throws Exception {
		int before = receiver.received().size();
		for (int i = 0; i < count; i++) {
			sandbox.control().createOrder(MCHID, prefix + i, 100, receiver.url());
		}
		List<byte[]> payments = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			payments.add(KeepAliveConnection.post(sandbox.baseUrl().resolve("/sandbox/orders/" + prefix + i + "/pay"),
					Map.of(), "{\"mchid\":\"" + MCHID + "\"}"));
		}
		// the payers are the harness: one keep-alive connection each, requests built
		// ahead
		ExecutorService payers = Executors.newFixedThreadPool(PAYERS);
		AtomicLong nextPayment = new AtomicLong();
		Map<String, Long> threadsAtStart = threadCpuByGroup();
		long cpuStart = PROCESS.getProcessCpuTime();
		long start = System.nanoTime();
		for (int p = 0; p < PAYERS; p++) {
			payers.execute(() -> {
				try (KeepAliveConnection connection = new KeepAliveConnection(sandbox.baseUrl())) {
					for (int i = (int) nextPayment.getAndIncrement(); i < count; i = (int) nextPayment
						.getAndIncrement()) {
						if (connection.exchange(payments.get(i)) != 200) {
							throw new IllegalStateException("payment " + prefix + i + " refused");
						}
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		payers.shutdown();
		payers.awaitTermination(10, TimeUnit.MINUTES);
		while (receiver.received().size() < before + count) {
			Thread.sleep(5);
		}
		long elapsed = receiver.received().get(before + count - 1).nanoTime() - start;
		long cpu = PROCESS.getProcessCpuTime() - cpuStart;
		threadCpuByGroup()
			.forEach((group, nanos) -> threadCpu.put(group, nanos - threadsAtStart.getOrDefault(group, 0L)));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (answered(sandbox) < before + count) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the sandbox recorded " + answered(sandbox)
						+ " callbacks answered 2xx, the receiver got " + (before + count));
			}
			Thread.sleep(5);
		}
		return Rate.of(count, elapsed, cpu);
	}

	private static long answered(Sandbox sandbox) {
		return sandbox.control().callbacks(null).stream().filter(CallbackAttempt::answered2xx).count();
	}

	static List<String> presign(SandboxMerchant merchant, String url, int count) {
		PrivateKey key = Pem.parsePrivateKey(merchant.privateKeyPem());
		List<String> all = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String timestamp = Long.toString(System.currentTimeMillis() / 1000);
			String nonce = Signatures.nonce(32);
			String signature = Signatures.sign(key,
					Signatures.requestMessage("GET", url, timestamp, nonce, new byte[0]));
			all.add("WECHATPAY2-SHA256-RSA2048 mchid=\"" + merchant.mchid() + "\",nonce_str=\"" + nonce
					+ "\",timestamp=\"" + timestamp + "\",serial_no=\"" + merchant.merchantSerialNumber()
					+ "\",signature=\"" + signature + "\"");
		}
		return all;
	}

	static Rate runFor(int threads, Duration duration, Runnable work) throws Exception {
		AtomicLong count = new AtomicLong();
		long cpuStart = PROCESS.getProcessCpuTime();
		long start = System.nanoTime();
		runFor(threads, duration, work, count);
		return Rate.of(count.get(), System.nanoTime() - start, PROCESS.getProcessCpuTime() - cpuStart);
	}

	static void runFor(int threads, Duration duration, Runnable work, AtomicLong count) throws Exception {
		AtomicBoolean stop = new AtomicBoolean();
		CountDownLatch done = new CountDownLatch(threads);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		for (int t = 0; t < threads; t++) {
			pool.execute(() -> {
				try {
					while (!stop.get()) {
						work.run();
						if (count != null && !stop.get()) {
							count.incrementAndGet();
						}
					}
				}
				finally {
					done.countDown();
				}
			});
		}
		Thread.sleep(duration.toMillis());
		stop.set(true);
		done.await();
		pool.shutdown();
	}

	static String loadAverage() {
		try {
			return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
		}
		catch (Exception ex) {
			return "?";
		}
	}

}
