package io.paytally.local.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.slf4j.LoggerFactory;

import io.paytally.local.keys.MerchantCredentials;
import io.paytally.local.service.RunningService;
import io.paytally.local.service.Service;
import io.paytally.local.service.ServiceLauncher;
import io.paytally.local.service.Wiring;
import io.paytally.sandbox.Sandbox;
import io.paytally.sandbox.SandboxMerchant;
import io.paytally.sandbox.SandboxOptions;
import io.paytally.schemas.topics.TopicSettings;
import io.paytally.stream.topology.PaymentStreams;
import io.paytally.testkit.EmbeddedKafkaCluster;

/**
 * Everything in one JVM: a Kafka broker (in-JVM unless one is given), the WeChat Pay
 * sandbox, notify-ingest, stream-app, batch-jobs and the dashboard, wired to each other.
 * Closing stops them in reverse order.
 *
 * <p>
 * As a cluster ({@link LocalStackOptions#cluster()}): several in-JVM brokers with the
 * catalog's cluster settings (three replicas, two in sync for a write), several
 * notify-ingest instances behind a {@link RoundRobinBalancer} (WeChat's notify URL points
 * at it), several stream-app instances of one Kafka Streams application sharing the
 * partitions, each on its own port (its {@code application.server}) and state directory.
 * Brokers and instances can be stopped and replaced while a day is played.
 */
