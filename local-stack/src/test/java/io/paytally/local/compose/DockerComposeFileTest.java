package io.paytally.local.compose;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import io.paytally.wechat.MerchantProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The root {@code docker-compose.yml} (a real merchant's deployment) and
 * {@code docker-compose.trial.yml} (the sandbox and generated keys on top) say what the
 * README promises, read as files: which services each mode runs, one image build, each
 * service from its own jar with a memory limit, ports on the loopback only, the keys
 * read-only, and no {@code ${VAR:-default}} that Compose would cut at a {@code }}.
 */
class DockerComposeFileTest {

	static final Path COMPOSE_FILE = Path.of("..", "docker-compose.yml");

	static final Path TRIAL_FILE = Path.of("..", "docker-compose.trial.yml");

	static final Path TRIAL_ENV = Path.of("..", "trial.env");

	static final Set<String> LAUNCHER_COMMANDS = Set.of("sandbox", "topics", "keygen");

	static Map<String, Object> services;

	static Map<String, Object> trialServices;

	@BeforeAll
	static void read() throws IOException {
		services = map(load(COMPOSE_FILE).get("services"));
		trialServices = map(load(TRIAL_FILE).get("services"));
	}

	@Test
	void runsARealMerchantWithoutSandboxOrKeygen() {
		assertThat(services).containsOnlyKeys("kafka", "kafka-2", "kafka-3", "topics-init", "postgres", "notify-ingest",
				"notify-ingest-2", "ingest-balancer", "stream-app", "batch-jobs", "dashboard", "prometheus", "grafana");
		assertThat(load(COMPOSE_FILE).get("volumes")).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsOnlyKeys("kafka-data", "kafka-2-data", "kafka-3-data", "pg-data", "batch-data", "dashboard-data",
					"prometheus-data", "grafana-data");
		for (String name : List.of("notify-ingest", "stream-app", "batch-jobs")) {
			assertThat(list(service(name).get("volumes"))).as(name).contains("${PAYTALLY_KEYS_DIR:-./keys}:/keys:ro");
			Map<String, Object> env = map(service(name).get("environment"));
			assertThat(env).as(name)
				.containsEntry("PAYTALLY_WECHAT_BASE_URL", "${PAYTALLY_WECHAT_BASE_URL:-https://api.mch.weixin.qq.com}")
				.containsEntry("PAYTALLY_WECHAT_MERCHANTS_0_PRIVATE_KEY_FILE", "/keys/apiclient_key.pem")
				.containsEntry("PAYTALLY_WECHAT_MERCHANTS_0_PLATFORM_PUBLIC_KEY_FILE", "/keys/pub_key.pem");
			// passed through only when the operator sets it: no v2 key required
			assertThat(env.get("PAYTALLY_WECHAT_MERCHANTS_0_API_V2_KEY_FILE")).as(name).isNull();
		}
	}

	@Test
	void addsSandboxAndKeygenInTrialModeOnly() {
		assertThat(trialServices).containsOnlyKeys("keygen", "sandbox", "notify-ingest", "stream-app", "batch-jobs");
		assertThat(list(trialService("keygen").get("volumes"))).containsExactly("trial-keys:/keys");
		assertThat(list(trialService("sandbox").get("volumes"))).contains("trial-keys:/keys:ro");
		for (String name : List.of("notify-ingest", "stream-app", "batch-jobs")) {
			assertThat(list(trialService(name).get("volumes"))).as(name).containsExactly("trial-keys:/keys:ro");
			assertThat(map(map(trialService(name).get("depends_on")).get("keygen"))).as(name)
				.containsEntry("condition", "service_completed_successfully");
		}
		for (String name : List.of("stream-app", "batch-jobs")) {
			assertThat(map(map(trialService(name).get("depends_on")).get("sandbox"))).as(name)
				.containsEntry("condition", "service_healthy");
		}
	}

	@Test
	void buildsThePaytallyImageOnceBeforeEveryContainerThatRunsIt() {
		List<String> builders = new ArrayList<>();
		services.forEach((name, service) -> {
			if (map(service).containsKey("build")) {
				builders.add(name);
			}
		});
		trialServices.forEach((name, service) -> assertThat(map(service)).as(name).doesNotContainKey("build"));
		assertThat(builders).containsExactly("topics-init");
		assertThat(service("topics-init").get("image")).isEqualTo("paytally:local");
		for (String name : List.of("notify-ingest", "stream-app", "batch-jobs", "dashboard")) {
			assertThat(service(name).get("image")).as(name).isEqualTo("paytally:local");
			assertThat(map(service(name).get("depends_on"))).as(name).containsKey("topics-init");
		}
		assertThat(trialService("keygen").get("image")).isEqualTo("paytally:local");
		assertThat(map(trialService("keygen").get("depends_on"))).containsKey("topics-init");
		assertThat(trialService("sandbox").get("image")).isEqualTo("paytally:local");
		assertThat(map(trialService("sandbox").get("depends_on"))).containsKey("keygen");
	}

