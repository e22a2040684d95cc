package io.paytally.local.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded stack's load balancer in front of several notify-ingest instances, as a
 * production deployment has HAProxy or nginx there (docker compose's cluster profile):
 * each request goes to the next instance in turn; an instance that refuses the connection
 * is skipped and the request goes to the next one (as nginx's
 * {@code proxy_next_upstream error}); a request that reached an instance is never sent
 * twice. The instance's status and body go back unchanged, so WeChat's retry rules hold
 * (5xx: WeChat retries).
 *
 * <p>
 * Built on the JDK's HTTP server and client: it serves only the in-JVM demo, where the
 * callbacks are few hundred a second. The JDK server changes the case of header names,
 * which notify-ingest (a servlet container, case-insensitive) does not mind.
 */
final class RoundRobinBalancer implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RoundRobinBalancer.class);

	/** Headers the JDK client sets itself (or refuses), and hop-by-hop ones. */
	private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
			"transfer-encoding", "keep-alive");

	private final HttpServer server;

	private final ExecutorService workers;

	private final HttpClient client;

	private final List<Backend> backends;

	private final AtomicInteger next = new AtomicInteger();

	private RoundRobinBalancer(HttpServer server, ExecutorService workers, List<Backend> backends) {
		this.server = server;
		this.workers = workers;
		this.backends = backends;
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(1))
			.executor(workers)
			.build();
	}

	/**
	 * Listens on {@code 127.0.0.1:port} (0: any free port) and balances over the
	 * instances whose ports {@code ports} gives, asked for each request (an instance
	 * replaced on another port is found).
	 */
	static RoundRobinBalancer start(int port, int instances, IntUnaryOperator ports) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
			ExecutorService workers = Executors.newFixedThreadPool(32, (runnable) -> {
				Thread thread = new Thread(runnable, "paytally-balancer");
				thread.setDaemon(true);
				return thread;
			});
			List<Backend> backends = IntStream.range(0, instances).mapToObj((i) -> new Backend(i, ports)).toList();
			RoundRobinBalancer balancer = new RoundRobinBalancer(server, workers, backends);
			server.createContext("/", balancer::handle);
			server.setExecutor(workers);
			server.start();
			return balancer;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot listen on port " + port + " for the ingest balancer", ex);
		}
	}

	/** The port it listens on. */
	int port() {
		return this.server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			int first = Math.floorMod(this.next.getAndIncrement(), this.backends.size());
			for (int attempt = 0; attempt < this.backends.size(); attempt++) {
				Backend backend = this.backends.get((first + attempt) % this.backends.size());
				HttpResponse<byte[]> response;
				try {
					response = this.client.send(request(exchange, backend, body),
							HttpResponse.BodyHandlers.ofByteArray());
				}
				catch (ConnectException | HttpConnectTimeoutException ex) {
					logger.debug("notify-ingest instance {} refused a connection, trying the next", backend.index());
					continue;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
				catch (IOException ex) {
					// sent, no answer: the instance may have written it; WeChat retries
					logger.debug("notify-ingest instance {} did not answer: {}", backend.index(), ex.getMessage());
					reply(exchange, 502, null, new byte[0]);
					return;
				}
				reply(exchange, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
						response.body());
				return;
			}
			reply(exchange, 502, null, new byte[0]);
		}
	}

	private static HttpRequest request(HttpExchange exchange, Backend backend, byte[] body) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + backend.port() + exchange.getRequestURI()))
			.timeout(Duration.ofSeconds(10))
			.method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
		exchange.getRequestHeaders().forEach((name, values) -> {
			if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
				values.forEach((value) -> request.header(name, value));
			}
		});
		return request.build();
	}

	private static void reply(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		if (contentType != null) {
			exchange.getResponseHeaders().set("Content-Type", contentType);
		}
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.workers.shutdownNow();
	}

	/** One notify-ingest instance. */
	private record Backend(int index, IntUnaryOperator ports) {

		int port() {
			return this.ports.applyAsInt(this.index);
		}

	}

}
