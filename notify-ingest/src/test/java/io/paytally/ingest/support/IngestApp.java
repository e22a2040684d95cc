package io.paytally.ingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.paytally.ingest.NotifyIngestApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * notify-ingest started for real, as local-stack starts it (its own context, its own
 * config name), on a random public port and a random management port, with a JDK HTTP/1.1
 * client to call them.
 */
public final class IngestApp implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final int port;

	private final int managementPort;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private IngestApp(ConfigurableApplicationContext context) {
		this.context = context;
		this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
		this.managementPort = Integer.parseInt(context.getEnvironment().getProperty("local.management.port"));
	}

	/** Starts the app against a broker, with extra command-line style properties. */
	public static IngestApp start(String bootstrapServers, List<String> properties) {
		return start(NotifyIngestApplication.application(), bootstrapServers, properties);
	}

	public static IngestApp start(SpringApplicationBuilder builder, String bootstrapServers, List<String> properties) {
		List<String> args = new ArrayList<>();
		args.add("--server.port=0");
		args.add("--management.server.port=0");
		args.add("--spring.kafka.bootstrap-servers=" + bootstrapServers);
		args.add("--spring.jmx.enabled=false");
		args.addAll(properties);
		return new IngestApp(builder.run(args.toArray(String[]::new)));
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	public int port() {
		return this.port;
	}

	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/** The management port: health, metrics, Prometheus. */
	public int managementPort() {
		return this.managementPort;
	}

	public URI managementUri(String path) {
		return URI.create("http://127.0.0.1:" + this.managementPort + path);
	}

	/** A GET on the management port (actuator). */
	public HttpResponse<String> getManagement(String path) {
		return send(HttpRequest.newBuilder(managementUri(path)).timeout(Duration.ofSeconds(30)).GET().build());
	}

	/** The notify URL of a merchant, as registered at WeChat. */
	public String v3NotifyUrl(String mchid) {
		return uri("/wechatpay/v3/notify/" + mchid).toString();
	}

	public HttpResponse<String> postV3(String mchid, WechatPayFixture.Callback callback) {
		return post("/wechatpay/v3/notify/" + mchid, callback.headers(), callback.body());
	}

	/** A v3 callback posted to a URI given whole (e.g. with an encoded merchant id). */
	public HttpResponse<String> postV3Raw(URI uri, WechatPayFixture.Callback callback) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(callback.body(), StandardCharsets.UTF_8));
		callback.headers().forEach(request::header);
		return send(request.build());
	}

	public HttpResponse<String> postV2(String mchid, String xml) {
		return post("/wechatpay/v2/notify/" + mchid, Map.of("Content-Type", "text/xml"), xml);
	}

	public HttpResponse<String> post(String path, Map<String, String> headers, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (!headers.containsKey("Content-Type")) {
			request.header("Content-Type", "application/json");
		}
		headers.forEach(request::header);
		return send(request.build());
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build());
	}

	public HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

}
