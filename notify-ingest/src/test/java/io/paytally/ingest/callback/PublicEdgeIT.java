package io.paytally.ingest.callback;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.paytally.ingest.support.CapturedLogs;
import io.paytally.ingest.support.IngestApp;
import io.paytally.ingest.support.WechatPayFixture;
import io.paytally.ingest.support.WechatPayFixture.Callback;
import io.paytally.schemas.topics.Topic;
import io.paytally.testkit.KafkaTestBroker;
import io.paytally.testkit.KeepAliveConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static io.paytally.ingest.support.WechatPayFixture.MCHID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public port as the internet sees it: the callback paths and nothing else (the
 * actuator answers on the management port only), refusals counted, logged at a limited
 * rate and never able to forge a log line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublicEdgeIT {

	private static final int WARN_PER_MINUTE = 3;

	private static KafkaTestBroker broker;

	private static WechatPayFixture wechat;

	private static CapturedLogs logs;

	private static IngestApp app;

	@BeforeAll
	static void start() {
		broker = KafkaTestBroker.start();
		wechat = new WechatPayFixture();
		List<String> properties = new java.util.ArrayList<>(wechat.merchantProperties(0));
		properties.add("--paytally.ingest.refusal-warn-per-minute=" + WARN_PER_MINUTE);
		properties.add("--logging.level.io.paytally.ingest.callback.CallbackAdvice=DEBUG");
		app = IngestApp.start(broker.bootstrapServers(), properties);
		logs = CapturedLogs.attach();
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		if (logs != null) {
			logs.close();
		}
		if (broker != null) {
			broker.close();
		}
	}

	@AfterEach
	void nothingWritten() {
		assertThat(broker.readAll(Topic.PAYMENT_NOTIFICATIONS)).isEmpty();
	}

	@Test
	@Order(1)
	void answersActuatorOnThePublicPortWithNotFound() {
		for (String path : List.of("/actuator", "/actuator/prometheus", "/actuator/metrics", "/actuator/health",
				"/actuator/health/readiness", "/actuator/env")) {
			HttpResponse<String> response = app.get(path);

			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.body()).as(path).isEmpty();
		}
	}

	@Test
	@Order(2)
	void answersUnknownPathsOnThePublicPortWithNotFound() {
		assertThat(app.get("/").statusCode()).isEqualTo(404);
		assertThat(app.get("/error").statusCode()).isEqualTo(404);
		assertThat(app.get("/wechatpay/v3/notify/").statusCode()).isEqualTo(404);
		HttpResponse<String> post = app.post("/payments", Map.of(), "{}");
		assertThat(post.statusCode()).isEqualTo(404);
		assertThat(post.body()).isEmpty();
	}

	@Test
	@Order(3)
	void servesPrometheusAndHealthOnTheManagementPort() {
		HttpResponse<String> prometheus = app.getManagement("/actuator/prometheus");

		assertThat(prometheus.statusCode()).isEqualTo(200);
		assertThat(prometheus.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		assertThat(prometheus.body()).contains("# HELP")
			.contains("paytally_ingest_callbacks_refused_total{protocol=\"none\",reason=\"unknown_path\"}");
		assertThat(app.getManagement("/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(app.context().getEnvironment().getProperty("management.server.address")).isEqualTo("127.0.0.1");
	}

	@Test
	@Order(4)
	void stillServesCallbacksOnThePublicPort() {
		Callback forged = wechat.paymentCallback("EDGE0001", 100).withHeader("Wechatpay-Signature", "AAAA");

		HttpResponse<String> response = app.postV3(MCHID, forged);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("{\"code\":\"FAIL\",\"message\":\"signature invalid\"}");
	}

	@Test
	@Order(5)
	void forgedHeadersAndPathsCannotForgeLogLines() throws Exception {
		Callback callback = wechat.paymentCallback("EDGE0002", 100);
		URI notify = app.uri("/wechatpay/v3/notify/" + MCHID);
		Map<String, String> headers = new java.util.LinkedHashMap<>(callback.headers());
		headers.put("Wechatpay-Serial", "PUB_KEY_ID_x\r\nFAKE LOG LINE");
		headers.put("Wechatpay-Nonce", "n\u001b[31mFAKE LOG LINE");
		try (KeepAliveConnection connection = new KeepAliveConnection(notify)) {
			int status = connection.exchange(KeepAliveConnection.post(notify, headers, callback.body()));
			assertThat(status).isBetween(400, 499);
		}
		URI crlfMerchant = URI.create(app.uri("/wechatpay/v3/notify/").toString() + MCHID + "%0D%0AFAKE%20LOG%20LINE");
		assertThat(app.postV3Raw(crlfMerchant, callback).statusCode()).isBetween(400, 499);
		URI crlfPath = URI.create(app.uri("/").toString() + "x%0D%0AFAKE%20LOG%20LINE%0A");
		assertThat(
				app.send(HttpRequest.newBuilder(crlfPath).timeout(Duration.ofSeconds(30)).GET().build()).statusCode())
			.isEqualTo(404);

		// Tomcat's own (fixed) note spans two lines; no attacker text may follow a line
		// break
		assertThat(logs.events()).isNotEmpty().allSatisfy((event) -> {
			String message = event.getFormattedMessage();
			assertThat(message).doesNotContain("\u001b").doesNotContainPattern("[\\r\\n][^\\r\\n]*FAKE");
		});
		assertThat(logs.lines()).anySatisfy((line) -> assertThat(line).contains("x%0D%0AFAKE%20LOG%20LINE%0A"));
	}

	@Test
	@Order(6)
	void logsAFloodOfRefusalsAtWarnOnlyUpToItsBudget() {
		int before = logs.events().size();
		for (int i = 0; i < 20; i++) {
			assertThat(app.get("/flood/" + i).statusCode()).isEqualTo(404);
		}

		List<ILoggingEvent> flood = logs.events()
			.subList(before, logs.events().size())
			.stream()
			.filter((event) -> event.getFormattedMessage().contains("/flood/"))
			.toList();
		assertThat(flood).hasSize(20);
		// a minute may turn during the run: at most two minutes' budgets
		assertThat(flood.stream().filter((event) -> event.getLevel() == Level.WARN).count())
			.isLessThanOrEqualTo(2 * WARN_PER_MINUTE);
		assertThat(flood.stream().filter((event) -> event.getLevel() == Level.DEBUG).count())
			.isGreaterThanOrEqualTo(20 - 2 * WARN_PER_MINUTE);
		String metrics = app.getManagement("/actuator/prometheus").body();
		assertThat(metrics).containsPattern(
				"paytally_ingest_callbacks_refused_total\\{protocol=\"none\",reason=\"unknown_path\"} (2[6-9]|[3-9][0-9])\\.0");
	}

}
