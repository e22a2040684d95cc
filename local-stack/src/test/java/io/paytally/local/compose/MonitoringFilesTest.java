package io.paytally.local.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.paytally.local.compose.DockerComposeFileTest.list;
import static io.paytally.local.compose.DockerComposeFileTest.load;
import static io.paytally.local.compose.DockerComposeFileTest.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml's monitoring, read as files: the dashboard, Prometheus and Grafana
 * run with memory limits and loopback-only ports; Prometheus scrapes every service's
 * {@code /actuator/prometheus} at the port its own configuration file gives its
 * management endpoints, on a service the compose file runs; Grafana is provisioned with
 * that Prometheus and a dashboard that parses and names only metrics the services export
 * ({@code exported-metrics.txt}: what their {@code /actuator/prometheus} answered).
 */
class MonitoringFilesTest {

	static final Path MONITORING = Path.of("..", "monitoring");

	static final Path EXPORTED_METRICS = Path.of("src", "test", "resources", "compose", "exported-metrics.txt");

	/** The compose service, its module and configuration file name, per scrape job. */
	static final Map<String, String[]> SERVICES = Map.of("notify-ingest",
			new String[] { "notify-ingest", "notify-ingest" }, "stream-app",
			new String[] { "stream-app", "stream-app" }, "batch-jobs", new String[] { "batch-jobs", "batch-jobs" },
			"dashboard", new String[] { "dashboard", "dashboard" });

	static Map<String, Object> services;

	@BeforeAll
	static void read() {
		services = map(load(DockerComposeFileTest.COMPOSE_FILE).get("services"));
	}

