package io.paytally.local.compose;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.paytally.ingest.NotifyIngestApplication;
import io.paytally.local.keys.KeyFiles;
import io.paytally.local.service.RunningService;
import io.paytally.local.service.Service;
import io.paytally.local.service.ServiceLauncher;
import io.paytally.sandbox.SandboxControl;
import io.paytally.schemas.topics.TopicSettings;
import io.paytally.stream.StreamApplication;
import io.paytally.stream.security.ApiKeys;
import io.paytally.testkit.EmbeddedKafkaCluster;
import io.paytally.wechat.MerchantKeyFileMissing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * notify-ingest and stream-app started on exactly the environment Compose renders for a
 * real merchant's operator ({@code docker-compose config} with their {@code .env}): the
 * merchant's files under WeChat's names, no API v2 key, against the in-JVM broker, with
 * the sandbox posing as WeChat Pay at the configured base URL. A payment made through
 * stream-app reaches the sandbox with the operator's notify URL, and its callback is
 * verified and acknowledged by notify-ingest. Without a key file, notify-ingest refuses
 * to start naming it.
 */
class RealMerchantStartIT {

	private static final String MCHID = "1230000109";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String CALLER_KEY = "real-merchant-order-system-key";

	static DockerComposeCli compose;

	@BeforeAll
	static void findDockerCompose() {
		compose = DockerComposeCli.require();
	}

