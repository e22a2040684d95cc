package io.paytally.dashboard.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.StatementRun;
import io.paytally.schemas.StatementRunStatus;
import io.paytally.schemas.topics.Topic;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The page in a real headless Chromium, driven by Selenium WebDriver, while a small day
 * is played through the real topics: what a person sees. Skipped (with the reason
 * printed) only where no Chromium is installed, and failed there under CI
 * ({@code PAYTALLY_CI=true}); {@code .ci/run} installs Debian's {@code chromium} and
 * {@code chromium-driver}. The screenshot is kept as
 * {@code target/dashboard-browser-*.png}.
 */
class DashboardBrowserIT {

	static final Path CHROMIUM = Paths.get(System.getenv().getOrDefault("PAYTALLY_CHROMIUM", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Paths
		.get(System.getenv().getOrDefault("PAYTALLY_CHROMEDRIVER", "/usr/bin/chromedriver"));

	static final Duration SECONDS = Duration.ofSeconds(10);

	static DashboardRunner dashboard;

	static SmallDay day;

	static Path profile;

	static WebDriver browser;

	@BeforeAll
	static void start() throws Exception {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			String reason = "No Chromium at " + CHROMIUM + " with its driver at " + CHROMEDRIVER
					+ " (apt-get install chromium chromium-driver): the browser test is skipped";
			System.out.println(reason);
			// CI must show the page in a browser: .ci/run installs them
			assertThat(System.getenv("PAYTALLY_CI")).as(reason + ", and CI (PAYTALLY_CI=true) requires them")
				.isNotEqualTo("true");
			Assumptions.abort(reason);
		}
		dashboard = new DashboardRunner();
		day = new SmallDay(Instant.now());
		day.play(dashboard.broker);
		dashboard.await("/api/overview", (json) -> json.path("totals").path("paid").asLong() == SmallDay.PAID);
		dashboard.await("/api/statements", (json) -> json.size() == 1);
		profile = Files.createTempDirectory("dashboard-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1400,2600", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (dashboard != null) {
			dashboard.close();
		}
		if (profile != null) {
			FileSystemUtils.deleteRecursively(profile.toFile());
		}
	}

	@Test
	void showsTheDayLiveInChineseAndEnglish() throws Exception {
		WebDriverWait wait = new WebDriverWait(browser, SECONDS);
		// the first login, through the real form, with a one-time password: it must be
		// changed first, then the user logs in again with the new one
		loggedOut();
		browser.get(dashboard.base.resolve("/?lang=zh").toString());
		wait.until(ExpectedConditions.urlToBe(dashboard.base + "/login"));
		logIn("night-shift", dashboard.password("night-shift"));
		wait.until(ExpectedConditions.urlToBe(dashboard.base + "/account/password.html"));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("one-time")));
		browser.findElement(By.id("current-password")).sendKeys(dashboard.password("night-shift"));
		browser.findElement(By.id("new-password")).sendKeys(DashboardRunner.chosenPassword("night-shift"));
		browser.findElement(By.id("new-password-again")).sendKeys(DashboardRunner.chosenPassword("night-shift"));
		browser.findElement(By.id("change-password")).click();
		wait.until(ExpectedConditions.urlToBe(dashboard.base + "/login"));
		dashboard.passwordChanged("night-shift");
		logIn("night-shift", dashboard.password("night-shift"));
		wait.until(ExpectedConditions.urlToBe(dashboard.base + "/"));
		browser.get(dashboard.base.resolve("/?lang=zh").toString());
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-name"), "night-shift (OPERATIONS)"));

		// the per-minute chart has the day's payments
		wait.until(ExpectedConditions.textToBe(By.id("total-paid"), Long.toString(SmallDay.PAID)));
		assertThat(browser.findElement(By.id("total-amount")).getText()).isEqualTo(SmallDay.AMOUNT_PAID);
		wait.until((driver) -> chartPayments() == SmallDay.PAID);
		assertThat(script("return window.paytallyChart.data.datasets[1].data.reduce((a, b) => a + b, 0)"))
			.isEqualTo(21646L);
		assertThat(browser.findElement(By.id("success-rate")).getText()).isEqualTo("77.8%");
		assertThat(browser.findElement(By.id("total-refunds")).getText()).isEqualTo(Long.toString(SmallDay.REFUNDS));
		assertThat(browser.findElement(By.id("total-refunded")).getText()).isEqualTo(SmallDay.AMOUNT_REFUNDED);
		assertThat(browser.findElement(By.id("total-closed")).getText()).isEqualTo(Long.toString(SmallDay.CLOSED));
		assertThat(browser.findElement(By.id("live")).getText()).isEqualTo("实时");

		// an anomaly appears within seconds of being written, without a reload
		PaymentAnomaly anomaly = day.paidAfterClose("PT-LATE-7");
		dashboard.broker.send(Topic.ANOMALIES, anomaly.key(), anomaly);
		long written = System.nanoTime();
		WebElement row = new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#anomaly-list tr[data-id='" + anomaly.anomalyId() + "']")));
		long seenAfterMillis = Duration.ofNanos(System.nanoTime() - written).toMillis();
		System.out.println("The anomaly was on the page " + seenAfterMillis + " ms after it was written");
		// type, order, amount, the suggested action and its sentence
		assertThat(row.getText()).contains("关单后支付", "PT-LATE-7", "302.83", "退款",
				"Paid 302.83 yuan after the order was closed: refund the payer");
		assertThat(browser.findElement(By.id("anomaly-total")).getText()).isEqualTo("1");

		// the order lookup shows the transitions
		browser.findElement(By.id("lookup-input")).sendKeys(SmallDay.MERCHANT_ORDER);
		browser.findElement(By.id("lookup-button")).click();
		List<WebElement> steps = wait.until(ExpectedConditions
			.numberOfElementsToBe(By.cssSelector("#lookup-result table.transitions tr[data-status]"), 3));
		assertThat(steps).extracting((step) -> step.getAttribute("data-status"))
			.containsExactly("PENDING", "CHECKING", "PAID");
		assertThat(steps)
			.extracting((step) -> step.findElement(By.cssSelector("td.road")).getText(),
					(step) -> step.findElement(By.cssSelector("td.wechat")).getText())
			.containsExactly(tuple("商户", "已创建支付订单"), tuple("超时核查", "尚未答复"), tuple("主动查询", "支付成功 SUCCESS 123.45"));
		assertThat(steps.get(2).getText()).contains("已支付", "主动查询");
		assertThat(browser.findElement(By.id("lookup-result")).getText()).contains(SmallDay.ORDER, "123.45");

		// the statement that did not reconcile cleanly is marked, with its report
		WebElement statement = wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#statement-list tr[data-key='1900000001@2026-11-30']")));
		assertThat(statement.getAttribute("class")).isEqualTo("unclean");
		assertThat(statement.getText()).contains("有差异", "227600.53", "金额不符 1 (166.45)");

		// finance asks for the statement again from the form: the request is on the
		// topic,
		// and the run's status as batch-jobs reports it shows on the row
		WebElement mchid = browser.findElement(By.id("run-mchid"));
		mchid.clear();
		mchid.sendKeys(SmallDay.MCHID);
		script("document.getElementById('run-date').value = '" + SmallDay.BILL_DATE + "'");
		browser.findElement(By.id("run-submit")).click();
		String key = SmallDay.MCHID + "@" + SmallDay.BILL_DATE;
		wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#run-list tr[data-key='" + key + "'][data-status='REQUESTED']")));
		List<KeyValue<String, StatementRun>> requests = dashboard.broker.readAll(Topic.STATEMENT_RUNS, 1,
				Duration.ofSeconds(10));
		assertThat(requests).extracting((r) -> r.key + " " + r.value.status() + " " + r.value.requestedBy())
			.containsExactly(key + " REQUESTED night-shift");
		StatementRun request = requests.get(0).value;
		dashboard.broker.send(Topic.STATEMENT_RUNS, key, request.with(StatementRunStatus.RETRYING, 1,
				"BILL_NOT_READY: WeChat is still creating the bill", Instant.now().plusSeconds(1800), Instant.now()));
		WebElement retrying = wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#run-list tr[data-key='" + key + "'][data-status='RETRYING']")));
		assertThat(retrying.getText()).contains("等待重试", "BILL_NOT_READY: WeChat is still creating the bill");
		dashboard.broker.send(Topic.STATEMENT_RUNS, key,
				request.with(StatementRunStatus.DONE, 2, null, null, Instant.now()));
		wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#run-list tr[data-key='" + key + "'][data-status='DONE']")));
		wait.until(ExpectedConditions
			.textToBePresentInElementLocated(By.cssSelector("#statement-list tr[data-key='" + key + "']"), "已完成"));

		// the pipeline's health: each topic's newest record, the groups' lag
		WebElement orderState = wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#topic-list tr[data-topic='orders.state']")));
		assertThat(orderState.getText()).matches("orders\\.state \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} \\d+ 秒 5");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#group-list tr[data-group]")));
		screenshot("zh");

		// the language switch changes the labels
		browser.findElement(By.id("lang-toggle")).click();
		wait.until(ExpectedConditions.textToBe(By.cssSelector("#anomaly-panel h2 [data-i18n='anomalies']"),
				"Anomalies to act on"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("anomaly-list"), "Paid after close"));
		assertThat(browser.findElement(By.cssSelector("#lookup-panel h2")).getText()).isEqualTo("Order lookup");
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("lookup-result"), "active query"));
		screenshot("en");

		// the report opens
		String report = browser.findElement(By.cssSelector("#statement-list tr.unclean a[href$='statement.html']"))
			.getAttribute("href");
		browser.get(report);
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Statement 2026-11-30");

		// logging out ends the session: the page asks for a login again
		browser.get(dashboard.base.resolve("/").toString());
		wait.until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
		wait.until(ExpectedConditions.urlToBe(dashboard.base + "/login?logout"));
		browser.get(dashboard.base.resolve("/").toString());
		wait.until(ExpectedConditions.urlToBe(dashboard.base + "/login"));
	}

	@Test
	void showsFinanceTheStatementsAndAnomaliesOnly() throws Exception {
		WebDriverWait wait = new WebDriverWait(browser, SECONDS);
		loggedOut();
		// its one-time password changed (over HTTP) already
		dashboard.loggedIn("finance");
		logIn("finance", dashboard.password("finance"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-name"), "finance (FINANCE)"));
		wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#statement-list tr[data-key='1900000001@2026-11-30']")));
		assertThat(browser.findElement(By.id("now-panel")).isDisplayed()).isFalse();
		assertThat(browser.findElement(By.id("lookup-panel")).isDisplayed()).isFalse();
		assertThat(browser.findElement(By.id("anomaly-panel")).isDisplayed()).isTrue();
	}

	/** On the login page, no session cookie left. */
	static void loggedOut() {
		browser.get(dashboard.base.resolve("/login").toString());
		browser.manage().deleteAllCookies();
		browser.get(dashboard.base.resolve("/login").toString());
	}

	static void logIn(String name, String password) {
		new WebDriverWait(browser, SECONDS).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
			.sendKeys(name);
		browser.findElement(By.id("password")).sendKeys(password);
		browser.findElement(By.cssSelector("button[type=submit]")).click();
	}

	static long chartPayments() {
		Object sum = script(
				"return window.paytallyChart ? window.paytallyChart.data.datasets[0].data.reduce((a, b) => a + b, 0) : -1");
		return ((Number) sum).longValue();
	}

	static Object script(String script) {
		return ((JavascriptExecutor) browser).executeScript(script);
	}

	static void screenshot(String name) throws Exception {
		File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		Path target = Paths.get("target", "dashboard-browser-" + name + ".png");
		Files.createDirectories(target.getParent());
		Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
		System.out.println("Screenshot: " + target.toAbsolutePath());
	}

}