	@Test
	void runsTheDashboardPrometheusAndGrafanaWithMemoryLimitsOnTheLoopbackOnly() {
		for (String name : List.of("dashboard", "prometheus", "grafana")) {
			Map<String, Object> service = map(services.get(name));
			assertThat(service).as(name).containsKeys("mem_limit", "healthcheck");
			assertThat(service.get("restart")).as(name).isEqualTo("unless-stopped");
			assertThat(list(service.get("ports"))).as(name)
				.isNotEmpty()
				.allMatch((port) -> port.startsWith("127.0.0.1:"));
		}
		assertThat(list(map(services.get("dashboard")).get("entrypoint"))).endsWith("-jar", "/app/dashboard.jar");
		assertThat(list(map(services.get("dashboard")).get("ports"))).containsExactly("127.0.0.1:8084:8084");
		assertThat(String.valueOf(map(services.get("prometheus")).get("image"))).startsWith("prom/prometheus:");
		assertThat(String.valueOf(map(services.get("grafana")).get("image"))).startsWith("grafana/grafana:");
		assertThat(list(map(services.get("prometheus")).get("volumes")))
			.contains("./monitoring/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
		assertThat(list(map(services.get("grafana")).get("volumes"))).contains(
				"./monitoring/grafana/provisioning:/etc/grafana/provisioning:ro",
				"./monitoring/grafana/dashboards:/var/lib/grafana/dashboards:ro");
		// Prometheus gets its own key for stream-app, never the merchant's key files
		assertThat(list(map(services.get("prometheus")).get("volumes"))).noneMatch((v) -> v.endsWith(":/keys:ro"));
	}

	@Test
	void scrapesEveryServiceAtTheManagementPortOfItsOwnConfiguration() throws IOException {
		Map<String, Object> prometheus = load(MONITORING.resolve("prometheus.yml"));
		Map<String, String> targets = new LinkedHashMap<>();
		for (Object job : (List<?>) prometheus.get("scrape_configs")) {
			Map<String, Object> config = map(job);
			assertThat(config.get("metrics_path")).as(String.valueOf(config.get("job_name")))
				.isEqualTo("/actuator/prometheus");
			for (String target : targets(config)) {
				targets.put(String.valueOf(config.get("job_name")), target);
			}
		}
		assertThat(targets).containsOnlyKeys(SERVICES.keySet());
		for (Map.Entry<String, String[]> service : SERVICES.entrySet()) {
			String module = service.getValue()[0];
			Map<String, Object> config = load(
					Path.of("..", module, "src", "main", "resources", service.getValue()[1] + ".yml"));
			String host = service.getKey();
			assertThat(services).as("a compose service " + host).containsKey(host);
			assertThat(targets.get(service.getKey())).as(service.getKey())
				.isEqualTo(host + ":" + managementPort(config));
			Map<String, Object> exposure = map(
					map(map(map(config.get("management")).get("endpoints")).get("web")).get("exposure"));
			assertThat(List.of(String.valueOf(exposure.get("include")).split(","))).as(module).contains("prometheus");
		}
		// notify-ingest's management port listens on the compose network, not only its
		// loopback
		assertThat(map(map(services.get("notify-ingest")).get("environment")))
			.containsEntry("NOTIFY_INGEST_MANAGEMENT_ADDRESS", "0.0.0.0");
	}

	@Test
	void provisionsGrafanaWithThatPrometheusAndTheDashboard() throws IOException {
		Map<String, Object> datasources = load(MONITORING.resolve("grafana/provisioning/datasources/prometheus.yml"));
		Map<String, Object> datasource = map(((List<?>) datasources.get("datasources")).get(0));
		assertThat(datasource).containsEntry("type", "prometheus")
			.containsEntry("url", "http://prometheus:9090")
			.containsEntry("uid", "paytally-prometheus");
		Map<String, Object> providers = load(MONITORING.resolve("grafana/provisioning/dashboards/paytally.yml"));
		assertThat(map(map(((List<?>) providers.get("providers")).get(0)).get("options"))).containsEntry("path",
				"/var/lib/grafana/dashboards");
		JsonNode dashboard = dashboard();
		assertThat(dashboard.path("uid").asString()).isEqualTo("paytally-services");
		for (JsonNode panel : dashboard.path("panels")) {
			if (!panel.path("type").asString().equals("row")) {
				assertThat(panel.path("datasource").path("uid").asString()).as(panel.path("title").asString())
					.isEqualTo("paytally-prometheus");
			}
		}
	}

	@Test
	void theGrafanaDashboardNamesOnlyMetricsTheServicesExport() throws IOException {
		Set<String> exported = exportedMetrics();
		Set<String> used = new TreeSet<>();
		List<String> titles = new ArrayList<>();
		for (JsonNode panel : dashboard().path("panels")) {
			titles.add(panel.path("title").asString());
			for (JsonNode target : panel.path("targets")) {
				used.addAll(metricsOf(target.path("expr").asString()));
			}
		}
		assertThat(exported).as(EXPORTED_METRICS.toString()).hasSizeGreaterThan(100);
		assertThat(used).isSubsetOf(exported)
			.contains("paytally_ingest_callbacks_accepted_total", "paytally_ingest_callbacks_refused_total",
					"paytally_ingest_produce_latency_seconds_bucket", "kafka_stream_thread_process_rate",
					"kafka_consumer_fetch_manager_records_lag_max", "spring_batch_step_seconds_sum");
		assertThat(titles).contains("Callbacks by outcome (per minute)", "Kafka ack time", "Streams process rate",
				"Streams lag", "Batch step times");
	}

	@Test
	void findsTheMetricsOfAnExpression() {
		assertThat(metricsOf(
				"histogram_quantile(0.99, sum by (le, topic) (rate(paytally_ingest_produce_latency_seconds_bucket{job=\"a\"}[5m]))) * 60"))
			.containsExactly("paytally_ingest_produce_latency_seconds_bucket");
		assertThat(metricsOf("sum by (x) (increase(a_sum[1h])) / sum by (x) (increase(a_count[1h]))"))
			.containsExactlyInAnyOrder("a_sum", "a_count");
	}

	/**
	 * The metric names in a PromQL expression: identifiers that are not functions or
	 * labels.
	 */
	static Set<String> metricsOf(String expr) {
		String bare = expr.replaceAll("\\{[^}]*}", "")
			.replaceAll("\\[[^]]*]", "")
			.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
		Set<String> metrics = new HashSet<>();
		Matcher matcher = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()").matcher(bare);
		while (matcher.find()) {
			String name = matcher.group(1);
			if (!Set.of("and", "or", "unless", "offset", "bool").contains(name)) {
				metrics.add(name);
			}
		}
		return metrics;
	}

	static Set<String> exportedMetrics() throws IOException {
		Set<String> names = new HashSet<>();
		for (String line : Files.readAllLines(EXPORTED_METRICS)) {
			if (!line.isBlank() && !line.startsWith("#")) {
				names.add(line.trim().split("\\s+")[1]);
			}
		}
		return names;
	}

	static JsonNode dashboard() throws IOException {
		return JsonMapper.builder()
			.build()
			.readTree(Files.readString(MONITORING.resolve("grafana/dashboards/paytally.json")));
	}

	private static List<String> targets(Map<String, Object> job) {
		List<String> targets = new ArrayList<>();
		if (job.get("static_configs") != null) {
			for (Object config : (List<?>) job.get("static_configs")) {
				targets.addAll(list(map(config).get("targets")));
			}
		}
		if (job.get("dns_sd_configs") != null) {
			for (Object config : (List<?>) job.get("dns_sd_configs")) {
				for (String name : list(map(config).get("names"))) {
					targets.add(name + ":" + map(config).get("port"));
				}
			}
		}
		return targets;
	}

	/**
	 * management.server.port if set, else server.port: the default of a ${VAR:default}.
	 */
	private static String managementPort(Map<String, Object> config) {
		Map<String, Object> management = map(config.get("management"));
		Object port = (management.get("server") != null) ? map(management.get("server")).get("port") : null;
		if (port == null) {
			port = map(config.get("server")).get("port");
		}
		Map<String, String> none = new HashMap<>();
		String text = String.valueOf(port);
		Matcher placeholder = Pattern.compile("\\$\\{[A-Z_]+:([0-9]+)}").matcher(text);
		return placeholder.matches() ? placeholder.group(1) : none.getOrDefault(text, text);
	}

}
