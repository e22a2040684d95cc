package io.paytally.local.scenario;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeClientTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<String> expiries = new CopyOnWriteArrayList<>();

	private final List<String> authorizations = new CopyOnWriteArrayList<>();

	private HttpServer server;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/payments", this::lateCreation);
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void asksAgainAsFirstAskedWhenTheLaggingStoreAppliedTheFirstCreation() {
		IntakeClient client = new IntakeClient(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort()),
				"the-order-systems-key");

		IntakeClient.Payment payment = client.pay("1900000001", new PlannedOrder(1, "MO-0001", 100, Kind.PROMPT, 0, 0),
				Duration.ofMinutes(2), Duration.ofSeconds(30));

		assertThat(payment).isEqualTo(new IntakeClient.Payment("1900000001MO00011", 1, true));
		String first = this.expiries.get(0);
		assertThat(this.expiries).hasSize(4);
		assertThat(this.expiries.get(1)).isEqualTo(first);
		assertThat(this.expiries.get(2)).isNotEqualTo(first);
		assertThat(this.expiries.get(3)).isEqualTo(first);
		// as a merchant's order system: its API key with every request, retries included
		assertThat(this.authorizations).hasSize(4).containsOnly("Bearer the-order-systems-key");
	}

	/**
	 * The intake of a lagging stream: the first request's creation is stored but not
	 * applied in time (503), its repeat comes too late for a new creation (400), then the
	 * store holds the first request's data: other parameters conflict (409), the first
	 * ones are adopted (201).
	 */
	private void lateCreation(HttpExchange exchange) throws IOException {
		this.authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
		JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
		String expiry = body.path("time_expire").asString();
		this.expiries.add(expiry);
		int request = this.expiries.size();
		if (request == 1) {
			reply(exchange, 503, "{\"code\":\"CREATION_NOT_APPLIED\",\"message\":\"retry\"}");
		}
		else if (request == 2) {
			// the next second: the client's fresh expiry differs from the first one
			sleep(1100);
			reply(exchange, 400, "{\"code\":\"INVALID_REQUEST\",\"message\":\"time_expire: must be at least 1 minute"
					+ " after the order is created\"}");
		}
		else if (expiry.equals(this.expiries.get(0))) {
			reply(exchange, 201, "{\"out_trade_no\":\"1900000001MO00011\",\"attempt\":1}");
		}
		else {
			reply(exchange, 409, "{\"code\":\"PAYMENT_DATA_CONFLICT\",\"message\":\"other parameters\"}");
		}
	}

	private static void reply(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
