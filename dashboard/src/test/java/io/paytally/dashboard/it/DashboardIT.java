package io.paytally.dashboard.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.StatementRun;
import io.paytally.schemas.StatementRunStatus;
import io.paytally.schemas.serde.Json;
import io.paytally.schemas.topics.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard against the in-JVM broker: records written to the real topics come out of
 * its HTTP JSON, an anomaly is pushed over server-sent events, and the views come back
 * from their changelogs when the state directory is lost.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

	static DashboardRunner dashboard;

	static SmallDay day;

	@BeforeAll
	static void start() throws Exception {
		dashboard = new DashboardRunner();
		day = new SmallDay(Instant.now());
		day.play(dashboard.broker);
	}

	@AfterAll
	static void stop() {
		if (dashboard != null) {
			dashboard.close();
		}
	}

	@Test
	@Order(1)
	void showsTheMinutesPaymentsAndOpenOrders() throws Exception {
		JsonNode overview = dashboard.await("/api/overview",
				// every view of the day caught up: the totals, the states and the expiry
				// index
				(json) -> json.path("totals").path("paid").asLong() == SmallDay.PAID
						&& json.path("byStatus").path("PENDING").asLong() == 2
						&& json.path("byStatus").path("PAID").asLong() == 1
						&& json.path("due").path("count").asLong() == 1);

		assertThat(overview.path("totals").path("amountPaid").asString()).isEqualTo(SmallDay.AMOUNT_PAID);
		assertThat(overview.path("totals").path("successRate").asString()).isEqualTo("77.8%");
		assertThat(overview.path("totals").path("refunds").asLong()).isEqualTo(SmallDay.REFUNDS);
		assertThat(overview.path("totals").path("amountRefunded").asString()).isEqualTo(SmallDay.AMOUNT_REFUNDED);
		assertThat(overview.path("totals").path("closed").asLong()).isEqualTo(SmallDay.CLOSED);
		assertThat(overview.path("minutes")).hasSize(3);
		assertThat(overview.path("minutes").get(0).path("amountPaid").asString()).isEqualTo("200.02");
		assertThat(overview.path("byStatus").path("PAID").asLong()).isEqualTo(1);
		assertThat(overview.path("due").path("count").asLong()).isEqualTo(1);
		assertThat(overview.path("due").path("soonest").get(0).path("outTradeNo").asString()).isEqualTo("PT-OPEN-1");
		assertThat(overview.path("merchants").toString()).isEqualTo("[\"1900000001\",\"1900000002\"]");

		JsonNode oneMerchant = dashboard.await("/api/overview?mchid=" + SmallDay.OTHER_MCHID, (json) -> true);
		assertThat(oneMerchant.path("totals").path("paid").asLong()).isEqualTo(4);
		assertThat(oneMerchant.path("totals").path("amountPaid").asString()).isEqualTo("15.45");
		assertThat(oneMerchant.path("totals").path("refunds").asLong()).isEqualTo(2);
		assertThat(oneMerchant.path("totals").path("amountRefunded").asString()).isEqualTo("3.07");
		// its one open order expires in two hours: open, not due within the next minutes
		assertThat(oneMerchant.path("byStatus").path("PENDING").asLong()).isEqualTo(1);
		assertThat(oneMerchant.path("byStatus").path("PAID").asLong()).isZero();
		assertThat(oneMerchant.path("due").path("count").asLong()).isZero();
	}

	@Test
	@Order(1)
	void servesThePageAndIsHealthyWhileItsViewsRun() throws Exception {
		HttpResponse<String> page = dashboard.get("/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<script src=\"/webjars/chart.js/dist/chart.umd.js\"></script>");
		HttpResponse<String> chartJs = dashboard.get("/webjars/chart.js/dist/chart.umd.js");
		assertThat(chartJs.statusCode()).isEqualTo(200);
		assertThat(chartJs.body()).contains("Chart.js v4.");
		HttpResponse<String> health = new DashboardSession(dashboard.managementBase()).get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"");
	}

	@Test
	@Order(2)
	void findsAnOrderByEitherNumberWithItsTransitions() throws Exception {
		JsonNode byTradeNo = dashboard.await("/api/orders?number=" + SmallDay.ORDER,
				(json) -> json.size() == 1 && json.get(0).path("transitions").size() == 3);

		JsonNode order = byTradeNo.get(0);
		assertThat(order.path("status").asString()).isEqualTo("PAID");
		assertThat(order.path("amount").asString()).isEqualTo("123.45");
		assertThat(order.path("paidSource").asString()).isEqualTo("ACTIVE_QUERY");
		List<String> steps = new ArrayList<>();
		order.path("transitions")
			.forEach((step) -> steps.add(step.path("version").asLong() + " " + step.path("status").asString() + " "
					+ step.path("paidSource").asString("") + " " + step.path("road").asString() + " "
					+ step.path("wechat").asString() + " " + step.path("wechatAmount").asString("")));
		assertThat(steps).containsExactly("1 PENDING  MERCHANT ORDER_CREATED ", "2 CHECKING  EXPIRY NOTHING_YET ",
				"3 PAID ACTIVE_QUERY ACTIVE_QUERY SUCCESS 123.45");
		assertThat(dashboard.await("/api/orders?number=" + SmallDay.MERCHANT_ORDER, (json) -> json.size() == 1))
			.isEqualTo(byTradeNo);
	}

	@Test
	@Order(3)
	void listsTheStatementWithItsDifferencesAndReport() throws Exception {
		JsonNode rows = dashboard.await("/api/statements", (json) -> json.size() == 1);

		JsonNode row = rows.get(0);
		assertThat(row.path("billDate").asString()).isEqualTo("2026-11-30");
		assertThat(row.path("clean").asBoolean()).isFalse();
		assertThat(row.path("billSettled").asString()).isEqualTo("238492.70");
		assertThat(row.path("fees").asString()).isEqualTo("1373.85");
		assertThat(row.path("netSettlement").asString()).isEqualTo("227600.53");
		assertThat(row.path("differences").toString())
			.contains("{\"differenceClass\":\"AMOUNT_MISMATCH\",\"count\":1,\"amount\":\"166.45\"}");
		String link = row.path("reports").path("statement.html").asString();
		assertThat(link).isEqualTo("/reports/1900000001/2026-11-30/statement.html");
		HttpResponse<String> report = dashboard.get(link);
		assertThat(report.statusCode()).isEqualTo(200);
		assertThat(report.body()).contains("<h1>Statement 2026-11-30</h1>");
		String csv = row.path("reports").path("differences.csv").asString();
		assertThat(csv).isEqualTo("/reports/1900000001/2026-11-30/differences.csv");
		HttpResponse<String> differences = dashboard.get(csv);
		assertThat(differences.statusCode()).isEqualTo(200);
		assertThat(differences.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
		assertThat(differences.body()).isEqualTo("class,out_trade_no\n");
		assertThat(dashboard.get("/reports/1900000001/2026-11-30/secret.txt").statusCode()).isEqualTo(404);
		assertThat(dashboard.get("/reports/1900000001/2026-11-30/..%2F..%2Fsecret").statusCode()).isBetween(400, 404);
	}

	@Test
	@Order(2)
	void theHealthPanelShowsEachTopicsNewestRecordAndTheConsumerGroupsLag() throws Exception {
		// a service's group that has read nothing of orders.state yet
		List<ConsumerRecord<String, byte[]>> states = dashboard.broker.readRecords(Topic.ORDER_STATE.topicName(),
				new ByteArrayDeserializer(), 5, Duration.ofSeconds(10));
		try (KafkaConsumer<String, byte[]> behind = new KafkaConsumer<>(
				dashboard.broker.consumerProperties("stream-app-behind"), new StringDeserializer(),
				new ByteArrayDeserializer())) {
			Map<TopicPartition, OffsetAndMetadata> atStart = new HashMap<>();
			behind.partitionsFor(Topic.ORDER_STATE.topicName())
				.forEach((p) -> atStart.put(new TopicPartition(p.topic(), p.partition()), new OffsetAndMetadata(0)));
			behind.commitSync(atStart);
		}

		JsonNode pipeline = dashboard.await("/api/pipeline", (json) -> group(json, "stream-app-behind") != null
				&& group(json, "dashboard-it") != null && group(json, "dashboard-it").path("totalLag").asLong() == 0);

		long newest = states.stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow();
		JsonNode orderState = topic(pipeline, "orders.state");
		assertThat(orderState.path("lastRecordAt").asString())
			.isEqualTo(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
				.withZone(java.time.ZoneId.of("Asia/Shanghai"))
				.format(Instant.ofEpochMilli(newest)));
		assertThat(orderState.path("endOffsets").asLong()).isEqualTo(5);
		assertThat(orderState.path("ageSeconds").asLong()).isBetween(0L, 120L);
		assertThat(topic(pipeline, "orders.events").path("lastRecordAt").isNull()).isTrue();
		assertThat(topic(pipeline, "orders.events").path("endOffsets").asLong()).isZero();
		JsonNode behind = group(pipeline, "stream-app-behind");
		assertThat(behind.path("totalLag").asLong()).isEqualTo(5);
		assertThat(behind.path("topics").toString()).isEqualTo("[{\"topic\":\"orders.state\",\"lag\":5}]");
		assertThat(group(pipeline, "dashboard-it").path("topics").toString())
			.contains("{\"topic\":\"orders.state\",\"lag\":0}", "{\"topic\":\"recon.statements\",\"lag\":0}");
		assertThat(pipeline.path("error").isNull()).isTrue();
	}

	static JsonNode topic(JsonNode pipeline, String name) {
		for (JsonNode topic : pipeline.path("topics")) {
			if (topic.path("topic").asString().equals(name)) {
				return topic;
			}
		}
		throw new AssertionError("No topic " + name + " in " + pipeline);
	}

	static JsonNode group(JsonNode pipeline, String prefix) {
		for (JsonNode group : pipeline.path("groups")) {
			if (group.path("groupId").asString().startsWith(prefix)) {
				return group;
			}
		}
		return null;
	}

	@Test
	@Order(3)
	void theRunFormWritesTheExactRequestAndTheRunsStatusAppearsOnTheStatementRow() throws Exception {
		Instant before = Instant.now();
		HttpResponse<String> asked = dashboard.postJson("/api/statement-runs",
				"{\"mchid\":\"" + SmallDay.MCHID + "\",\"billDate\":\"" + SmallDay.BILL_DATE + "\"}");
		Instant after = Instant.now();

		assertThat(asked.statusCode()).isEqualTo(202);
		JsonNode answer = Json.mapper().readTree(asked.body());
		assertThat(answer.path("status").asString()).isEqualTo("REQUESTED");
		assertThat(answer.path("requestedBy").asString()).isEqualTo("operations");
		String requestId = answer.path("requestId").asString();
		// exactly one record on the topic, keyed by the merchant's day, as batch-jobs
		// reads it
		List<KeyValue<String, StatementRun>> written = dashboard.broker.readAll(Topic.STATEMENT_RUNS, 1,
				Duration.ofSeconds(10));
		assertThat(written).hasSize(1);
		assertThat(written.get(0).key).isEqualTo("1900000001@2026-11-30");
		StatementRun request = written.get(0).value;
		assertThat(request).isEqualTo(new StatementRun(SmallDay.MCHID, SmallDay.BILL_DATE, StatementRunStatus.REQUESTED,
				requestId, "operations", request.requestedAt(), 0, null, null, request.requestedAt()));
		assertThat(request.requestedAt()).isBetween(before, after);
		assertThat(dashboard.await("/api/statement-runs", (json) -> json.size() == 1).get(0).path("status").asString())
			.isEqualTo("REQUESTED");

		// batch-jobs answers on the same key: the status shows in the list and on the row
		Instant now = Instant.now();
		dashboard.broker.send(Topic.STATEMENT_RUNS, request.key(),
				request.with(StatementRunStatus.QUEUED, 0, null, null, now));
		dashboard.broker.send(Topic.STATEMENT_RUNS, request.key(), request.with(StatementRunStatus.RETRYING, 1,
				"BILL_NOT_READY: WeChat is still creating the bill", now.plusSeconds(1800), now));
		JsonNode retrying = dashboard.await("/api/statement-runs",
				(json) -> json.size() == 1 && json.get(0).path("status").asString().equals("RETRYING"));
		assertThat(retrying.get(0).path("reason").asString())
			.isEqualTo("BILL_NOT_READY: WeChat is still creating the bill");
		assertThat(retrying.get(0).path("attempt").asInt()).isEqualTo(1);
		assertThat(retrying.get(0).path("requestId").asString()).isEqualTo(requestId);
		dashboard.broker.send(Topic.STATEMENT_RUNS, request.key(),
				request.with(StatementRunStatus.DONE, 2, null, null, now.plusSeconds(1801)));
		JsonNode rows = dashboard.await("/api/statements",
				(json) -> json.size() == 1 && json.get(0).path("run").path("status").asString().equals("DONE"));
		assertThat(rows.get(0).path("run").path("attempt").asInt()).isEqualTo(2);
		assertThat(rows.get(0).path("run").path("requestedBy").asString()).isEqualTo("operations");

		// a day without a bill yet and a merchant id that is not one are refused,
		// unwritten
		String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
		HttpResponse<String> tooEarly = dashboard.postJson("/api/statement-runs",
				"{\"mchid\":\"" + SmallDay.MCHID + "\",\"billDate\":\"" + today + "\"}");
		assertThat(tooEarly.statusCode()).isEqualTo(400);
		assertThat(tooEarly.body()).contains("has no bill yet");
		HttpResponse<String> notAMerchant = dashboard.postJson("/api/statement-runs",
				"{\"mchid\":\"abc\",\"billDate\":\"" + SmallDay.BILL_DATE + "\"}");
		assertThat(notAMerchant.statusCode()).isEqualTo(400);
		assertThat(notAMerchant.body()).contains("mchid must be a merchant id");
		assertThat(dashboard.broker.readAll(Topic.STATEMENT_RUNS)).hasSize(4);
	}

	@Test
	@Order(4)
	void pushesAnAnomalyToTheOpenPageWithinSeconds() throws Exception {
		HttpResponse<java.io.InputStream> stream = dashboard.operations()
			.send(HttpRequest.newBuilder(dashboard.base.resolve("/api/events")).build(),
					HttpResponse.BodyHandlers.ofInputStream());
		assertThat(stream.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		CompletableFuture<String> pushed = CompletableFuture.supplyAsync(() -> {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
				String line;
				boolean anomaly = false;
				while ((line = reader.readLine()) != null) {
					if (line.equals("event:anomaly")) {
						anomaly = true;
					}
					else if (anomaly && line.startsWith("data:")) {
						return line.substring("data:".length());
					}
				}
				return null;
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});
		Thread.sleep(300);
		long written = System.nanoTime();
		PaymentAnomaly anomaly = day.paidAfterClose("PT-LATE-1");
		dashboard.broker.send(Topic.ANOMALIES, anomaly.key(), anomaly);

		String data = pushed.get(10, TimeUnit.SECONDS);
		long millis = Duration.ofNanos(System.nanoTime() - written).toMillis();
		assertThat(data).contains("\"type\":\"PAID_AFTER_CLOSE\"", "\"outTradeNo\":\"PT-LATE-1\"",
				"\"actualAmount\":\"302.83\"", "\"action\":\"REFUND\"");
		assertThat(millis).isLessThan(5000);
		JsonNode anomalies = dashboard.await("/api/anomalies?type=PAID_AFTER_CLOSE",
				(json) -> json.path("total").asLong() == 1);
		assertThat(anomalies.path("items").get(0).path("open").asBoolean()).isTrue();
		assertThat(anomalies.path("counts").path("PAID_AFTER_CLOSE").asLong()).isEqualTo(1);
		assertThat(anomalies.path("items").get(0).path("detail").asString())
			.isEqualTo("Paid 302.83 yuan after the order was closed: refund the payer");
		// the merchant filter: the anomaly is the first merchant's, none is the other's
		assertThat(dashboard.await("/api/anomalies?mchid=" + SmallDay.MCHID, (json) -> true).path("total").asLong())
			.isEqualTo(1);
		JsonNode otherMerchant = dashboard.await("/api/anomalies?mchid=" + SmallDay.OTHER_MCHID, (json) -> true);
		assertThat(otherMerchant.path("total").asLong()).isZero();
		assertThat(otherMerchant.path("items")).isEmpty();
	}

	@Test
	@Order(5)
	void restoresTheViewsFromTheirChangelogsAfterLosingItsState() throws Exception {
		dashboard.restartWithoutState();

		JsonNode order = dashboard.await("/api/orders?number=" + SmallDay.ORDER,
				(json) -> json.size() == 1 && json.get(0).path("transitions").size() == 3);
		assertThat(order.get(0).path("status").asString()).isEqualTo("PAID");
		JsonNode overview = dashboard.await("/api/overview", (json) -> true);
		assertThat(overview.path("byStatus").path("PENDING").asLong()).isEqualTo(2);
		assertThat(overview.path("totals").path("amountPaid").asString()).isEqualTo(SmallDay.AMOUNT_PAID);
		assertThat(dashboard.await("/api/anomalies", (json) -> true).path("total").asLong()).isEqualTo(1);
	}

}