	@Test
	void takesAPaymentAndItsCallbackOnTheRenderedRealMerchantConfiguration(@TempDir Path dir) throws Exception {
		KeyFiles wechatSide = trialKeys(dir);
		Path keys = merchantFiles(wechatSide, dir.resolve("keys"));
		int ingestPort = freePort();
		int streamPort = freePort();
		try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(1, TopicSettings.SINGLE_BROKER,
				dir.resolve("kafka"));
				RunningService sandbox = ServiceLauncher.start(Service.SANDBOX, sandboxProperties(wechatSide))) {
			URI sandboxUrl = URI.create("http://127.0.0.1:" + sandbox.port());
			String notifyUrl = "http://127.0.0.1:" + ingestPort + "/wechatpay/v3/notify/{mchid}";
			Map<String, Object> rendered = compose.render(DockerComposeCli.operatorProject(dir.resolve("project"),
					operatorEnv(notifyUrl, keys) + "PAYTALLY_WECHAT_BASE_URL=" + sandboxUrl + "\n"));
			Map<String, String> ingestEnv = inJvm(DockerComposeCli.environment(rendered, "notify-ingest"), keys, kafka,
					ingestPort);
			Map<String, String> streamEnv = inJvm(DockerComposeCli.environment(rendered, "stream-app"), keys, kafka,
					streamPort);
			streamEnv.put("PAYTALLY_STREAM_STATE_DIR", dir.resolve("stream-state").toString());
			streamEnv.put("PAYTALLY_STREAM_APPLICATION_SERVER", "127.0.0.1:" + streamPort);
			// the merchant's order system as stream-app's caller (see README, "Security")
			streamEnv.put("PAYTALLY_SECURITY_CALLERS_0_NAME", "order-system");
			streamEnv.put("PAYTALLY_SECURITY_CALLERS_0_KEY_SHA256", ApiKeys.sha256(CALLER_KEY));
			streamEnv.put("PAYTALLY_SECURITY_CALLERS_0_MERCHANTS_0", MCHID);
			ingestEnv.put("NOTIFY_INGEST_MANAGEMENT_PORT", "0");
			assertThat(ingestEnv).doesNotContainKey("PAYTALLY_WECHAT_MERCHANTS_0_API_V2_KEY_FILE")
				.containsEntry("PAYTALLY_WECHAT_BASE_URL", sandboxUrl.toString());

			try (ConfigurableApplicationContext ingest = start(NotifyIngestApplication.application(), ingestEnv);
					ConfigurableApplicationContext stream = start(new SpringApplicationBuilder(StreamApplication.class)
						.properties("spring.config.name=" + StreamApplication.CONFIG_NAME), streamEnv)) {
				String outTradeNo = pay(URI.create("http://127.0.0.1:" + streamPort + "/payments"));
				SandboxControl control = new SandboxControl(sandboxUrl);

				assertThat(control.groundTruth(MCHID, outTradeNo).notifyUrl())
					.isEqualTo("http://127.0.0.1:" + ingestPort + "/wechatpay/v3/notify/" + MCHID);
				control.pay(MCHID, outTradeNo);
				await().atMost(Duration.ofSeconds(60))
					.untilAsserted(() -> assertThat(control.callbacks(outTradeNo))
						.anySatisfy((attempt) -> assertThat(attempt.status()).isEqualTo(200)));
			}
		}
	}

	@Test
	void refusesToStartNamingTheMissingKeyFile(@TempDir Path dir) throws Exception {
		Path keys = merchantFiles(trialKeys(dir), dir.resolve("keys"));
		Files.delete(keys.resolve("pub_key.pem"));
		Map<String, Object> rendered = compose.render(DockerComposeCli.operatorProject(dir.resolve("project"),
				operatorEnv("https://pay.example.com/wechatpay/v3/notify/{mchid}", keys)));
		Map<String, String> env = new LinkedHashMap<>(
				inJvm(DockerComposeCli.environment(rendered, "notify-ingest"), keys, null, freePort()));
		env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");

		assertThatException().isThrownBy(() -> start(NotifyIngestApplication.application(), env).close())
			.havingRootCause()
			.isInstanceOf(MerchantKeyFileMissing.class)
			.withMessageStartingWith("Merchant " + MCHID + " cannot be served: its platform-public-key-file "
					+ keys.resolve("pub_key.pem") + " does not exist.");
	}

	/** WeChat Pay's side and the merchant's key pair, as the sandbox needs them. */
	private static KeyFiles trialKeys(Path dir) {
		KeyFiles keys = new KeyFiles(dir.resolve("sandbox-keys"));
		keys.generate(MCHID, "wxd678efh567hg6787", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
				"PUB_KEY_ID_0112300001092025010100000000");
		return keys;
	}

	/**
	 * The merchant's directory as downloaded from WeChat Pay's merchant platform: its
	 * private key, its APIv3 key and WeChat Pay's public key, no v2 key.
	 */
	private static Path merchantFiles(KeyFiles keys, Path target) throws IOException {
		Files.createDirectories(target);
		Files.copy(keys.directory().resolve(KeyFiles.MERCHANT_PRIVATE_KEY), target.resolve("apiclient_key.pem"));
		Files.copy(keys.directory().resolve(KeyFiles.API_V3_KEY), target.resolve("api_v3_key"));
		Files.copy(keys.directory().resolve(KeyFiles.PLATFORM_PUBLIC_KEY), target.resolve("pub_key.pem"));
		return target;
	}

	private static String operatorEnv(String notifyUrl, Path keys) {
		return """
				PAYTALLY_MCHID=%s
				PAYTALLY_APPID=wxd678efh567hg6787
				PAYTALLY_MERCHANT_SERIAL_NUMBER=5157F09EFDC096DE15EBE81A47057A7232F1B8E1
				PAYTALLY_PLATFORM_PUBLIC_KEY_ID=PUB_KEY_ID_0112300001092025010100000000
				PAYTALLY_NOTIFY_URL=%s
				PAYTALLY_KEYS_DIR=%s
				""".formatted(MCHID, notifyUrl, keys);
	}

	/**
	 * A service's rendered environment as it runs in this JVM: the {@code /keys} mount is
	 * the merchant's directory, Kafka the in-JVM broker, the port a free one.
	 */
	private static Map<String, String> inJvm(Map<String, Object> rendered, Path keys, EmbeddedKafkaCluster kafka,
			int port) {
		Map<String, String> env = new HashMap<>();
		rendered.forEach((name, value) -> {
			if (value != null) {
				String text = String.valueOf(value);
				env.put(name,
						text.startsWith("/keys/") ? keys.resolve(text.substring("/keys/".length())).toString() : text);
			}
		});
		if (kafka != null) {
			env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
		}
		env.put("SERVER_PORT", String.valueOf(port));
		return env;
	}

	private static Map<String, Object> sandboxProperties(KeyFiles keys) {
		Path dir = keys.directory().toAbsolutePath();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", 0);
		properties.put("server.address", "127.0.0.1");
		properties.put("sandbox.merchants[0].mchid", keys.read(KeyFiles.MCHID));
		properties.put("sandbox.merchants[0].appid", keys.read(KeyFiles.APPID));
		properties.put("sandbox.merchants[0].serial-number", keys.read(KeyFiles.MERCHANT_SERIAL_NUMBER));
		properties.put("sandbox.merchants[0].private-key-file", dir.resolve(KeyFiles.MERCHANT_PRIVATE_KEY).toString());
		properties.put("sandbox.merchants[0].public-key-file", dir.resolve(KeyFiles.MERCHANT_PUBLIC_KEY).toString());
		properties.put("sandbox.merchants[0].api-v3-key", keys.read(KeyFiles.API_V3_KEY));
		properties.put("sandbox.merchants[0].api-v2-key", keys.read(KeyFiles.API_V2_KEY));
		properties.put("sandbox.platform-private-key-file", dir.resolve(KeyFiles.PLATFORM_PRIVATE_KEY).toString());
		properties.put("sandbox.platform-public-key-id", keys.read(KeyFiles.PLATFORM_PUBLIC_KEY_ID));
		return properties;
	}

	/**
	 * Starts a service with {@code env} as its process environment, over everything else.
	 */
	private static ConfigurableApplicationContext start(SpringApplicationBuilder builder, Map<String, String> env) {
		Map<String, Object> source = new HashMap<>(env);
		return builder.bannerMode(Banner.Mode.OFF)
			.registerShutdownHook(false)
			.initializers((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(
						"docker-compose-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source)))
			.run();
	}

	/**
	 * POST /payments of a NATIVE payment until stream-app answers 201; its out_trade_no.
	 */
	private static String pay(URI payments) throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("mchid", MCHID);
		body.put("merchant_order_no", "ORDER-REAL-1");
		body.put("amount", 1999);
		body.put("description", "real merchant start");
		body.put("trade_type", "NATIVE");
		body.put("time_expire", DateTimeFormatter.ISO_OFFSET_DATE_TIME
			.format(OffsetDateTime.now(ZoneOffset.ofHours(8)).plusMinutes(30).truncatedTo(ChronoUnit.SECONDS)));
		String last = null;
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (System.nanoTime() < deadline) {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(payments)
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + CALLER_KEY)
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			if (response.statusCode() == 201) {
				JsonNode payment = JSON.readTree(response.body());
				return payment.path("out_trade_no").asString();
			}
			last = response.statusCode() + " " + response.body();
			Thread.sleep(500);
		}
		throw new AssertionError("stream-app took no payment within 90 s; last answer: " + last);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
