package io.paytally.local.demo;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.paytally.local.keys.MerchantCredentials;
import io.paytally.local.scenario.DayVerdict;
import io.paytally.local.scenario.Kind;
import io.paytally.local.scenario.PlannedOrder;
import io.paytally.local.scenario.ScenarioPlan;
import io.paytally.local.scenario.ScenarioSettings;
import io.paytally.local.scenario.StateWatcher;
import io.paytally.local.service.RunningService;
import io.paytally.local.service.Service;
import io.paytally.local.stack.DayClock;
import io.paytally.local.stack.LocalStack;
import io.paytally.local.stack.LocalStackOptions;
import io.paytally.sandbox.CallbackAttempt;
import io.paytally.schemas.DifferenceClass;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStatus;
import io.paytally.testkit.KafkaTestBroker;
import io.paytally.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's day, smaller, in the suite: a real broker (testkit), a real database
 * (PostgreSQL where one answers, else H2), the sandbox and the three services in this
 * JVM, orders through the payment intake API, WeChat's misbehaviour through the sandbox.
 * Every order ends as WeChat's ground truth says, the anomalies are exactly the planted
 * ones and the statement's totals equal the bill's; the second merchant's callbacks are
 * WeChat's v2 XML. The day's logs hold no key and no payer openid. Then the dashboard:
 * its users must change their one-time passwords, and a statement finance asks for there
 * is run by batch-jobs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndDayIT {

	private static final Logger logger = LoggerFactory.getLogger(EndToEndDayIT.class);

	@TempDir
	static Path data;

	static KafkaTestBroker broker;

	static TestDatabase database;

	static DayClock clock;

	static LocalStack stack;

	@BeforeAll
	static void start() {
		broker = KafkaTestBroker.start();
		database = TestDatabase.create();
		clock = DayClock.systemUtc();
		Map<Service, Integer> ports = Map.of(Service.SANDBOX, 0, Service.INGEST, 0, Service.STREAM, 0, Service.BATCH,
				0);
		stack = LocalStack.start(new LocalStackOptions(data, broker.bootstrapServers(), database.jdbcUrl(),
				database.username(), database.password(), LocalStackOptions.DEMO_MERCHANTS, ports, 0.01, clock,
				// batch-jobs' service too, as in the demo: it runs the statements asked
				// for on
				// the dashboard (the day's own statements run as the command, as in the
				// demo)
				DemoCommand.demoProperties(), true), LocalStack.StartListener.NONE);
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
		if (database != null) {
			database.close();
		}
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	@Order(1)
	void everyOrderOfEachMerchantEndsAsWeChatSaysWithExactlyThePlantedAnomaliesAndTheBillsTotals()
			throws InterruptedException {
		LocalDate day = clock.today().minusDays(1);
		ScenarioSettings settings = ScenarioSettings.of(LocalStackOptions.DEMO_MCHID, 60, 20261122)
			.withOrderPrefix("E2E")
			.withSettleTimeout(Duration.ofMinutes(4));
		List<ScenarioSettings> merchants = DemoCommand.merchants(settings);
		// every service has started: Spring Boot's logging setup no longer resets the
		// appenders
		LogCapture logs = LogCapture.attach();
		BusinessDay.Outcome outcome;
		try {
			outcome = new BusinessDay(stack, clock, day).play(merchants, (driver) -> {
			}, (mchid, progress) -> logger.info("{} {}", mchid, progress.line()), logger::info);
		}
		finally {
			logs.close();
		}

		assertThat(outcome.merchants()).extracting((merchant) -> merchant.settings().mchid())
			.containsExactly("1900000001", "1900000002");
		for (BusinessDay.MerchantDay merchant : outcome.merchants()) {
			DayVerdict verdict = merchant.verdict();
			String mchid = merchant.settings().mchid();
			assertThat(verdict.problems()).as(mchid).isEmpty();
			assertThat(merchant.statementExitCode()).as(mchid).isZero();
			assertThat(verdict.anomalies()).as(mchid).isEqualTo(verdict.day().plantedAnomalies());
			assertThat(verdict.day().truths()).as(mchid)
				.allSatisfy((truth) -> assertThat(truth.mchid()).isEqualTo(mchid));
			assertThat(verdict.statement().mchid()).isEqualTo(mchid);
			assertThat(verdict.statement().billPaymentCount()).as(mchid).isEqualTo(verdict.bill().paymentCount());
			assertThat(verdict.statement().billSettledAmount()).as(mchid).isEqualTo(verdict.bill().settledAmount());
			assertThat(verdict.statement().billRefundCount()).as(mchid).isEqualTo(verdict.bill().refundCount());
			assertThat(verdict.statement().billRefundAmount()).as(mchid).isEqualTo(verdict.bill().refundAmount());
			assertThat(verdict.statement().billCouponAmount()).as(mchid).isEqualTo(verdict.bill().couponAmount());
		}

		DayVerdict main = outcome.merchants().get(0).verdict();
		ScenarioPlan plan = ScenarioPlan.of(settings);
		for (Kind kind : Kind.values()) {
			assertThat(plan.count(kind)).as(kind.description()).isPositive();
		}
		assertThat(main.day().outTradeNos()).hasSize(60);
		// a second payment order for the merchant order paid twice and for the one paid
		// after
		// close while a newer payment order was open
		assertThat(main.day().truths()).hasSize(62);
		// the stream's, by id: amount mismatch, paid after close (three times: the
		// planted
		// one, the duplicate payment's first and the one with a newer payment order),
		// duplicate payment, cancelled but paid, refund abnormal, and for each of the two
		// orders that expired during the query outage its wait and its answer
		assertThat(main.day().plantedStreamAnomalyIds()).hasSize(11);
		assertThat(main.day().plantedStreamAnomalyIds()).filteredOn((id) -> id.startsWith("QUERY_UNANSWERED:"))
			.hasSize(4);
		assertThat(main.day().plantedStatementAnomalies()).hasSize(2);
		assertThat(main.day().plantedDifferences()).containsOnlyKeys(DifferenceClass.AMOUNT_MISMATCH,
				DifferenceClass.DUPLICATE_PAYMENT, DifferenceClass.REFUND_ABNORMAL);
		assertThat(main.statement().billCouponAmount()).isPositive();
		assertThat(main.statement().billOrderAmount() - main.statement().billSettledAmount())
			.as("the non-recharge coupons are not settled")
			.isPositive();
		assertThat(main.day().forgedSent()).isEqualTo(main.day().forgedRefused()).isPositive();
		assertThat(main.statement().differences())
			.filteredOn((total) -> total.differenceClass() == DifferenceClass.AMOUNT_MISMATCH)
			.singleElement()
			.satisfies((total) -> assertThat(total.count()).isEqualTo(1));

		// the second merchant's orders carry the same numbers as the first's, and were
		// paid, closed and refunded on their own
		DayVerdict second = outcome.merchants().get(1).verdict();
		assertThat(second.day().outTradeNos()).hasSize(20);
		assertThat(main.day().outTradeNos().keySet()).containsAll(second.day().outTradeNos().keySet());
		Map<String, String> mainStates = statesByOutTradeNo(main);
		Map<String, String> secondStates = statesByOutTradeNo(second);
		// every first payment order (a second one exists only where that merchant's order
		// needed one)
		assertThat(secondStates.keySet().stream().filter((no) -> no.endsWith("-1")).toList())
			.isSubsetOf(mainStates.keySet());
		Map<String, String> mainOfTheSameNumbers = new TreeMap<>(mainStates);
		mainOfTheSameNumbers.keySet().retainAll(secondStates.keySet());
		assertThat(secondStates).as("the same numbers in other states at WeChat").isNotEqualTo(mainOfTheSameNumbers);
		assertSecondMerchantPaidByV2Callbacks(ScenarioPlan.of(merchants.get(1)), second);
		assertThat(logs.lines()).as("the capture holds the day's orders")
			.anySatisfy((line) -> assertThat(line).contains("Created payment order E2E-"))
			.anySatisfy((line) -> assertThat(line).contains("closed at WeChat"));
		assertNoSecretIn(logs.lines());
		List<String> meters = meterNamesAndTags();
		assertThat(meters).as("every service's meters, the refused callbacks' among them")
			.anySatisfy(
					(meter) -> assertThat(meter).startsWith("paytally.ingest.callbacks.refused ").contains("reason="));
		assertNoSecretIn(meters);
	}

	/**
	 * The second merchant gets WeChat's v2 XML callbacks: its orders paid by callback
	 * were paid by a v2 one (CALLBACK_V2 on orders.state, none CALLBACK_V3), sent to
	 * notify-ingest's v2 URL; a repeated v2 callback was acknowledged and changed nothing
	 * (its order is paid once, as WeChat says, with no anomaly).
	 */
	private static void assertSecondMerchantPaidByV2Callbacks(ScenarioPlan plan, DayVerdict second)
			throws InterruptedException {
		String mchid = "1900000002";
		List<String> byCallback = new ArrayList<>();
		List<String> repeated = new ArrayList<>();
		for (PlannedOrder order : plan.orders()) {
			String first = second.day().outTradeNos().get(order.merchantOrderNo()).get(0);
			switch (order.kind()) {
				case PROMPT, DUPLICATE_CALLBACK, FORGED_CALLBACK, COUPON, FULL_REFUND, PARTIAL_REFUND ->
					byCallback.add(first);
				default -> {
				}
			}
			if (order.kind() == Kind.DUPLICATE_CALLBACK) {
				repeated.add(first);
			}
		}
		assertThat(byCallback).hasSizeGreaterThan(5);
		assertThat(repeated).isNotEmpty();
		try (StateWatcher watcher = new StateWatcher(stack.kafka())) {
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (second.day().truths().stream().anyMatch((truth) -> watcher.state(mchid, truth.outTradeNo()) == null)
					&& System.nanoTime() < deadline) {
				Thread.sleep(200);
			}
			for (String no : byCallback) {
				assertThat(watcher.state(mchid, no).paidSource()).as(no).isEqualTo(NotificationSource.CALLBACK_V2);
			}
			assertThat(second.day().truths()).allSatisfy((truth) -> {
				OrderPaymentState state = watcher.state(mchid, truth.outTradeNo());
				assertThat(state).as(truth.outTradeNo()).isNotNull();
				assertThat(state.paidSource()).as(truth.outTradeNo()).isNotEqualTo(NotificationSource.CALLBACK_V3);
			});
			for (String no : repeated) {
				List<CallbackAttempt> acknowledged = stack.sandbox()
					.control()
					.callbacks(no)
					.stream()
					.filter((attempt) -> attempt.mchid().equals(mchid) && attempt.answered2xx()
							&& attempt.eventType().equals("TRANSACTION.SUCCESS"))
					.toList();
				assertThat(acknowledged).as(no)
					.hasSize(2)
					.allSatisfy((attempt) -> assertThat(attempt.notifyUrl()).endsWith("/wechatpay/v2/notify/" + mchid));
				OrderPaymentState state = watcher.state(mchid, no);
				assertThat(state.status()).as(no).isEqualTo(PaymentStatus.PAID);
				assertThat(state.paidSource()).as(no).isEqualTo(NotificationSource.CALLBACK_V2);
			}
		}
	}

	/**
	 * The stack's dashboard users, one per role, log in through the dashboard's form with
	 * the one-time passwords the demo prints, and must change them before anything else.
	 */
	@Test
	@Order(2)
	void dashboardUsersLogInWithTheirOneTimePasswordsAndMustChangeThem() throws Exception {
		assertThat(stack.dashboardUsers()).containsOnlyKeys("operations", "finance", "admin");
		for (Map.Entry<String, String> user : stack.dashboardUsers().entrySet()) {
			CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
			HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
			URI base = stack.dashboardUrl();
			assertThat(http
				.send(HttpRequest.newBuilder(base.resolve("/api/me")).build(), HttpResponse.BodyHandlers.ofString())
				.statusCode()).isEqualTo(401);
			http.send(HttpRequest.newBuilder(base.resolve("/login")).build(), HttpResponse.BodyHandlers.ofString());
			String csrf = cookies.getCookieStore()
				.get(base)
				.stream()
				.filter((cookie) -> cookie.getName().equals("XSRF-TOKEN"))
				.findFirst()
				.orElseThrow()
				.getValue();
			HttpResponse<String> login = http.send(HttpRequest.newBuilder(base.resolve("/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("X-XSRF-TOKEN", csrf)
				.POST(HttpRequest.BodyPublishers.ofString("username=" + user.getKey() + "&password=" + user.getValue()))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(login.headers().firstValue("Location")).as(user.getKey()).hasValue(base.resolve("/").toString());
			assertThat(http
				.send(HttpRequest.newBuilder(base.resolve("/api/me")).build(), HttpResponse.BodyHandlers.ofString())
				.body()).isEqualTo("{\"name\":\"" + user.getKey() + "\",\"roles\":[],\"passwordChangeRequired\":true}");
		}
	}

	/**
	 * Finance, its one-time password changed, asks on the dashboard for the first
	 * merchant's statement of the day again: the request goes on
	 * {@code recon.statement-runs}, the stack's batch-jobs runs it, and the dashboard
	 * shows the run done, asked by finance. The whole road of "run a statement", through
	 * both services.
	 */
	@Test
	@Order(3)
	void aStatementAskedForOnTheDashboardIsRunByBatchJobsAndShownDone() throws Exception {
		CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
		HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
		URI base = stack.dashboardUrl();
		String chosen = "chosen-password-of-finance";
		logIn(http, cookies, base, "finance", stack.dashboardUsers().get("finance"));
		HttpResponse<String> changed = post(http, cookies, base, "/account/api/password", "{\"currentPassword\":\""
				+ stack.dashboardUsers().get("finance") + "\",\"newPassword\":\"" + chosen + "\"}");
		assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
		logIn(http, cookies, base, "finance", chosen);
		LocalDate day = clock.today().minusDays(1);

		HttpResponse<String> asked = post(http, cookies, base, "/api/statement-runs",
				"{\"mchid\":\"" + LocalStackOptions.DEMO_MCHID + "\",\"billDate\":\"" + day + "\"}");

		assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
		String requestId = JSON.readTree(asked.body()).path("requestId").asString();
		JsonNode run = null;
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (System.nanoTime() < deadline) {
			for (JsonNode row : JSON
				.readTree(http.send(HttpRequest.newBuilder(base.resolve("/api/statement-runs")).build(),
						HttpResponse.BodyHandlers.ofString())
					.body())) {
				if (row.path("requestId").asString().equals(requestId)) {
					run = row;
				}
			}
			if (run != null && List.of("DONE", "FAILED").contains(run.path("status").asString())) {
				break;
			}
			Thread.sleep(200);
		}
		assertThat(run).as("the request's run on the dashboard").isNotNull();
		assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("DONE");
		assertThat(run.path("mchid").asString()).isEqualTo(LocalStackOptions.DEMO_MCHID);
		assertThat(run.path("billDate").asString()).isEqualTo(day.toString());
		assertThat(run.path("requestedBy").asString()).isEqualTo("finance");
		assertThat(run.path("attempt").asInt()).isEqualTo(1);
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Logs in through the dashboard's form: it answers with a redirect to the page. */
	private static void logIn(HttpClient http, CookieManager cookies, URI base, String name, String password)
			throws Exception {
		http.send(HttpRequest.newBuilder(base.resolve("/login")).build(), HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> login = http.send(HttpRequest.newBuilder(base.resolve("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-XSRF-TOKEN", csrf(cookies, base))
			.POST(HttpRequest.BodyPublishers.ofString("username=" + name + "&password=" + password))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.headers().firstValue("Location")).as(name).hasValue(base.resolve("/").toString());
	}

	/** A JSON {@code POST} with the CSRF token, as the page sends it. */
	private static HttpResponse<String> post(HttpClient http, CookieManager cookies, URI base, String path, String json)
			throws Exception {
		return http.send(HttpRequest.newBuilder(base.resolve(path))
			.header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", csrf(cookies, base))
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String csrf(CookieManager cookies, URI base) {
		return cookies.getCookieStore()
			.get(base)
			.stream()
			.filter((cookie) -> cookie.getName().equals("XSRF-TOKEN"))
			.findFirst()
			.orElseThrow()
			.getValue();
	}

	/**
	 * The day's log lines (every service's, the sandbox's and the driver's), or its
	 * metric names and labels, hold none of the day's keys (APIv3, APIv2, the merchants'
	 * private keys, the driver's API key, the dashboard users' passwords) and no payer
	 * openid.
	 */
	private static void assertNoSecretIn(List<String> lines) {
		List<String> secrets = new ArrayList<>(List.of(stack.callerKey(), "oSandboxPayer0001"));
		secrets.addAll(stack.dashboardUsers().values());
		for (MerchantCredentials merchant : stack.merchants()) {
			secrets.add(merchant.apiV3Key());
			if (merchant.apiV2Key() != null) {
				secrets.add(merchant.apiV2Key());
			}
			String privateKey = merchant.privateKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
			for (int i = 0; i + 32 <= privateKey.length(); i += 200) {
				secrets.add(privateKey.substring(i, i + 32));
			}
		}
		for (String line : lines) {
			for (String secret : secrets) {
				assertThat(line).doesNotContain(secret);
			}
		}
	}

	/**
	 * Every meter of every running service (notify-ingest, stream-app, batch-jobs, the
	 * dashboard), as its name followed by its tags ({@code key=value}), as Prometheus
	 * would show them.
	 */
	private static List<String> meterNamesAndTags() {
		List<RunningService> services = new ArrayList<>(stack.ingests());
		services.addAll(stack.streams());
		services.add(stack.batch());
		services.add(stack.dashboard());
		List<String> meters = new ArrayList<>();
		for (RunningService service : services) {
			if (service == null || !service.context().isActive()) {
				continue;
			}
			for (MeterRegistry registry : service.context().getBeansOfType(MeterRegistry.class).values()) {
				for (Meter meter : registry.getMeters()) {
					StringBuilder text = new StringBuilder(meter.getId().getName());
					meter.getId()
						.getTags()
						.forEach((tag) -> text.append(' ').append(tag.getKey()).append('=').append(tag.getValue()));
					meters.add(text.toString());
				}
			}
		}
		return meters;
	}

	/** Every log line of the JVM while attached, as text with its exceptions. */
	private static final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

		private final List<String> lines = new CopyOnWriteArrayList<>();

		static LogCapture attach() {
			LogCapture capture = new LogCapture();
			LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
			capture.setContext(context);
			capture.start();
			context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(capture);
			return capture;
		}

		@Override
		protected void append(ILoggingEvent event) {
			StringBuilder text = new StringBuilder(event.getFormattedMessage());
			for (IThrowableProxy proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
				text.append(" | ").append(proxy.getClassName()).append(": ").append(proxy.getMessage());
			}
			this.lines.add(text.toString());
		}

		List<String> lines() {
			return List.copyOf(this.lines);
		}

		@Override
		public void close() {
			((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
				.detachAppender(this);
			stop();
		}

	}

	private static Map<String, String> statesByOutTradeNo(DayVerdict verdict) {
		Map<String, String> states = new TreeMap<>();
		verdict.day().truths().forEach((truth) -> states.put(truth.outTradeNo(), truth.tradeState()));
		return states;
	}

}
