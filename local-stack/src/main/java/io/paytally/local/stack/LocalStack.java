package io.paytally.local.stack;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.slf4j.LoggerFactory;

import io.paytally.local.kafka.EmbeddedKafka;
import io.paytally.local.keys.MerchantCredentials;
import io.paytally.local.service.RunningService;
import io.paytally.local.service.Service;
import io.paytally.local.service.ServiceLauncher;
import io.paytally.local.service.Wiring;
import io.paytally.sandbox.Sandbox;
import io.paytally.sandbox.SandboxMerchant;
import io.paytally.sandbox.SandboxOptions;
import io.paytally.schemas.topics.TopicSettings;

/**
 * Everything in one JVM: a Kafka broker (in-JVM unless one is given), the WeChat Pay
 * sandbox, notify-ingest, stream-app, batch-jobs and the dashboard, wired to each other.
 * Closing stops them in reverse order.
 */
public final class LocalStack implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LocalStack.class);

	private final LocalStackOptions options;

	/** The name stream-app knows the scenario driver's key by. */
	static final String DEMO_CALLER = "demo-order-system";

	private final List<AutoCloseable> started = new ArrayList<>();

	private final String callerKey = newKey();

	/** The dashboard's users by name (one per role), with their one-time passwords. */
	private final Map<String, String> dashboardUsers = newDashboardUsers();

	private EmbeddedKafka embeddedKafka;

	private String kafka;

	private Sandbox sandbox;

	private List<MerchantCredentials> merchants;

	private Wiring wiring;

	private RunningService ingest;

	private RunningService stream;

	private RunningService batch;

	private RunningService dashboard;

	private LocalStack(LocalStackOptions options) {
		this.options = options;
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
		if (this.options.kafka() != null) {
			this.kafka = this.options.kafka();
		}
		else {
			listener.starting("Kafka (in-JVM KRaft broker, data in " + this.options.dataDir().resolve("kafka") + ")");
			this.embeddedKafka = EmbeddedKafka.start(this.options.dataDir().resolve("kafka"),
					TopicSettings.SINGLE_BROKER);
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
		listener.started("WeChat Pay sandbox", this.sandbox.baseUrl().toString());
		this.merchants = this.options.merchants().stream().map((merchant) -> {
			SandboxMerchant m = this.sandbox.merchant(merchant.mchid());
			return new MerchantCredentials(m.mchid(), m.appid(), m.merchantSerialNumber(), m.privateKeyPem(),
					m.apiV3Key(), m.apiV2Key(), this.sandbox.platformPublicKeyPem(),
					this.sandbox.platformPublicKeyId());
		}).toList();
		String jdbcUrl = (this.options.jdbcUrl() != null) ? this.options.jdbcUrl()
				: Wiring.h2FileUrl(this.options.dataDir());
		Map<Service, Map<String, Object>> extra = withDemoCaller(this.options.extra());
		Wiring base = new Wiring(this.kafka, this.sandbox.baseUrl(), this.merchants, null, jdbcUrl,
				(this.options.jdbcUser() != null) ? this.options.jdbcUser() : "sa", this.options.jdbcPassword(),
				this.options.dataDir(), extra);
		listener.starting("notify-ingest");
		this.ingest = launch(Service.INGEST, base);
		String notifyUrl = Wiring.notifyUrl("127.0.0.1", this.ingest.port());
		listener.started("notify-ingest", "http://127.0.0.1:" + this.ingest.port() + " (callbacks: " + notifyUrl + ")");
		this.wiring = new Wiring(this.kafka, this.sandbox.baseUrl(), this.merchants, notifyUrl, jdbcUrl,
				base.jdbcUser(), base.jdbcPassword(), this.options.dataDir(), extra);
		listener.starting("stream-app");
		this.stream = launch(Service.STREAM, this.wiring);
		listener.started("stream-app", "http://127.0.0.1:" + this.stream.port() + " (POST /payments)");
		if (this.options.startBatch()) {
			listener.starting("batch-jobs");
			this.batch = launch(Service.BATCH, this.wiring);
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

	private RunningService launch(Service service, Wiring wiring) {
		RunningService running = ServiceLauncher.start(service, wiring.properties(service, this.options.port(service)));
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

	public RunningService ingest() {
		return this.ingest;
	}

	public RunningService stream() {
		return this.stream;
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
		return URI.create("http://127.0.0.1:" + this.stream.port());
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