public final class LocalStack implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LocalStack.class);

	/**
	 * The session timeout of several stream-app instances' Kafka Streams group, in
	 * milliseconds: how long a killed instance holds its tasks.
	 */
	static final int SESSION_TIMEOUT_MS = 15_000;

	private final LocalStackOptions options;

	/** The name stream-app knows the scenario driver's key by. */
	static final String DEMO_CALLER = "demo-order-system";

	private final List<AutoCloseable> started = new ArrayList<>();

	private final String callerKey = newKey();

	/** The dashboard's users by name (one per role), with their one-time passwords. */
	private final Map<String, String> dashboardUsers = newDashboardUsers();

	private EmbeddedKafkaCluster embeddedKafka;

	private String kafka;

	private Sandbox sandbox;

	private List<MerchantCredentials> merchants;

	private Wiring wiring;

	private final List<RunningService> ingests = new CopyOnWriteArrayList<>();

	private final List<RunningService> streams = new CopyOnWriteArrayList<>();

	/** How many times each stream-app instance was started, for its state directory. */
	private final AtomicIntegerArray generations;

	private RoundRobinBalancer balancer;

	private RunningService batch;

	private RunningService dashboard;

	private LocalStack(LocalStackOptions options) {
		this.options = options;
		this.generations = new AtomicIntegerArray(options.cluster().streamInstances());
	}

	/** Starts the stack; on failure, whatever started is stopped again. */
	public static LocalStack start(LocalStackOptions options, StartListener listener) {
		LocalStack stack = new LocalStack(options);
		try {
			stack.startAll(listener);
			return stack;
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	private void startAll(StartListener listener) {
		ClusterShape shape = this.options.cluster();
		TopicSettings topics = shape.topicSettings();
		if (this.options.kafka() != null) {
			this.kafka = this.options.kafka();
		}
		else {
			listener.starting("Kafka (in-JVM KRaft, " + shape.brokers() + " broker(s), data in "
					+ this.options.dataDir().resolve("kafka") + ")");
			this.embeddedKafka = EmbeddedKafkaCluster.start(shape.brokers(), topics,
					this.options.dataDir().resolve("kafka"));
			this.started.add(this.embeddedKafka);
			this.kafka = this.embeddedKafka.bootstrapServers();
		}
		listener.started("Kafka", this.kafka);
		listener.starting("WeChat Pay sandbox");
		this.sandbox = Sandbox.start(SandboxOptions.builder()
			.port(this.options.port(Service.SANDBOX))
			.merchants(this.options.merchants()
				.stream()
				.map((merchant) -> new SandboxOptions.Merchant(merchant.mchid(), merchant.appid()))
				.toList())
			.timeScale(this.options.timeScale())
			.clock(this.options.sandboxClock())
			.billReadyHour(0)
			.build());
		this.started.add(this.sandbox);
		for (LocalStackOptions.Merchant merchant : this.options.merchants()) {
			if (merchant.v2Callbacks()) {
				this.sandbox.control().v2Callbacks(merchant.mchid(), true);
			}
		}
		listener.started("WeChat Pay sandbox", this.sandbox.baseUrl().toString());
		this.merchants = this.options.merchants().stream().map((merchant) -> {
			SandboxMerchant m = this.sandbox.merchant(merchant.mchid());
			return new MerchantCredentials(m.mchid(), m.appid(), m.merchantSerialNumber(), m.privateKeyPem(),
					m.apiV3Key(), m.apiV2Key(), this.sandbox.platformPublicKeyPem(),
					this.sandbox.platformPublicKeyId());
		}).toList();
		String jdbcUrl = (this.options.jdbcUrl() != null) ? this.options.jdbcUrl()
				: Wiring.h2FileUrl(this.options.dataDir());
		Map<Service, Map<String, Object>> extra = withDemoCaller(withCluster(this.options.extra(), shape));
		Wiring base = new Wiring(this.kafka, this.sandbox.baseUrl(), this.merchants, null, jdbcUrl,
				(this.options.jdbcUser() != null) ? this.options.jdbcUser() : "sa", this.options.jdbcPassword(),
				this.options.dataDir(), extra);
		listener.starting("notify-ingest");
		int notifyPort;
		if (shape.ingestInstances() == 1) {
			this.ingests
				.add(launch(Service.INGEST, base.properties(Service.INGEST, this.options.port(Service.INGEST))));
			notifyPort = this.ingests.get(0).port();
		}
		else {
			for (int i = 0; i < shape.ingestInstances(); i++) {
				this.ingests.add(launch(Service.INGEST, base.properties(Service.INGEST, 0)));
			}
			this.balancer = RoundRobinBalancer.start(this.options.port(Service.INGEST), shape.ingestInstances(),
					(i) -> this.ingests.get(i).port());
			this.started.add(this.balancer);
			notifyPort = this.balancer.port();
		}
		String notifyUrl = Wiring.notifyUrl("127.0.0.1", notifyPort);
		listener.started("notify-ingest",
				(shape.ingestInstances() == 1) ? "http://127.0.0.1:" + notifyPort + " (callbacks: " + notifyUrl + ")"
						: shape.ingestInstances() + " instances on ports " + ports(this.ingests)
								+ ", behind a round-robin balancer (callbacks: " + notifyUrl + ")");
		this.wiring = new Wiring(this.kafka, this.sandbox.baseUrl(), this.merchants, notifyUrl, jdbcUrl,
				base.jdbcUser(), base.jdbcPassword(), this.options.dataDir(),
				withV2NotifyUrls(extra, Wiring.v2NotifyUrl("127.0.0.1", notifyPort)));
		listener.starting("stream-app");
		for (int i = 0; i < shape.streamInstances(); i++) {
			this.streams.add(launchStream(i));
		}
		if (shape.streamInstances() > 1) {
			awaitStreamsShared(Duration.ofMinutes(2));
		}
		listener.started("stream-app",
				(shape.streamInstances() == 1) ? "http://127.0.0.1:" + this.streams.get(0).port() + " (POST /payments)"
						: shape.streamInstances() + " instances on ports " + ports(this.streams)
								+ " (POST /payments on " + intakeUrl() + ")");
		if (this.options.startBatch()) {
			listener.starting("batch-jobs");
			this.batch = launch(Service.BATCH, this.wiring.properties(Service.BATCH, this.options.port(Service.BATCH)));
			listener.started("batch-jobs", "http://127.0.0.1:" + this.batch.port() + " (database " + jdbcUrl + ")");
		}
		listener.starting("dashboard");
		// a caller that chooses the ports (the tests: 0 for any free one) and names none
		// for
		// the dashboard gets any free port rather than the default
		int dashboardPort = this.options.ports().isEmpty() ? this.options.port(Service.DASHBOARD)
				: this.options.ports().getOrDefault(Service.DASHBOARD, 0);
		Map<String, Object> dashboardProperties = new LinkedHashMap<>(dashboardUserProperties());
		dashboardProperties.putAll(this.wiring.properties(Service.DASHBOARD, dashboardPort));
		this.dashboard = ServiceLauncher.start(Service.DASHBOARD, dashboardProperties);
		this.started.add(this.dashboard);
		listener.started("dashboard", dashboardUrl().toString());
	}

	/**
	 * Waits until every stream-app instance runs with tasks of its own, twice in a row
	 * half a second apart: the instances joined one after the other, and a day started
	 * while their group still rebalances waits on every order it creates.
	 */
	public void awaitStreamsShared(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		int stable = 0;
		while (stable < 2) {
			boolean shared = this.streams.stream().allMatch((stream) -> {
				if (!stream.context().isActive()) {
					return false;
				}
				KafkaStreams kafkaStreams = stream.bean(PaymentStreams.class).kafkaStreams();
				return kafkaStreams.state() == KafkaStreams.State.RUNNING && kafkaStreams.metadataForLocalThreads()
					.stream()
					.anyMatch((thread) -> !thread.activeTasks().isEmpty());
			});
			stable = shared ? stable + 1 : 0;
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException(
						"The stream-app instances do not share the partitions after " + timeout);
			}
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted", ex);
			}
		}
	}

	/**
	 * Starts stream-app instance {@code index}. One instance: as configured. Several:
	 * each on a port of its own (the first on the configured one unless that is 0),
	 * announced as its {@code application.server} so that order queries find the instance
	 * holding the order, with a state directory of its own
	 * ({@code streams/<index>-<generation>}: a replacement starts empty and restores from
	 * the changelogs) and one stream thread.
	 */
	private RunningService launchStream(int index) {
		if (this.options.cluster().streamInstances() == 1) {
			return launch(Service.STREAM, this.wiring.properties(Service.STREAM, this.options.port(Service.STREAM)));
		}
		int configured = this.options.port(Service.STREAM);
		int port = (index == 0 && configured != 0) ? configured : freePort();
		Map<String, Object> properties = new LinkedHashMap<>(this.wiring.properties(Service.STREAM, port));
		int generation = this.generations.getAndIncrement(index);
		properties.put("spring.kafka.streams.state-dir",
				this.options.dataDir().resolve("streams").resolve(index + "-" + generation).toString());
		properties.put("paytally.stream.application-server", "127.0.0.1:" + port);
		return launch(Service.STREAM, properties);
	}

	/**
	 * The services' settings for the cluster's shape (nothing for one of each): the
	 * catalog's replication for the topics a service creates (stream-app's and the
	 * dashboard's changelogs and repartition topics included), one stream thread per
	 * stream-app instance and a session timeout of {@link #SESSION_TIMEOUT_MS} for the
	 * instances' group. The caller's extra properties win.
	 */
	/**
	 * The merchants with v2 callbacks get their payment orders (and so their refunds)
	 * created with notify-ingest's v2 notify URL ({@code v2NotifyUrl}, {@code {mchid}}
	 * replaced) as their own {@code notify-url} in stream-app, unless the caller set one.
	 */
	private Map<Service, Map<String, Object>> withV2NotifyUrls(Map<Service, Map<String, Object>> extra,
			String v2NotifyUrl) {
		Map<Service, Map<String, Object>> merged = new EnumMap<>(Service.class);
		extra.forEach((service, properties) -> merged.put(service, new LinkedHashMap<>(properties)));
		List<LocalStackOptions.Merchant> merchants = this.options.merchants();
		for (int i = 0; i < merchants.size(); i++) {
			if (merchants.get(i).v2Callbacks()) {
				merged.computeIfAbsent(Service.STREAM, (s) -> new LinkedHashMap<>())
					.putIfAbsent("paytally.wechat.merchants[" + i + "].notify-url",
							v2NotifyUrl.replace("{mchid}", merchants.get(i).mchid()));
			}
		}
		return merged;
	}

	private static Map<Service, Map<String, Object>> withCluster(Map<Service, Map<String, Object>> extra,
			ClusterShape shape) {
		if (!shape.isCluster()) {
			return extra;
		}
		TopicSettings topics = shape.topicSettings();
		Map<Service, Map<String, Object>> merged = new EnumMap<>(Service.class);
		Map<String, Object> ingest = new LinkedHashMap<>();
		ingest.put("paytally.ingest.topics.replication-factor", topics.replicationFactor());
		ingest.put("paytally.ingest.topics.min-insync-replicas", topics.minInsyncReplicas());
		merged.put(Service.INGEST, ingest);
		Map<String, Object> stream = new LinkedHashMap<>();
		stream.put("paytally.stream.replication-factor", topics.replicationFactor());
		if (shape.streamInstances() > 1) {
			stream.put("paytally.stream.stream-threads", 1);
			// the key the instances present to each other when a query hops to the
			// instance holding the order: made at start, the same on every instance
			stream.put("paytally.security.instance-key", newKey());
			// a killed instance's tasks move once its group notices: 15 s instead of the
			// consumers' default 45 s keeps a day with a killed instance short
			stream.put("spring.kafka.streams.properties.session.timeout.ms", SESSION_TIMEOUT_MS);
			stream.put("spring.kafka.streams.properties.heartbeat.interval.ms", SESSION_TIMEOUT_MS / 3);
		}
		merged.put(Service.STREAM, stream);
		merged.put(Service.DASHBOARD,
				new LinkedHashMap<>(Map.of("paytally.dashboard.replication-factor", topics.replicationFactor())));
		extra.forEach((service, properties) -> merged.computeIfAbsent(service, (s) -> new LinkedHashMap<>())
			.putAll(properties));
		return merged;
	}

	private static List<Integer> ports(List<RunningService> services) {
		return services.stream().map(RunningService::port).toList();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port", ex);
		}
	}

	/**
	 * The stack's own caller of stream-app's API, the scenario driver playing the
	 * merchants' order system: a key made at start (only its SHA-256 goes to stream-app,
	 * the key itself is never written anywhere), allowed every merchant of the stack.
	 */
	private Map<Service, Map<String, Object>> withDemoCaller(Map<Service, Map<String, Object>> extra) {
		Map<Service, Map<String, Object>> merged = new EnumMap<>(Service.class);
		merged.putAll(extra);
		Map<String, Object> stream = new LinkedHashMap<>();
		stream.put("paytally.security.callers[0].name", DEMO_CALLER);
		stream.put("paytally.security.callers[0].key-sha256", sha256(this.callerKey));
		for (int i = 0; i < this.merchants.size(); i++) {
			stream.put("paytally.security.callers[0].merchants[" + i + "]", this.merchants.get(i).mchid());
		}
		stream.putAll(extra.getOrDefault(Service.STREAM, Map.of()));
		merged.put(Service.STREAM, stream);
		return merged;
	}

	/**
	 * The dashboard's users, one per role, each created (in a data directory without
	 * them) with a one-time password made at start that must be changed at the first
	 * login; only its BCrypt hash goes to the dashboard.
	 */
	private Map<String, Object> dashboardUserProperties() {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		Map<String, Object> properties = new LinkedHashMap<>();
		int i = 0;
		for (Map.Entry<String, String> user : this.dashboardUsers.entrySet()) {
			String prefix = "paytally.dashboard.login.initial-users[" + i++ + "].";
			properties.put(prefix + "name", user.getKey());
			properties.put(prefix + "role", user.getKey().toUpperCase(Locale.ROOT));
			properties.put(prefix + "password-hash", encoder.encode(user.getValue()));
		}
		return properties;
	}

	private static Map<String, String> newDashboardUsers() {
		Map<String, String> users = new LinkedHashMap<>();
		for (String role : List.of("operations", "finance", "admin")) {
			users.put(role, newKey().substring(0, 20));
		}
		return Collections.unmodifiableMap(users);
	}

	/**
	 * The dashboard's users (operations, finance, admin) with the one-time passwords they
	 * were created with, to be changed at the first login (only valid in a data directory
	 * that had no users yet: the demo empties it).
	 */
	public Map<String, String> dashboardUsers() {
		return this.dashboardUsers;
	}

	static String sha256(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String newKey() {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	/**
	 * The API key of the stack's own caller of stream-app (the scenario driver, as the
	 * merchants' order system), made at start.
	 */
	public String callerKey() {
		return this.callerKey;
	}

	private RunningService launch(Service service, Map<String, Object> properties) {
		RunningService running = ServiceLauncher.start(service, properties);
		this.started.add(running);
		return running;
	}

	public LocalStackOptions options() {
		return this.options;
	}

	/** The Kafka bootstrap servers. */
	public String kafka() {
		return this.kafka;
	}

	public Sandbox sandbox() {
		return this.sandbox;
	}

	/** The main merchant's credentials as the services got them. */
	public MerchantCredentials merchant() {
		return this.merchants.get(0);
	}

	/** Every merchant's credentials as the services got them. */
	public List<MerchantCredentials> merchants() {
		return this.merchants;
	}

	public Wiring wiring() {
		return this.wiring;
	}

	/** The first notify-ingest instance. */
	public RunningService ingest() {
		return this.ingests.get(0);
	}

	/** The first stream-app instance (the one whose intake API the demo calls). */
	public RunningService stream() {
		return this.streams.get(0);
	}

	/** Every notify-ingest instance, by index (a replaced one at its index). */
	public List<RunningService> ingests() {
		return List.copyOf(this.ingests);
	}

	/** Every stream-app instance, by index (a replaced one at its index). */
	public List<RunningService> streams() {
		return List.copyOf(this.streams);
	}

	/** The in-JVM Kafka, null when the stack was given a cluster. */
	public EmbeddedKafkaCluster embeddedKafka() {
		return this.embeddedKafka;
	}

	/**
	 * Kills stream-app instance {@code index} without a clean shutdown: its Kafka Streams
	 * stops at once (no commit, no offsets, its open transaction left to time out), then
	 * its context closes. Its tasks move to the other instances once the group notices.
	 */
	public void killStream(int index) {
		RunningService stream = this.streams.get(index);
		stream.bean(PaymentStreams.class).halt();
		stream.close();
		logger.info("stream-app instance {} killed", index);
	}

	/**
	 * Starts a new stream-app instance in place of instance {@code index}, on a new port,
	 * with an empty state directory: it restores its tasks' state from the changelogs.
	 */
	public RunningService replaceStream(int index) {
		RunningService replacement = launchStream(index);
		this.streams.set(index, replacement);
		logger.info("stream-app instance {} replaced, on port {}", index, replacement.port());
		return replacement;
	}

	/**
	 * Kills notify-ingest instance {@code index}: its port refuses connections, and the
	 * balancer sends its share to the other instances.
	 */
	public void killIngest(int index) {
		this.ingests.get(index).close();
		logger.info("notify-ingest instance {} killed", index);
	}

	/** Starts a new notify-ingest instance in place of instance {@code index}. */
	public RunningService replaceIngest(int index) {
		RunningService replacement = launch(Service.INGEST, this.wiring.properties(Service.INGEST, 0));
		this.ingests.set(index, replacement);
		logger.info("notify-ingest instance {} replaced, on port {}", index, replacement.port());
		return replacement;
	}

	/** batch-jobs, null when not started. */
	public RunningService batch() {
		return this.batch;
	}

	/** The dashboard. */
	public RunningService dashboard() {
		return this.dashboard;
	}

	/** The dashboard's page. */
	public URI dashboardUrl() {
		return URI.create("http://127.0.0.1:" + this.dashboard.port() + "/");
	}

	/** The payment intake API of stream-app. */
	public URI intakeUrl() {
		return URI.create("http://127.0.0.1:" + stream().port());
	}

	@Override
	public void close() {
		List<AutoCloseable> reverse = new ArrayList<>(this.started);
		Collections.reverse(reverse);
		for (AutoCloseable closeable : reverse) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				logger.warn("Could not stop {}: {}", closeable, ex.getMessage());
			}
		}
		this.started.clear();
	}

	/** Told what starts, for progress output. */
	public interface StartListener {

		StartListener NONE = new StartListener() {
		};

		default void starting(String what) {
		}

		default void started(String what, String where) {
		}

	}

}
