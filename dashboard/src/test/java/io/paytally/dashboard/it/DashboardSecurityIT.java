package io.paytally.dashboard.it;

import java.net.http.HttpRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.paytally.schemas.serde.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may see what on the real dashboard, logged in through the real form: nobody without
 * a login, finance read-only, operations everything, administrators the users; CSRF
 * tokens, logout, one-time passwords.
 */
class DashboardSecurityIT {

	static DashboardRunner dashboard;

	@BeforeAll
	static void start() throws Exception {
		dashboard = new DashboardRunner();
		// the views answer (not 503) before the roles are checked against them
		dashboard.await("/api/statements", (json) -> json.isArray());
	}

	@AfterAll
	static void stop() {
		if (dashboard != null) {
			dashboard.close();
		}
	}

	@Test
	void redirectsAPageToTheLoginFormWithoutALogin() throws Exception {
		DashboardSession anonymous = new DashboardSession(dashboard.base);
		for (String page : new String[] { "/", "/index.html", "/admin/users.html", "/account/password.html" }) {
			HttpResponse<String> response = anonymous.get(page);
			assertThat(response.statusCode()).as(page).isEqualTo(302);
			assertThat(response.headers().firstValue("Location")).as(page).hasValue(dashboard.base + "/login");
		}
		HttpResponse<String> login = anonymous.get("/login");
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains("name=\"username\"", "name=\"password\"", "name=\"_csrf\"");
	}

	@Test
	void answersTheApi401WithoutALogin() throws Exception {
		DashboardSession anonymous = new DashboardSession(dashboard.base);
		for (String api : new String[] { "/api/overview", "/api/anomalies", "/api/statements", "/api/orders?number=1",
				"/api/events", "/api/me", "/api/pipeline", "/api/statement-runs", "/admin/api/users" }) {
			assertThat(anonymous.get(api).statusCode()).as(api).isEqualTo(401);
		}
		assertThat(anonymous.get("/reports/1900000001/2026-11-30/statement.html").statusCode()).isEqualTo(302);
		// a POST with the login page's CSRF token, still without a login
		anonymous.get("/login");
		assertThat(anonymous.post("/api/statements", "{}").statusCode()).isEqualTo(401);
		assertThat(anonymous.post("/admin/api/users", "{\"name\":\"mallory\",\"role\":\"ADMIN\"}").statusCode())
			.isEqualTo(401);
		for (String api : new String[] { "/api/statement-runs", "/account/api/password",
				"/admin/api/users/admin/password", "/admin/api/users/admin/disable",
				"/admin/api/users/admin/enable" }) {
			assertThat(anonymous.post(api, "{}").statusCode()).as(api).isEqualTo(401);
		}
		// health and metrics are not on the page's port; on the management port
		// (loopback or a private network) they are open, to Prometheus too
		assertThat(anonymous.get("/actuator/prometheus").statusCode()).isEqualTo(302);
		DashboardSession management = new DashboardSession(dashboard.managementBase());
		HttpResponse<String> health = management.get("/actuator/health");
		assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
		// as Prometheus asks for it
		HttpResponse<String> prometheus = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(dashboard.managementBase().resolve("/actuator/prometheus"))
				.header("Accept", "text/plain")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(prometheus.statusCode()).isEqualTo(200);
		assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
	}

	@Test
	void returnsToTheRefusedPageAfterTheLoginButNeverToAnApiAnswer() throws Exception {
		DashboardSession session = new DashboardSession(dashboard.base);
		session.get("/reports/1900000001/2026-11-30/statement.html");
		session.get("/api/overview");

		HttpResponse<String> login = session.login("operations", dashboard.password("operations"));

		assertThat(login.headers().firstValue("Location"))
			.hasValue(dashboard.base + "/reports/1900000001/2026-11-30/statement.html?continue");
	}

	@Test
	void letsFinanceReadStatementsAndAnomaliesButNothingElse() throws Exception {
		DashboardSession finance = dashboard.loggedIn("finance");
		assertThat(finance.get("/api/statements").statusCode()).isEqualTo(200);
		HttpResponse<String> anomalies = finance.get("/api/anomalies");
		assertThat(anomalies.statusCode()).isEqualTo(200);
		assertThat(json(anomalies).path("total").asLong()).isZero();
		assertThat(finance.get("/").statusCode()).isEqualTo(200);
		assertThat(finance.get("/api/overview").statusCode()).isEqualTo(403);
		assertThat(finance.get("/api/orders?number=PT-1").statusCode()).isEqualTo(403);
		assertThat(finance.get("/admin/api/users").statusCode()).isEqualTo(403);
		assertThat(finance.get("/api/pipeline").statusCode()).isEqualTo(403);
		// read-only but for asking for a statement (again): any other POST under /api/
		// is operations'
		HttpResponse<String> post = finance.post("/api/statements", "{\"mchid\":\"1900000001\"}");
		assertThat(post.statusCode()).isEqualTo(403);
		assertThat(post.body()).isEqualTo("{\"error\":\"FORBIDDEN\"}");
		HttpResponse<String> run = finance.post("/api/statement-runs",
				"{\"mchid\":\"1900000001\",\"billDate\":\"2026-11-30\"}");
		assertThat(run.statusCode()).isEqualTo(202);
		assertThat(json(run).path("requestedBy").asString()).isEqualTo("finance");
		assertThat(finance.get("/api/statement-runs").statusCode()).isEqualTo(200);
		assertThat(json(finance.get("/api/me")).path("roles").toString()).isEqualTo("[\"FINANCE\"]");
	}

