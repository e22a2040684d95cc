package io.paytally.ingest.support;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.paytally.ingest.support.WechatPayFixture.Callback;
import io.paytally.sandbox.OrderTruth;
import io.paytally.sandbox.Sandbox;
import io.paytally.sandbox.SandboxOptions;
import io.paytally.schemas.topics.Topic;
import io.paytally.schemas.topics.TopicSettings;
import io.paytally.testkit.EmbeddedKafkaCluster;
import io.paytally.testkit.KafkaTestBroker;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * notify-ingest as its integration tests run it: a Kafka of the testkit (one broker, or
 * an in-JVM cluster with the production settings for a cluster), the sandbox playing
 * WeChat Pay and/or a {@link WechatPayFixture} signing callbacks, the application
 * configured for their merchants, and the helpers the tests share: send a signed
 * callback, read a topic, assert WeChat's reply. Registered as an extension of the test
 * class: started before its first test, closed after its last.
 */
public final class IngestHarness implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

	/** WeChat's v3 success body. */
	public static final String V3_SUCCESS = "{\"code\":\"SUCCESS\",\"message\":\"成功\"}";

	/** WeChat's v2 success body. */
	public static final String V2_SUCCESS = "<xml><return_code><![CDATA[SUCCESS]]></return_code>"
			+ "<return_msg><![CDATA[OK]]></return_msg></xml>";

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

	private final Builder settings;

	private EmbeddedKafkaCluster cluster;

	private KafkaTestBroker broker;

	private Sandbox sandbox;

	private IngestApp app;

	private CapturedLogs logs;

	private IngestHarness(Builder settings) {
		this.settings = settings;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** The Kafka with the test helpers (for a cluster: over all its brokers). */
	public KafkaTestBroker broker() {
		return this.broker;
	}

	/** The in-JVM cluster whose brokers can be stopped one by one, null on one broker. */
	public EmbeddedKafkaCluster cluster() {
		return this.cluster;
	}

	/** The sandbox, null when the test has none. */
	public Sandbox sandbox() {
		return this.sandbox;
	}

	/** WeChat Pay played by the fixture for {@link WechatPayFixture#MCHID}. */
	public WechatPayFixture wechat() {
		return this.settings.wechat;
	}

	/** The running application. */
	public IngestApp app() {
		return this.app;
	}

	/** Every log line since the application started, if asked for. */
	public CapturedLogs logs() {
		return this.logs;
	}

	/**
	 * Runs the application once with other properties than the harness's (merchants' keys
	 * of one phase of a rotation), on the same Kafka, and closes it after.
	 */
	public void runApp(List<String> properties, java.util.function.Consumer<IngestApp> calls) {
		try (IngestApp phase = IngestApp.start(this.broker.bootstrapServers(), properties)) {
			calls.accept(phase);
		}
	}

	/** A v3 callback posted to the fixture merchant's notify URL. */
	public HttpResponse<String> post(Callback callback) {
		return this.app.postV3(WechatPayFixture.MCHID, callback);
	}

	/** A v2 XML callback posted to the fixture merchant's v2 notify URL. */
	public HttpResponse<String> postV2(String xml) {
		return this.app.postV2(WechatPayFixture.MCHID, xml);
	}

	/** A merchant's v3 notify URL on this application. */
	public String v3NotifyUrl(String mchid) {
		return this.app.v3NotifyUrl(mchid);
	}

	/** A merchant's v2 notify URL on this application. */
	public String v2NotifyUrl(String mchid) {
		return this.app.uri("/wechatpay/v2/notify/" + mchid).toString();
	}

	/** An order placed at the sandbox through the official SDK, then paid. */
	public void placeAndPay(String mchid, String outTradeNo, int total, String notifyUrl) {
		SandboxMerchants.prepay(this.sandbox, mchid, outTradeNo, total, notifyUrl);
		this.sandbox.control().pay(mchid, outTradeNo);
	}

	/** Waits until the sandbox has no callback left to send or retry. */
	public void awaitCallbacksSettled(Duration timeout) {
		assertThat(this.sandbox.control().awaitCallbacksSettled(timeout)).as("sandbox callbacks settled").isTrue();
	}

	/** The out_trade_no of a merchant's orders the sandbox holds as paid. */
	public List<String> paidAtSandbox(String mchid) {
		return this.sandbox.control()
			.groundTruth(mchid)
			.stream()
			.filter((truth) -> truth.tradeState().equals("SUCCESS"))
			.map(OrderTruth::outTradeNo)
			.sorted()
			.toList();
	}

	/**
	 * Every committed record of a topic, once at least {@code expected} are there (or
	 * after 30 s, so that the assertion shows the difference).
	 */
	public <V> List<KeyValue<String, V>> read(Topic topic, int expected) {
		return this.broker.readAll(topic, expected, READ_TIMEOUT);
	}

	/** Every record written so far to a topic. */
	public <V> List<KeyValue<String, V>> readNow(Topic topic) {
		return this.broker.readAll(topic);
	}

	/**
	 * How many times each key is on a topic, once at least {@code expected} are there.
	 */
	public Map<String, Long> keyCounts(Topic topic, int expected) {
		List<KeyValue<String, Object>> records = read(topic, expected);
		return records.stream()
			.collect(Collectors.groupingBy((record) -> record.key, LinkedHashMap::new, Collectors.counting()));
	}

	/** Asserts WeChat's v3 success answer. */
	public static void assertAccepted(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(V3_SUCCESS);
	}

	/** Asserts a v3 failure answer: the status and WeChat's JSON failure body. */
	public static void assertRefused(HttpResponse<String> response, int status, String message) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.body()).isEqualTo(v3Failure(message));
	}

	/** As {@link #assertRefused} and the answer's content type is JSON. */
	public static void assertRefusedAsJson(HttpResponse<String> response, int status, String message) {
		assertRefused(response, status, message);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
	}

	/** WeChat's v3 failure body with a message. */
	public static String v3Failure(String message) {
		return "{\"code\":\"FAIL\",\"message\":\"" + message + "\"}";
	}

	/** Asserts WeChat's v2 success answer. */
	public static void assertV2Accepted(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(V2_SUCCESS);
	}

	/** Asserts a v2 failure answer: the status and WeChat's XML failure body. */
	public static void assertV2Refused(HttpResponse<String> response, int status, String message) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.body()).isEqualTo("<xml><return_code><![CDATA[FAIL]]></return_code><return_msg><![CDATA["
				+ message + "]]></return_msg></xml>");
	}

	/** Starts the harness before the test class (as a registered extension). */
	@Override
	public void beforeAll(ExtensionContext context) {
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	private void start() {
		Builder settings = this.settings;
		this.cluster = (settings.brokers > 0) ? EmbeddedKafkaCluster.start(settings.brokers) : null;
		this.broker = (this.cluster != null) ? KafkaTestBroker.of(this.cluster) : KafkaTestBroker.start();
		try {
			List<String> properties = new ArrayList<>();
			if (!settings.sandboxMerchants.isEmpty()) {
				this.sandbox = Sandbox.start(settings.sandbox.build());
				for (String mchid : settings.v2Merchants) {
					this.sandbox.control().v2Callbacks(mchid, true);
				}
				for (Function<Sandbox, List<String>> merchant : settings.sandboxMerchants) {
					properties.addAll(merchant.apply(this.sandbox));
				}
			}
			if (settings.wechat != null) {
				properties.addAll(settings.wechat.merchantProperties(settings.sandboxMerchants.size()));
			}
			if (this.cluster != null) {
				TopicSettings topics = this.cluster.topicSettings();
				properties.add("--paytally.ingest.topics.partitions=" + topics.partitions());
				properties.add("--paytally.ingest.topics.replication-factor=" + topics.replicationFactor());
				properties.add("--paytally.ingest.topics.min-insync-replicas=" + topics.minInsyncReplicas());
			}
			properties.addAll(settings.properties);
			if (settings.app) {
				this.app = IngestApp.start(this.broker.bootstrapServers(), properties);
				if (settings.captureLogs) {
					// after the start: Spring Boot resets logging when a context starts
					this.logs = CapturedLogs.attach();
				}
			}
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	@Override
	public void close() {
		if (this.logs != null) {
			this.logs.close();
			this.logs = null;
		}
		if (this.app != null) {
			this.app.close();
			this.app = null;
		}
		if (this.sandbox != null) {
			this.sandbox.close();
			this.sandbox = null;
		}
		if (this.broker != null) {
			this.broker.close();
			this.broker = null;
		}
	}

	/** What a test class needs started. */
	public static final class Builder {

		private int brokers;

		private final SandboxOptions.Builder sandbox = SandboxOptions.builder();

		private final List<Function<Sandbox, List<String>>> sandboxMerchants = new ArrayList<>();

		private final List<String> v2Merchants = new ArrayList<>();

		private WechatPayFixture wechat;

		private final List<String> properties = new ArrayList<>();

		private boolean app = true;

		private boolean captureLogs;

		private Builder() {
			this.sandbox.timeScale(0.001);
		}

		/**
		 * An in-JVM cluster of that many brokers with the catalog's settings for it
		 * ({@link TopicSettings#forBrokers}), which the application is told too; without
		 * it, one broker of the testkit.
		 */
		public Builder cluster(int brokers) {
			this.brokers = brokers;
			return this;
		}

		/** A sandbox merchant, configured in the application as the sandbox knows it. */
		public Builder sandboxMerchant(String mchid, String appid) {
			int index = this.sandboxMerchants.size();
			return sandboxMerchant(mchid, appid, (sandbox) -> SandboxMerchants.properties(sandbox, mchid, index));
		}

		/**
		 * A sandbox merchant configured in the application by the test (e.g. in
		 * certificate mode).
		 * @param properties the application's properties for the merchant, given the
		 * started sandbox
		 */
		public Builder sandboxMerchant(String mchid, String appid, Function<Sandbox, List<String>> properties) {
			this.sandbox.merchant(mchid, appid);
			this.sandboxMerchants.add(properties);
			return this;
		}

		/** A sandbox merchant whose callbacks are v2 XML. */
		public Builder v2SandboxMerchant(String mchid, String appid) {
			this.v2Merchants.add(mchid);
			return sandboxMerchant(mchid, appid);
		}

		/**
		 * The sandbox's time scale (its retry schedule, compressed); 0.001 unless told.
		 */
		public Builder timeScale(double timeScale) {
			this.sandbox.timeScale(timeScale);
			return this;
		}

		/** WeChat Pay played by a fixture for {@link WechatPayFixture#MCHID}. */
		public Builder wechat(WechatPayFixture wechat) {
			this.wechat = wechat;
			return this;
		}

		/** Command-line style properties of the application ({@code --name=value}). */
		public Builder properties(String... properties) {
			this.properties.addAll(List.of(properties));
			return this;
		}

		/** Kafka and WeChat only: the test starts the application itself. */
		public Builder withoutApp() {
			this.app = false;
			return this;
		}

		/** Captures every log line from the application's start on. */
		public Builder captureLogs() {
			this.captureLogs = true;
			return this;
		}

		/**
		 * The harness, to be registered as an extension of the test class
		 * ({@code @RegisterExtension static}): started before its tests, closed after.
		 */
		public IngestHarness build() {
			return new IngestHarness(this);
		}

		/** The harness, started now; the caller closes it. */
		public IngestHarness start() {
			IngestHarness harness = build();
			harness.start();
			return harness;
		}

	}

}
