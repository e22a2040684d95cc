package io.paytally.stream.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.paytally.sandbox.Sandbox;
import io.paytally.sandbox.SandboxOptions;
import io.paytally.stream.query.OrderStateQueries;
import io.paytally.stream.security.ApiKeys;
import io.paytally.testkit.KafkaTestBroker;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of stream-app's API without a caller (401), with the caller of another
 * merchant (403, logged without its key), with the right caller (the normal answer), and
 * the instances' own key on the query hop only.
 */
class ApiSecurityIT {

	static final String MCHID = "1900000001";

	static final String OTHER_MCHID = "1900000002";

	static final String OTHER_KEY = "other-merchant-order-system-key";

	static KafkaTestBroker broker;

	static Sandbox sandbox;

	static StreamAppRunner app;

	static final ListAppender<ILoggingEvent> refusals = new ListAppender<>();

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void start() {
		broker = KafkaTestBroker.startInJvm();
		sandbox = Sandbox.start(SandboxOptions.builder()
			.port(0)
			.merchant(MCHID, "wx0000000000demo01")
			.merchant(OTHER_MCHID, "wx0000000000demo02")
			.timeScale(0.001)
			.build());
		app = new StreamAppRunner(broker.bootstrapServers(), sandbox, MCHID,
				KafkaTestBroker.uniqueName("paytally-security-it"),
				Map.of("paytally.intake.notify-url", "http://127.0.0.1:9/wechatpay/v3/notify/{mchid}",
						"paytally.security.callers[1].name", "other-order-system",
						"paytally.security.callers[1].key-sha256", ApiKeys.sha256(OTHER_KEY),
						"paytally.security.callers[1].merchants[0]", OTHER_MCHID));
		Logger logger = (Logger) LoggerFactory.getLogger("io.paytally.stream.security.ApiErrors");
		refusals.start();
		logger.addAppender(refusals);
		// the stores are readable once the stream runs: 404 for an unknown order, not 503
		Awaitility.await()
			.atMost(Duration.ofSeconds(120))
			.until(() -> send(get("/orders/READY-PROBE?mchid=" + MCHID).header("Authorization",
					"Bearer " + StreamAppRunner.CALLER_KEY))
				.statusCode() == 404);
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		if (sandbox != null) {
			sandbox.close();
		}
		if (broker != null) {
			broker.close();
		}
	}

	static String payment(String mchid, String merchantOrderNo) {
		return "{\"mchid\":\"" + mchid + "\",\"merchant_order_no\":\"" + merchantOrderNo
				+ "\",\"amount\":1250,\"description\":\"Demo A\",\"trade_type\":\"NATIVE\"}";
	}

	@Test
	void refusesEveryEndpointWithoutAKey() throws Exception {
		for (HttpRequest.Builder request : List.of(post(payment(MCHID, "SEC-ANON-1")),
				get("/payments/SEC-ANON-1?mchid=" + MCHID), get("/orders/SEC-ANON-1?mchid=" + MCHID),
				get("/v3/api-docs"), get("/actuator/prometheus"))) {
			HttpResponse<String> response = send(request);

			assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
			assertThat(response.body()).startsWith("{\"code\":\"UNAUTHENTICATED\",\"message\":");
		}
	}

	@Test
	void refusesAnUnknownKeyOrAnotherScheme() throws Exception {
		assertThat(send(get("/orders/X?mchid=" + MCHID).header("Authorization", "Bearer not-a-key")).statusCode())
			.isEqualTo(401);
		assertThat(send(get("/orders/X?mchid=" + MCHID).header("X-Api-Key", "not-a-key")).statusCode()).isEqualTo(401);
		assertThat(send(get("/orders/X?mchid=" + MCHID).header("Authorization", "Basic dXNlcjpwYXNz")).statusCode())
			.isEqualTo(401);
	}