	@Test
	void givesOperationsTheNormalAnswers() throws Exception {
		DashboardSession operations = dashboard.loggedIn("operations");
		HttpResponse<String> overview = operations.get("/api/overview");
		assertThat(overview.statusCode()).isEqualTo(200);
		assertThat(json(overview).path("totals").path("paid").asLong()).isZero();
		assertThat(operations.get("/api/orders?number=PT-1").body()).isEqualTo("[]");
		assertThat(operations.get("/api/statements").body()).isEqualTo("[]");
		// past security to the controller: there is no POST on the overview
		assertThat(operations.post("/api/overview", "{}").statusCode()).isEqualTo(405);
		assertThat(operations.get("/admin/api/users").statusCode()).isEqualTo(403);
		assertThat(operations.get("/admin/users.html").statusCode()).isEqualTo(403);
		// managing users is the administrator's alone
		for (String api : new String[] { "/admin/api/users", "/admin/api/users/finance/password",
				"/admin/api/users/finance/disable", "/admin/api/users/finance/enable" }) {
			HttpResponse<String> refused = operations.post(api, "{\"name\":\"mallory\",\"role\":\"ADMIN\"}");
			assertThat(refused.statusCode()).as(api).isEqualTo(403);
			assertThat(refused.body()).as(api).isEqualTo("{\"error\":\"FORBIDDEN\"}");
		}
	}