	@Test
	void runsEachServiceFromItsOwnJarWithAMemoryLimit() {
		assertThat(list(service("notify-ingest").get("entrypoint"))).endsWith("-jar", "/app/notify-ingest.jar");
		assertThat(list(service("stream-app").get("entrypoint"))).endsWith("-jar", "/app/stream-app.jar");
		assertThat(list(service("batch-jobs").get("entrypoint"))).endsWith("-jar", "/app/batch-jobs.jar");
		assertThat(list(service("topics-init").get("entrypoint"))).endsWith("-jar", "/app/paytally.jar");
		assertThat(list(service("topics-init").get("command"))).startsWith("topics", "--kafka", "kafka:9092");
		for (String name : List.of("keygen", "sandbox")) {
			assertThat(list(trialService(name).get("entrypoint"))).as(name).endsWith("-jar", "/app/paytally.jar");
			assertThat(LAUNCHER_COMMANDS).as(name).contains(list(trialService(name).get("command")).get(0));
		}
		Map<String, Object> all = new java.util.LinkedHashMap<>(services);
		all.putAll(Map.of("keygen", trialService("keygen"), "sandbox", trialService("sandbox")));
		all.forEach((name, service) -> {
			assertThat(map(service)).as(name).containsKey("mem_limit");
			if ("paytally:local".equals(map(service).get("image"))) {
				assertThat(list(map(service).get("entrypoint"))).as(name)
					.anyMatch((argument) -> argument.startsWith("-XX:MaxRAMPercentage="));
			}
		});
		assertThat(map(service("kafka").get("environment"))).containsKey("KAFKA_HEAP_OPTS");
	}

	@Test
	void publishesKafkaOnTheLoopbackOnlyAndTheSandboxNowhere() {
		assertThat(list(service("kafka").get("ports"))).containsExactly("127.0.0.1:9094:9094");
		assertThat(trialService("sandbox")).doesNotContainKey("ports");
	}

	@Test
	void publishesOnlyTheCallbackPortOfNotifyIngest() {
		assertThat(list(service("notify-ingest").get("ports"))).containsExactly("8081:8081");
		assertThat(map(service("notify-ingest").get("environment"))).containsEntry("NOTIFY_INGEST_MANAGEMENT_ADDRESS",
				"0.0.0.0");
		// healthy on readiness's status 200: its body holds an UP component even when
		// DOWN
		assertThat(list(map(service("notify-ingest").get("healthcheck")).get("test")).get(3))
			.contains("/dev/tcp/127.0.0.1/8091")
			.contains("GET /actuator/health/readiness")
			.endsWith("head -n 1 <&3 | grep -q ' 200'");
	}

