package io.paytally.local.compose;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import io.paytally.wechat.MerchantProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The root {@code docker-compose.yml} says what the README promises: Kafka in KRaft with
 * auto-creation off and topics from the catalog, PostgreSQL, the sandbox, the services
 * (stream-app twice), batch-jobs on demand, health checks, restart policies and volumes.
 */
class DockerComposeFileTest {

	static final Path COMPOSE_FILE = Path.of("..", "docker-compose.yml");

	static final Set<String> COMMANDS = Set.of("sandbox", "ingest", "stream", "batch", "statement", "topics", "keygen");

	static Map<String, Object> compose;

	static Map<String, Object> services;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void read() throws IOException {
		try (Reader reader = Files.newBufferedReader(COMPOSE_FILE)) {
			LoaderOptions options = new LoaderOptions();
			compose = new Yaml(options).load(reader);
		}
		services = (Map<String, Object>) compose.get("services");
	}

	@Test
	void runsEveryPartOfPaytally() {
		assertThat(services).containsOnlyKeys("kafka", "topics-init", "keygen", "postgres", "sandbox", "notify-ingest",
				"stream-app", "batch-jobs");
		assertThat(compose.get("volumes")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsKeys("kafka-data", "pg-data", "keys");
	}

	@Test
	void runsKafkaInKraftWithoutTopicAutoCreation() {
		Map<String, Object> kafka = service("kafka");
		assertThat(kafka.get("image")).isEqualTo("apache/kafka:4.2.1");
		Map<String, Object> env = map(kafka.get("environment"));
		assertThat(env).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
			.containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
			.containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", 1)
			.containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", 1)
			.containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", 1);
		assertThat(list(kafka.get("volumes"))).contains("kafka-data:/var/lib/kafka/data");
		assertThat(list(service("topics-init").get("command"))).startsWith("topics", "--kafka", "kafka:9092");
		assertThat(map(map(service("topics-init").get("depends_on")).get("kafka"))).containsEntry("condition",
				"service_healthy");
	}

	@Test
	void sharesStreamAppPartitionsBetweenTwoReplicas() {
		assertThat(map(service("stream-app").get("deploy"))).containsEntry("replicas", 2);
		assertThat(list(service("stream-app").get("ports"))).containsExactly("8082");
	}

	@Test
	void runsBatchJobsOnDemand() {
		Map<String, Object> batch = service("batch-jobs");
		assertThat(list(batch.get("profiles"))).containsExactly("batch");
		assertThat(map(batch.get("environment"))).containsEntry("SPRING_DATASOURCE_URL",
				"jdbc:postgresql://postgres:5432/paytally");
	}

	@Test
	void checksHealthAndRestartsEveryLongRunningService() {
		for (String name : List.of("kafka", "postgres", "sandbox", "notify-ingest", "stream-app", "batch-jobs")) {
			assertThat(service(name)).as(name).containsKey("healthcheck");
			assertThat(service(name).get("restart")).as(name).isEqualTo("unless-stopped");
		}
		for (String name : List.of("topics-init", "keygen")) {
			assertThat(service(name).get("restart")).as(name).isEqualTo("no");
		}
	}

	@Test
	void startsPaytallyImagesWithKnownCommands() {
		for (String name : List.of("topics-init", "keygen", "sandbox", "notify-ingest", "stream-app", "batch-jobs")) {
			Map<String, Object> service = service(name);
			assertThat(service.get("image")).as(name).isEqualTo("paytally:local");
			assertThat(service.get("build")).as(name).isEqualTo(".");
			assertThat(list(service.get("entrypoint"))).as(name).endsWith("-jar", "/app/paytally.jar");
			assertThat(COMMANDS).as(name).contains(list(service.get("command")).get(0));
		}
	}

	@Test
	void configuresMerchantsWithSettingsTheServicesKnow() {
		Set<String> components = Arrays.stream(MerchantProperties.class.getRecordComponents())
			.map((component) -> component.getName().toLowerCase())
			.collect(Collectors.toSet());
		for (String name : List.of("notify-ingest", "stream-app", "batch-jobs")) {
			Map<String, Object> env = map(service(name).get("environment"));
			List<String> merchantKeys = env.keySet()
				.stream()
				.filter((key) -> key.startsWith("PAYTALLY_WECHAT_MERCHANTS_0_"))
				.map((key) -> key.substring("PAYTALLY_WECHAT_MERCHANTS_0_".length()).replace("_", "").toLowerCase())
				.toList();
			assertThat(components).as(name).containsAll(merchantKeys);
			assertThat(merchantKeys).as(name)
				.contains("mchid", "privatekeyfile", "apiv3keyfile", "platformpublickeyfile", "platformpublickeyid");
			assertThat(env).as(name).containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
		}
	}

	private static Map<String, Object> service(String name) {
		return map(services.get(name));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<String> list(Object value) {
		assertThat(value).isInstanceOf(List.class);
		return ((List<Object>) value).stream().map(String::valueOf).toList();
	}

}
