package io.paytally.dashboard.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import io.paytally.dashboard.DashboardApplication;
import io.paytally.schemas.serde.Json;
import io.paytally.testkit.KafkaTestBroker;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The real dashboard on a random port against a test broker, with a reports directory
 * holding one day's report.
 */
final class DashboardRunner implements AutoCloseable {

	final KafkaTestBroker broker;

	final Path stateDir;

	final Path reportsDir;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	ConfigurableApplicationContext context;

	URI base;

	/** The users' database, kept across restarts. */
	final Path usersDir;

	/** Each user's password now: the one-time password until it is changed. */
	private final Map<String, String> passwords = new LinkedHashMap<>();

	private DashboardSession operations;

	DashboardRunner() throws IOException {
		this.broker = KafkaTestBroker.startInJvm();
		this.stateDir = Files.createTempDirectory("dashboard-state");
		this.reportsDir = Files.createTempDirectory("dashboard-reports");
		this.usersDir = Files.createTempDirectory("dashboard-users");
		Path day = Files
			.createDirectories(this.reportsDir.resolve(SmallDay.MCHID).resolve(SmallDay.BILL_DATE.toString()));
		Files.writeString(day.resolve("statement.html"),
				"<html><body><h1>Statement " + SmallDay.BILL_DATE + "</h1></body></html>");
		Files.writeString(day.resolve("differences.csv"), "class,out_trade_no\n");
		Map<String, Object> properties = this.properties;
		properties.put("spring.config.name", DashboardApplication.CONFIG_NAME);
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		properties.put("spring.kafka.bootstrap-servers", this.broker.bootstrapServers());
		properties.put("spring.kafka.streams.application-id", KafkaTestBroker.uniqueName("dashboard-it"));
		properties.put("paytally.dashboard.state-dir", this.stateDir.toString());
		properties.put("paytally.dashboard.reports-dir", this.reportsDir.toString());
		properties.put("paytally.dashboard.commit-interval", "100ms");
		properties.put("paytally.dashboard.push-interval", "100ms");
		properties.put("paytally.dashboard.login.jdbc-url", "jdbc:h2:file:" + this.usersDir.resolve("users"));
		// plain http on the loopback address: the cookies cannot be Secure
		properties.put("paytally.dashboard.login.secure-cookies", "false");
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		int i = 0;
		for (String[] user : USERS) {
			String oneTime = "one-time-" + user[0];
			this.passwords.put(user[0], oneTime);
			properties.put("paytally.dashboard.login.initial-users[" + i + "].name", user[0]);
			properties.put("paytally.dashboard.login.initial-users[" + i + "].role", user[1]);
			properties.put("paytally.dashboard.login.initial-users[" + i + "].password-hash", encoder.encode(oneTime));
			i++;
		}
		start();
	}

	/**
	 * The users the dashboard starts with, each with the one-time password
	 * {@code one-time-<name>}: one per role, and a second operations user for the
	 * browser.
	 */
	static final String[][] USERS = { { "operations", "OPERATIONS" }, { "finance", "FINANCE" }, { "admin", "ADMIN" },
			{ "night-shift", "OPERATIONS" } };

	/** The password a user chooses in place of its one-time password. */
	static String chosenPassword(String name) {
		return "chosen-password-of-" + name;
	}

	/** The user's password now. */
	String password(String name) {
		return this.passwords.get(name);
	}

	/** Records that the user changed its one-time password to its chosen one. */
	void passwordChanged(String name) {
		this.passwords.put(name, chosenPassword(name));
	}

	/**
	 * A session of the user, logged in through the form; a one-time password is changed
	 * first (and the user logs in again), as the dashboard demands.
	 */
	DashboardSession loggedIn(String name) throws IOException, InterruptedException {
		DashboardSession session = new DashboardSession(this.base);
		HttpResponse<String> login = session.login(name, password(name));
		if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
			throw new IllegalStateException(
					"Login of " + name + " failed: " + login.statusCode() + " " + login.headers());
		}
		if (session.get("/api/me").body().contains("\"passwordChangeRequired\":true")) {
			HttpResponse<String> changed = session.post("/account/api/password", "{\"currentPassword\":\""
					+ password(name) + "\",\"newPassword\":\"" + chosenPassword(name) + "\"}");
			if (changed.statusCode() != 200) {
				throw new IllegalStateException("Password change of " + name + " failed: " + changed.body());
			}
			passwordChanged(name);
			return loggedIn(name);
		}
		return session;
	}

	/** The operations user's session, the one {@link #get} and {@link #await} use. */
	DashboardSession operations() throws IOException, InterruptedException {
		if (this.operations == null) {
			this.operations = loggedIn("operations");
		}
		return this.operations;
	}

	private void start() {
		// as arguments: they win over dashboard.yml
		String[] args = this.properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		this.context = new SpringApplicationBuilder(DashboardApplication.class).run(args);
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		this.base = URI.create("http://127.0.0.1:" + port);
	}

	/**
	 * Stops the dashboard, throws its stores away and starts it again: the views must
	 * come back from their changelogs.
	 */
	void restartWithoutState() {
		this.context.close();
		FileSystemUtils.deleteRecursively(this.stateDir.toFile());
		// its sessions were in the stopped service's memory
		this.operations = null;
		start();
	}

	/** The management server: health, metrics and Prometheus, without a login. */
	URI managementBase() {
		String port = this.context.getEnvironment().getProperty("local.management.port");
		return URI.create("http://127.0.0.1:" + port);
	}

	/** A {@code GET} by the operations user. */
	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return operations().get(path);
	}

	/** A JSON {@code POST} by the operations user, with the CSRF token. */
	HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
		return operations().post(path, json);
	}

	/** The JSON at {@code path} once it answers 200 and satisfies {@code until}. */
	JsonNode await(String path, Predicate<JsonNode> until) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		JsonNode last = null;
		while (System.nanoTime() < deadline) {
			HttpResponse<String> response = get(path);
			if (response.statusCode() == 200) {
				last = Json.mapper().readTree(response.body());
				if (until.test(last)) {
					return last;
				}
			}
			Thread.sleep(100);
		}
		throw new AssertionError("No answer of " + path + " as expected within 30 s; last: " + last);
	}

	@Override
	public void close() {
		this.context.close();
		this.broker.close();
		FileSystemUtils.deleteRecursively(this.stateDir.toFile());
		FileSystemUtils.deleteRecursively(this.reportsDir.toFile());
		FileSystemUtils.deleteRecursively(this.usersDir.toFile());
	}

}
