package io.paytally.local.compose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import static io.paytally.local.compose.DockerComposeFileTest.list;
import static io.paytally.local.compose.DockerComposeFileTest.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Compose makes of the files, offline ({@code docker-compose config}: no Docker
 * engine needed): a real merchant's operator's {@code .env} comes out exactly (the notify
 * URL as set, no sandbox, no keygen, no v2 key), a missing setting stops Compose naming
 * it, and the trial adds the sandbox and keygen. Where {@code docker-compose} is missing
 * the tests are skipped saying so, except under CI ({@code PAYTALLY_CI=true}, set by
 * {@code .ci/run}), where they fail.
 */
class DockerComposeConfigIT {

	static final String OPERATOR_NOTIFY_URL = "https://pay.example.com/cb/wechatpay/{mchid}";

	static final String OPERATOR_ENV = """
			PAYTALLY_MCHID=1230000109
			PAYTALLY_APPID=wxd678efh567hg6787
			PAYTALLY_MERCHANT_SERIAL_NUMBER=5157F09EFDC096DE15EBE81A47057A7232F1B8E1
			PAYTALLY_PLATFORM_PUBLIC_KEY_ID=PUB_KEY_ID_0112300001092025010100000000
			PAYTALLY_NOTIFY_URL=%s
			""".formatted(OPERATOR_NOTIFY_URL);

	static DockerComposeCli compose;

	@BeforeAll
	static void findDockerCompose() {
		compose = DockerComposeCli.require();
	}

	@Test
	void rendersARealMerchantsSettingsExactlyWithoutSandboxKeygenOrV2Key(@TempDir Path project) throws Exception {
		Map<String, Object> services = map(
				compose.render(DockerComposeCli.operatorProject(project, OPERATOR_ENV)).get("services"));

		assertThat(services).containsOnlyKeys("kafka", "kafka-2", "kafka-3", "topics-init", "postgres", "notify-ingest",
				"notify-ingest-2", "ingest-balancer", "stream-app", "batch-jobs", "dashboard", "prometheus", "grafana");
		assertThat(map(map(services.get("stream-app")).get("environment"))).containsEntry("PAYTALLY_INTAKE_NOTIFY_URL",
				OPERATOR_NOTIFY_URL);
		for (String name : List.of("notify-ingest", "stream-app", "batch-jobs")) {
			Map<String, Object> env = map(map(services.get(name)).get("environment"));
			assertThat(env).as(name)
				.containsEntry("PAYTALLY_WECHAT_BASE_URL", "https://api.mch.weixin.qq.com")
				.containsEntry("PAYTALLY_WECHAT_MERCHANTS_0_MCHID", "1230000109")
				.containsEntry("PAYTALLY_WECHAT_MERCHANTS_0_PLATFORM_PUBLIC_KEY_ID",
						"PUB_KEY_ID_0112300001092025010100000000")
				.containsEntry("PAYTALLY_WECHAT_MERCHANTS_0_PRIVATE_KEY_FILE", "/keys/apiclient_key.pem");
			assertThat(env.get("PAYTALLY_WECHAT_MERCHANTS_0_API_V2_KEY_FILE")).as(name).isNull();
			assertThat(String.valueOf(map(services.get(name)).get("volumes"))).as(name)
				.contains(project.resolve("keys") + ":/keys:ro");
		}
		assertThat(String.valueOf(map(services.get("kafka")).get("ports"))).contains("127.0.0.1");
		// the monitoring: published on this machine only, Prometheus's config and
		// Grafana's
		// provisioning from the project's files
		for (String name : List.of("dashboard", "prometheus", "grafana")) {
			assertThat(list(map(services.get(name)).get("ports"))).as(name)
				.isNotEmpty()
				.allMatch((port) -> port.startsWith("127.0.0.1:"));
		}
		assertThat(String.valueOf(map(services.get("prometheus")).get("volumes")))
			.contains(project.resolve("monitoring/prometheus.yml") + ":/etc/prometheus/prometheus.yml:ro");
		assertThat(map(map(services.get("dashboard")).get("environment")))
			.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
			.containsEntry("PAYTALLY_REPORTS_DIR", "/batch/reports");
	}

