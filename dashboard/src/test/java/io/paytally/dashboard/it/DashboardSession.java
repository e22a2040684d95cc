package io.paytally.dashboard.it;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One browser's worth of the dashboard over HTTP: its cookies (the session and the CSRF
 * token), redirects not followed, every {@code POST} with the token in
 * {@code X-XSRF-TOKEN} as the page sends it (unless asked not to). Public for the
 * benchmark, which loads the page as a logged-in user.
 */
public final class DashboardSession {

	private final URI base;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient http;

	public DashboardSession(URI base) {
		this.base = base;
		this.http = HttpClient.newBuilder().cookieHandler(this.cookies).build();
	}

	/**
	 * Logs in through the login form ({@code POST /login} with the CSRF token the login
	 * page set): the answer is the form's redirect.
	 */
	public HttpResponse<String> login(String name, String password) throws IOException, InterruptedException {
		get("/login");
		return send(HttpRequest.newBuilder(this.base.resolve("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-XSRF-TOKEN", csrfToken())
			.POST(HttpRequest.BodyPublishers.ofString("username=" + encode(name) + "&password=" + encode(password))));
	}

	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(this.base.resolve(path)).header("Accept", "application/json"));
	}

	/** A {@code POST} of JSON (none when null) carrying the CSRF token. */
	public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return send(postRequest(path, json).header("X-XSRF-TOKEN", csrfToken()));
	}

	/** A {@code POST} as a forged cross-site form would send it: no CSRF token. */
	HttpResponse<String> postWithoutCsrfToken(String path, String json) throws IOException, InterruptedException {
		return send(postRequest(path, json));
	}

	public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
			throws IOException, InterruptedException {
		return this.http.send(request, body);
	}

	/** The session cookie's value, or null. */
	String sessionId() {
		return cookie("JSESSIONID");
	}

	String csrfToken() {
		return cookie("XSRF-TOKEN");
	}

	private String cookie(String name) {
		return this.cookies.getCookieStore()
			.get(this.base)
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}

	private HttpRequest.Builder postRequest(String path, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path))
			.header("Accept", "application/json");
		if (json == null) {
			return request.POST(HttpRequest.BodyPublishers.noBody());
		}
		return request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