	@Test
	void setsAnHttpOnlySameSiteSessionCookieAtLogin() throws Exception {
		DashboardSession session = new DashboardSession(dashboard.base);
		HttpResponse<String> login = session.login("operations", dashboard.password("operations"));
		assertThat(login.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly", "SameSite=Lax"));
	}

	@Test
	void endsTheSessionAtLogout() throws Exception {
		DashboardSession operations = dashboard.loggedIn("operations");
		String sessionId = operations.sessionId();
		assertThat(operations.get("/api/overview").statusCode()).isEqualTo(200);

		HttpResponse<String> logout = operations.post("/logout", null);

		assertThat(logout.statusCode()).isEqualTo(302);
		assertThat(logout.headers().firstValue("Location")).hasValue(dashboard.base + "/login?logout");
		assertThat(operations.get("/api/overview").statusCode()).isEqualTo(401);
		// the old session cookie, presented again, opens nothing
		HttpResponse<String> replayed = new DashboardSession(dashboard.base)
			.send(HttpRequest.newBuilder(dashboard.base.resolve("/api/overview"))
				.header("Cookie", "JSESSIONID=" + sessionId)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(replayed.statusCode()).isEqualTo(401);
	}

	@Test
	void refusesAPostWithoutTheCsrfToken() throws Exception {
		DashboardSession admin = dashboard.loggedIn("admin");

		HttpResponse<String> forged = admin.postWithoutCsrfToken("/admin/api/users",
				"{\"name\":\"forged-user\",\"role\":\"OPERATIONS\"}");

		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(admin.get("/admin/api/users").body()).doesNotContain("forged-user");
		assertThat(dashboard.loggedIn("operations").postWithoutCsrfToken("/logout", null).statusCode()).isEqualTo(403);
	}

	@Test
	void demandsAOneTimePasswordBeChangedBeforeAnythingElse() throws Exception {
		DashboardSession admin = dashboard.loggedIn("admin");
		HttpResponse<String> added = admin.post("/admin/api/users", "{\"name\":\"auditor\",\"role\":\"FINANCE\"}");
		assertThat(added.statusCode()).isEqualTo(201);
		String oneTime = json(added).path("oneTimePassword").asString();
		assertThat(oneTime).hasSize(24);

		DashboardSession auditor = new DashboardSession(dashboard.base);
		assertThat(auditor.login("auditor", oneTime).headers().firstValue("Location")).hasValue(dashboard.base + "/");
		HttpResponse<String> page = auditor.get("/");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValue(dashboard.base + "/account/password.html");
		HttpResponse<String> statements = auditor.get("/api/statements");
		assertThat(statements.statusCode()).isEqualTo(403);
		assertThat(statements.body()).isEqualTo("{\"error\":\"PASSWORD_CHANGE_REQUIRED\"}");
		assertThat(json(auditor.get("/api/me")).path("passwordChangeRequired").asBoolean()).isTrue();
		assertThat(auditor.get("/account/password.html").statusCode()).isEqualTo(200);

		HttpResponse<String> wrong = auditor.post("/account/api/password",
				"{\"currentPassword\":\"guess\",\"newPassword\":\"auditor-password-2026\"}");
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(json(wrong).path("error").asString()).isEqualTo("CURRENT_PASSWORD_WRONG");
		HttpResponse<String> tooShort = auditor.post("/account/api/password",
				"{\"currentPassword\":\"" + oneTime + "\",\"newPassword\":\"short\"}");
		assertThat(json(tooShort).path("error").asString()).isEqualTo("NEW_PASSWORD_REJECTED");
		HttpResponse<String> changed = auditor.post("/account/api/password",
				"{\"currentPassword\":\"" + oneTime + "\",\"newPassword\":\"auditor-password-2026\"}");
		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(json(changed).path("next").asString()).isEqualTo("/login");
		assertThat(auditor.get("/api/me").statusCode()).isEqualTo(401);

		DashboardSession again = new DashboardSession(dashboard.base);
		assertThat(again.login("auditor", oneTime).headers().firstValue("Location"))
			.hasValue(dashboard.base + "/login?error");
		again.login("auditor", "auditor-password-2026");
		assertThat(again.get("/api/statements").statusCode()).isEqualTo(200);
		assertThat(json(again.get("/api/me")).path("roles").toString()).isEqualTo("[\"FINANCE\"]");
	}

	@Test
	void letsTheAdministratorResetAPasswordAndDisableAUser() throws Exception {
		DashboardSession admin = dashboard.loggedIn("admin");
		String oneTime = json(admin.post("/admin/api/users", "{\"name\":\"temp-operator\",\"role\":\"OPERATIONS\"}"))
			.path("oneTimePassword")
			.asString();
		DashboardSession operator = new DashboardSession(dashboard.base);
		operator.login("temp-operator", oneTime);
		operator.post("/account/api/password",
				"{\"currentPassword\":\"" + oneTime + "\",\"newPassword\":\"temp-operator-password\"}");
		operator.login("temp-operator", "temp-operator-password");
		assertThat(operator.get("/api/overview").statusCode()).isEqualTo(200);

		HttpResponse<String> reset = admin.post("/admin/api/users/temp-operator/password", null);
		assertThat(reset.statusCode()).isEqualTo(200);
		String resetTo = json(reset).path("oneTimePassword").asString();
		// the reset ends the open session, and the old password opens nothing
		assertThat(operator.get("/api/overview").statusCode()).isEqualTo(401);
		assertThat(new DashboardSession(dashboard.base).login("temp-operator", "temp-operator-password")
			.headers()
			.firstValue("Location")).hasValue(dashboard.base + "/login?error");
		DashboardSession withReset = new DashboardSession(dashboard.base);
		withReset.login("temp-operator", resetTo);
		assertThat(json(withReset.get("/api/me")).path("passwordChangeRequired").asBoolean()).isTrue();

		HttpResponse<String> disabled = admin.post("/admin/api/users/temp-operator/disable", null);
		assertThat(disabled.statusCode()).isEqualTo(200);
		assertThat(json(disabled).path("enabled").asBoolean()).isFalse();
		assertThat(withReset.get("/api/me").statusCode()).isEqualTo(401);
		assertThat(
				new DashboardSession(dashboard.base).login("temp-operator", resetTo).headers().firstValue("Location"))
			.hasValue(dashboard.base + "/login?error");

		assertThat(admin.post("/admin/api/users/admin/disable", null).statusCode()).isEqualTo(409);
		assertThat(admin.post("/admin/api/users/nobody/password", null).statusCode()).isEqualTo(404);
		assertThat(admin.post("/admin/api/users", "{\"name\":\"finance\",\"role\":\"ADMIN\"}").statusCode())
			.isEqualTo(409);
		JsonNode users = json(admin.get("/admin/api/users"));
		assertThat(users.toString()).contains(
				"{\"name\":\"temp-operator\",\"role\":\"OPERATIONS\",\"enabled\":false,\"passwordChangeRequired\":true}");
	}

	static JsonNode json(HttpResponse<String> response) {
		return Json.mapper().readTree(response.body());
	}

}