	@Test
	void leavesHealthOpen() throws Exception {
		HttpResponse<String> health = send(get("/actuator/health"));

		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void refusesAndLogsTheCallerOfAnotherMerchant() throws Exception {
		for (HttpRequest.Builder request : List.of(post(payment(MCHID, "SEC-OTHER-1")),
				get("/payments/SEC-OTHER-1?mchid=" + MCHID), get("/orders/SEC-OTHER-1?mchid=" + MCHID))) {
			HttpResponse<String> response = send(request.header("Authorization", "Bearer " + OTHER_KEY));

			assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(403);
			assertThat(response.body()).isEqualTo("{\"code\":\"MERCHANT_NOT_ALLOWED\",\"message\":"
					+ "\"This caller may not act for merchant " + MCHID + "\"}");
		}
		assertThat(refusals.list).map(ILoggingEvent::getFormattedMessage)
			.contains("Refused caller other-order-system for merchant 1900000001: POST /payments",
					"Refused caller other-order-system for merchant 1900000001: GET /payments/SEC-OTHER-1",
					"Refused caller other-order-system for merchant 1900000001: GET /orders/SEC-OTHER-1")
			.allSatisfy((line) -> assertThat(line).doesNotContain(OTHER_KEY).doesNotContain(ApiKeys.sha256(OTHER_KEY)));
	}

	@Test
	void refusesABodyWhoseMerchantIsAmbiguous() throws Exception {
		String repeated = "{\"mchid\":\"" + OTHER_MCHID + "\",\"mchid\":\"" + MCHID
				+ "\",\"merchant_order_no\":\"SEC-DUP-1\",\"amount\":1250,\"description\":\"Demo\",\"trade_type\":\"NATIVE\"}";
		String numeric = "{\"mchid\":1900000001,\"merchant_order_no\":\"SEC-NUM-1\",\"amount\":1250,"
				+ "\"description\":\"Demo\",\"trade_type\":\"NATIVE\"}";

		assertThat(send(post(repeated).header("Authorization", "Bearer " + OTHER_KEY)).statusCode()).isEqualTo(403);
		assertThat(send(post(numeric).header("Authorization", "Bearer " + StreamAppRunner.CALLER_KEY)).statusCode())
			.isEqualTo(403);
	}

	@Test
	void answersTheRightCallerNormally() throws Exception {
		String key = "Bearer " + StreamAppRunner.CALLER_KEY;
		HttpResponse<String> created = send(post(payment(MCHID, "SEC-OK-1")).header("Authorization", key));

		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.body()).contains("\"mchid\":\"1900000001\"").contains("\"merchant_order_no\":\"SEC-OK-1\"");
		HttpResponse<String> listed = send(
				get("/payments/SEC-OK-1?mchid=" + MCHID).header("X-Api-Key", StreamAppRunner.CALLER_KEY));
		assertThat(listed.statusCode()).isEqualTo(200);
		assertThat(listed.body()).contains("\"merchant_order_no\":\"SEC-OK-1\"");
		String outTradeNo = created.body().replaceAll(".*\"out_trade_no\":\"([^\"]+)\".*", "$1");
		Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			HttpResponse<String> order = send(
					get("/orders/" + outTradeNo + "?mchid=" + MCHID).header("Authorization", key));
			assertThat(order.statusCode()).isEqualTo(200);
			assertThat(order.body()).contains("\"out_trade_no\":\"" + outTradeNo + "\"")
				.contains("\"status\":\"PENDING\"");
		});
		assertThat(send(get("/orders/NO-SUCH-ORDER?mchid=" + MCHID).header("Authorization", key)).body())
			.contains("\"code\":\"ORDER_NOT_FOUND\"");
		HttpResponse<String> apiDocs = send(get("/v3/api-docs").header("Authorization", key));
		assertThat(apiDocs.statusCode()).isEqualTo(200);
		assertThat(send(get("/actuator/prometheus").header("Authorization", key)).statusCode()).isEqualTo(200);
	}

	@Test
	void letsTheInstancesKeyOnlyOnTheQueryHop() throws Exception {
		String instance = "Bearer " + StreamAppRunner.INSTANCE_KEY;

		HttpResponse<String> hop = send(
				get("/orders/NO-SUCH-ORDER?mchid=" + OTHER_MCHID).header("Authorization", instance)
					.header(OrderStateQueries.LOCAL_ONLY_HEADER, "true"));
		assertThat(hop.statusCode()).isEqualTo(404);
		assertThat(hop.body()).contains("\"code\":\"ORDER_NOT_FOUND\"");
		assertThat(send(get("/orders/NO-SUCH-ORDER?mchid=" + MCHID).header("Authorization", instance)).statusCode())
			.isEqualTo(403);
		assertThat(send(post(payment(MCHID, "SEC-INST-1")).header("Authorization", instance)).statusCode())
			.isEqualTo(403);
		assertThat(send(get("/payments/SEC-INST-1?mchid=" + MCHID).header("Authorization", instance)
			.header(OrderStateQueries.LOCAL_ONLY_HEADER, "true")).statusCode()).isEqualTo(403);
	}

	/**
	 * The document served is the one in the repository ({@code stream-app/openapi.yaml});
	 * {@code -Dopenapi.write=true} writes the served one there first, after a change of
	 * the API.
	 */
	@Test
	void servesTheOpenApiDocumentKeptInTheRepository() throws Exception {
		HttpResponse<String> served = send(
				get("/v3/api-docs.yaml").header("Authorization", "Bearer " + StreamAppRunner.CALLER_KEY));
		assertThat(served.statusCode()).isEqualTo(200);
		java.nio.file.Path kept = java.nio.file.Path.of("openapi.yaml");
		if (Boolean.getBoolean("openapi.write")) {
			java.nio.file.Files.writeString(kept, served.body(), StandardCharsets.UTF_8);
		}

		assertThat(served.body()).isEqualTo(java.nio.file.Files.readString(kept, StandardCharsets.UTF_8));
		assertThat(served.body()).contains("/payments:", "/payments/{merchantOrderNo}:", "/orders/{outTradeNo}:",
				"apiKeyBearer:", "scheme: bearer", "MERCHANT_NOT_ALLOWED");
		assertThat(send(get("/v3/api-docs.yaml")).statusCode()).isEqualTo(401);
		assertThat(undescribed(served.body())).as("fields and parameters without a description").isEmpty();
	}

	/**
	 * Every schema property and operation parameter of the document without a
	 * description.
	 */
	@SuppressWarnings("unchecked")
	static List<String> undescribed(String yaml) {
		Map<String, Object> document = new org.yaml.snakeyaml.Yaml().load(yaml);
		List<String> missing = new java.util.ArrayList<>();
		Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components"))
			.get("schemas");
		schemas.forEach((name, schema) -> {
			Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) schema).get("properties");
			if (properties != null) {
				properties.forEach((property, value) -> {
					if (!((Map<String, Object>) value).containsKey("description")) {
						missing.add(name + "." + property);
					}
				});
			}
		});
		((Map<String, Object>) document.get("paths"))
			.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, operation) -> {
				List<Map<String, Object>> parameters = (List<Map<String, Object>>) ((Map<String, Object>) operation)
					.get("parameters");
				if (parameters != null) {
					parameters.stream()
						.filter((parameter) -> !parameter.containsKey("description"))
						.forEach((parameter) -> missing.add(method + " " + path + " " + parameter.get("name")));
				}
			}));
		return missing;
	}

	static HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).timeout(Duration.ofSeconds(60)).GET();
	}

	static HttpRequest.Builder post(String json) {
		return HttpRequest.newBuilder(URI.create(app.baseUrl() + "/payments"))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
	}

	static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

}