	@Test
	void addsTwoBrokersASecondIngestAndItsBalancerInTheClusterProfileOnly() {
		services.forEach((name, service) -> {
			if (List.of("kafka-2", "kafka-3", "notify-ingest-2", "ingest-balancer").contains(name)) {
				assertThat(list(map(service).get("profiles"))).as(name).containsExactly("cluster");
			}
			else if (!"batch-jobs".equals(name)) {
				assertThat(map(service)).as(name).doesNotContainKey("profiles");
			}
		});
		assertThat(list(service("notify-ingest-2").get("ports"))).isEmpty();
		assertThat(service("kafka-2")).doesNotContainKey("ports");
		assertThat(service("ingest-balancer").get("image")).asString().startsWith("nginx:");
		assertThat(list(service("ingest-balancer").get("volumes")))
			.containsExactly("./deploy/ingest-balancer.conf:/etc/nginx/conf.d/default.conf:ro");
		assertThat(Path.of("..", "deploy", "ingest-balancer.conf")).content()
			.contains("server notify-ingest:8081", "server notify-ingest-2:8081", "proxy_next_upstream error timeout;",
					"proxy_read_timeout 5s;");
		for (String name : List.of("kafka", "kafka-2", "kafka-3")) {
			assertThat(map(service(name).get("environment"))).as(name)
				.containsEntry("KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE", "false")
				.containsEntry("KAFKA_ADD_PARTITIONS_TO_TXN_RETRY_BACKOFF_MAX_MS", "1000")
				.containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "${KAFKA_MIN_INSYNC_REPLICAS:-1}")
				.containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "${KAFKA_REPLICATION_FACTOR:-1}");
		}
	}

	@Test
	void checksPostgresOverTcpAndWaitsForIt() {
		assertThat(list(map(service("postgres").get("healthcheck")).get("test")).get(1))
			.startsWith("pg_isready -h 127.0.0.1 ");
		assertThat(map(map(service("batch-jobs").get("depends_on")).get("postgres"))).containsEntry("condition",
				"service_healthy");
	}

	@Test
	void cutsNoVariableDefaultAtABrace() throws IOException {
		Pattern variable = Pattern.compile("\\$\\{([^}]*)}");
		for (Path file : List.of(COMPOSE_FILE, TRIAL_FILE)) {
			for (String line : Files.readAllLines(file)) {
				Matcher matcher = variable.matcher(line.replace("$${", "$$("));
				while (matcher.find()) {
					assertThat(matcher.group(1)).as(file + ": " + line).doesNotContain("{");
				}
			}
		}
	}

	@Test
	void requiresEveryMerchantSettingInRealMerchantMode() {
		Map<String, Object> env = map(service("stream-app").get("environment"));
		assertThat(String.valueOf(env.get("PAYTALLY_INTAKE_NOTIFY_URL"))).startsWith("${PAYTALLY_NOTIFY_URL:?");
		for (String key : List.of("MCHID", "APPID", "MERCHANT_SERIAL_NUMBER", "PLATFORM_PUBLIC_KEY_ID")) {
			assertThat(String.valueOf(env.get("PAYTALLY_WECHAT_MERCHANTS_0_" + key))).as(key).contains(":?set ");
		}
	}

	@Test
	void configuresMerchantsWithSettingsTheServicesKnow() {
		Set<String> components = Arrays.stream(MerchantProperties.class.getRecordComponents())
			.map((component) -> component.getName().toLowerCase())
			.collect(Collectors.toSet());
		for (Map<String, Object> env : List.of(map(service("notify-ingest").get("environment")),
				map(service("stream-app").get("environment")), map(service("batch-jobs").get("environment")),
				map(trialService("stream-app").get("environment")))) {
			List<String> merchantKeys = env.keySet()
				.stream()
				.filter((key) -> key.startsWith("PAYTALLY_WECHAT_MERCHANTS_0_"))
				.map((key) -> key.substring("PAYTALLY_WECHAT_MERCHANTS_0_".length()).replace("_", "").toLowerCase())
				.toList();
			assertThat(components).containsAll(merchantKeys);
		}
		for (String name : List.of("notify-ingest", "stream-app", "batch-jobs")) {
			assertThat(map(service(name).get("environment"))).as(name)
				.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "${PAYTALLY_KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}");
		}
	}

	@Test
	void checksHealthAndRestartsEveryLongRunningService() {
		for (String name : List.of("kafka", "kafka-2", "kafka-3", "postgres", "notify-ingest", "notify-ingest-2",
				"ingest-balancer", "stream-app", "batch-jobs", "dashboard", "prometheus", "grafana")) {
			assertThat(service(name)).as(name).containsKey("healthcheck");
			assertThat(service(name).get("restart")).as(name).isEqualTo("unless-stopped");
		}
		assertThat(trialService("sandbox")).containsKey("healthcheck").containsEntry("restart", "unless-stopped");
		assertThat(service("topics-init").get("restart")).isEqualTo("no");
		assertThat(trialService("keygen").get("restart")).isEqualTo("no");
		assertThat(map(service("stream-app").get("deploy"))).containsEntry("replicas", "${STREAM_APP_REPLICAS:-2}");
		assertThat(list(service("batch-jobs").get("profiles"))).containsExactly("batch");
	}

	static Map<String, Object> load(Path file) {
		try (Reader reader = Files.newBufferedReader(file)) {
			return map(new Yaml(new LoaderOptions()).load(reader));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + file, ex);
		}
	}

	private static Map<String, Object> service(String name) {
		return map(services.get(name));
	}

	private static Map<String, Object> trialService(String name) {
		return map(trialServices.get(name));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	static List<String> list(Object value) {
		assertThat(value).isInstanceOf(List.class);
		return ((List<Object>) value).stream().map(String::valueOf).toList();
	}

}