	@Test
	void runsSingleBrokerSettingsWithoutTheClusterEnv(@TempDir Path project) throws Exception {
		Map<String, Object> rendered = compose.render(DockerComposeCli.operatorProject(project, OPERATOR_ENV));

		assertThat(DockerComposeCli.environment(rendered, "kafka"))
			.containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093")
			.containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
			.containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "1");
		assertThat(DockerComposeCli.environment(rendered, "stream-app"))
			.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
			.containsEntry("PAYTALLY_STREAM_REPLICATIONFACTOR", "1");
		assertThat(map(map(map(rendered.get("services")).get("stream-app")).get("deploy"))).containsEntry("replicas",
				2);
	}

	@Test
	void runsTheClusterProfileOnThreeBrokersWithTheProductionSettings(@TempDir Path project) throws Exception {
		String clusterEnv = Files.readString(Path.of("..", "cluster.env"));
		Map<String, Object> rendered = compose
			.render(DockerComposeCli.operatorProject(project, OPERATOR_ENV + clusterEnv));
		Map<String, Object> services = map(rendered.get("services"));

		for (String name : List.of("kafka", "kafka-2", "kafka-3")) {
			assertThat(DockerComposeCli.environment(rendered, name)).as(name)
				.containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093,2@kafka-2:9093,3@kafka-3:9093")
				.containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
				.containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
				.containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
				.containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
				.containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
				.containsEntry("KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE", "false");
		}
		assertThat(String.valueOf(DockerComposeCli.environment(rendered, "kafka-3").get("KAFKA_NODE_ID")))
			.isEqualTo("3");
		assertThat(DockerComposeCli.environment(rendered, "kafka-3")).containsEntry("KAFKA_ADVERTISED_LISTENERS",
				"PLAINTEXT://kafka-3:9092");
		assertThat(list(map(services.get("topics-init")).get("command"))).containsSequence("--replication-factor", "3",
				"--min-insync-replicas", "2");
		for (String name : List.of("notify-ingest", "notify-ingest-2", "stream-app", "batch-jobs")) {
			assertThat(DockerComposeCli.environment(rendered, name)).as(name)
				.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092,kafka-2:9092,kafka-3:9092");
		}
		assertThat(DockerComposeCli.environment(rendered, "notify-ingest-2"))
			.containsEntry("PAYTALLY_WECHAT_MERCHANTS_0_MCHID", "1230000109")
			.containsEntry("PAYTALLY_INGEST_TOPICS_REPLICATIONFACTOR", "3");
		assertThat(DockerComposeCli.environment(rendered, "stream-app"))
			.containsEntry("PAYTALLY_STREAM_REPLICATIONFACTOR", "3");
		assertThat(map(map(services.get("stream-app")).get("deploy"))).containsEntry("replicas", 3);
		assertThat(String.valueOf(map(services.get("ingest-balancer")).get("ports"))).contains("8080");
		assertThat(list(map(services.get("notify-ingest-2")).get("ports"))).isEmpty();
	}

	@Test
	void passesAnApiV2KeyFileOnlyWhenTheOperatorSetsOne(@TempDir Path project) throws Exception {
		Map<String, Object> rendered = compose.render(DockerComposeCli.operatorProject(project,
				OPERATOR_ENV + "PAYTALLY_WECHAT_MERCHANTS_0_API_V2_KEY_FILE=/keys/api_v2_key\n"));

		assertThat(DockerComposeCli.environment(rendered, "notify-ingest"))
			.containsEntry("PAYTALLY_WECHAT_MERCHANTS_0_API_V2_KEY_FILE", "/keys/api_v2_key");
	}

	@Test
	void refusesToStartARealMerchantWithoutANotifyUrlNamingTheVariable(@TempDir Path project) throws Exception {
		DockerComposeCli.Result result = compose.run(
				DockerComposeCli.operatorProject(project, OPERATOR_ENV.replaceAll("PAYTALLY_NOTIFY_URL=.*\n", "")),
				List.of("config", "-q"));

		assertThat(result.exitCode()).as(result.errors()).isNotZero();
		assertThat(result.errors())
			.contains("set PAYTALLY_NOTIFY_URL, the public HTTPS URL WeChat Pay calls back (see .env.example)");
	}

	@Test
	void rendersTheTrialWithSandboxAndKeygenOnTheComposeNetworkOnly() throws Exception {
		Path root = DockerComposeFileTest.COMPOSE_FILE.toAbsolutePath().normalize().getParent();
		DockerComposeCli.Result result = compose.run(root, List.of("--env-file",
				DockerComposeFileTest.TRIAL_ENV.toAbsolutePath().normalize().toString(), "config"));
		assertThat(result.exitCode()).as(result.errors()).isZero();
		Map<String, Object> services = map(map(new Yaml(new LoaderOptions()).load(result.output())).get("services"));

		assertThat(services).containsKeys("keygen", "sandbox");
		assertThat(list(map(services.get("keygen")).get("command"))).containsExactly("keygen", "--out", "/keys",
				"--mchid", "1900000001", "--appid", "wx0000000000demo01", "--serial-number",
				"3775B6A45ACD588826D15E583A95F5DD7C5E5A12", "--platform-key-id",
				"PUB_KEY_ID_0100000000000000000000000000");
		// the sandbox's control API pays orders and hands out keys: never published
		assertThat(map(services.get("sandbox"))).doesNotContainKey("ports");
		Map<String, Object> stream = map(services.get("stream-app"));
		assertThat(map(stream.get("environment")))
			.containsEntry("PAYTALLY_INTAKE_NOTIFY_URL", "http://notify-ingest:8081/wechatpay/v3/notify/{mchid}")
			.containsEntry("PAYTALLY_WECHAT_BASE_URL", "http://sandbox:8090")
			.containsEntry("PAYTALLY_WECHAT_MERCHANTS_0_PRIVATE_KEY_FILE", "/keys/merchant_private_key.pem");
		assertThat(map(map(services.get("batch-jobs")).get("depends_on"))).containsKeys("keygen", "sandbox", "postgres",
				"topics-init");
	}

}
