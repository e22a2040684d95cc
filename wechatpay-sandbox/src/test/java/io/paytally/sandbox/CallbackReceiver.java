package io.paytally.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

/**
 * A merchant's notify_url for tests: records every callback (headers and raw body) and
 * answers with a status chosen per call number.
 */
final class CallbackReceiver implements AutoCloseable {

	private final HttpServer server;

	private final Queue<Received> received = new ConcurrentLinkedQueue<>();

	private final AtomicInteger calls = new AtomicInteger();

	private final java.util.concurrent.ExecutorService executor = Executors.newFixedThreadPool(4);

	private volatile Function<Integer, Integer> statusForCall = (n) -> 200;

	CallbackReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", (exchange) -> {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			int call = this.calls.incrementAndGet();
			this.received.add(new Received(exchange.getRequestHeaders().getFirst("Wechatpay-Timestamp"),
					exchange.getRequestHeaders().getFirst("Wechatpay-Nonce"),
					exchange.getRequestHeaders().getFirst("Wechatpay-Signature"),
					exchange.getRequestHeaders().getFirst("Wechatpay-Serial"),
					exchange.getRequestHeaders().getFirst("Wechatpay-Signature-Type"),
					new String(body, StandardCharsets.UTF_8), System.nanoTime()));
			int status = this.statusForCall.apply(call);
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/notify";
	}

	void answer(Function<Integer, Integer> statusForCall) {
		this.statusForCall = statusForCall;
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	record Received(String timestamp, String nonce, String signature, String serial, String signatureType, String body,
			long nanoTime) {

		Map<String, String> headers() {
			return Map.of("timestamp", this.timestamp, "nonce", this.nonce);
		}

	}

}
