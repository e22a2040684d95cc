package io.paytally.local.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of stream-app's payment intake API ({@code POST /payments}), as the merchant's
 * order system would call it: with its API key.
 */
public final class IntakeClient {

	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI baseUrl;

	private final String authorization;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/**
	 * A client presenting an API key, as an order system configured as one of
	 * stream-app's callers ({@code paytally.security.callers}) does.
	 */
	public IntakeClient(URI baseUrl, String apiKey) {
		this.baseUrl = baseUrl;
		this.authorization = "Bearer " + apiKey;
	}

	/**
	 * Pays a merchant order: creates its payment order (or repeats the current one),
	 * retrying answers that ask to try again until {@code patience} has passed.
	 */
	public Payment pay(String mchid, PlannedOrder order, Duration payable, Duration patience) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("mchid", mchid);
		body.put("merchant_order_no", order.merchantOrderNo());
		body.put("amount", order.amount());
		body.put("description", order.description());
		body.put("trade_type", "NATIVE");
		long deadline = System.nanoTime() + patience.toNanos();
		String last = null;
		long backoff = 100;
		boolean freshExpiry = true;
		Object firstExpiry = null;
		while (true) {
			// a retry repeats the request as it was (the intake adopts a creation it
			// stored but did not answer, and refuses other parameters with 409): a fresh
			// expiry only when the last one was refused as under WeChat's minimum
			if (freshExpiry) {
				body.put("time_expire", DateTimeFormatter.ISO_OFFSET_DATE_TIME
					.format(Instant.now().plus(payable).truncatedTo(ChronoUnit.SECONDS).atZone(BEIJING)));
				freshExpiry = false;
				if (firstExpiry == null) {
					firstExpiry = body.get("time_expire");
				}
			}
			String json = JSON.writeValueAsString(body);
			try {
				HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(this.baseUrl.resolve("/payments"))
					.timeout(Duration.ofSeconds(30))
					.header("Content-Type", "application/json")
					.header("Authorization", this.authorization)
					.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
					.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
				int status = response.statusCode();
				if (status == 200 || status == 201) {
					JsonNode answer = JSON.readTree(response.body());
					return new Payment(answer.path("out_trade_no").asString(), answer.path("attempt").asInt(),
							status == 201);
				}
				last = status + " " + response.body();
				boolean tooLate = status == 400 && response.body().contains("time_expire");
				if (status != 409 && status != 429 && status < 500 && !tooLate) {
					throw new IntakeRefused(order.merchantOrderNo(), last);
				}
				freshExpiry = tooLate;
				if (status == 409 && response.body().contains("PAYMENT_DATA_CONFLICT")
						&& !firstExpiry.equals(body.get("time_expire"))) {
					// the first request's creation was stored after all, while the stream
					// lagged and its repeat came too late for a new creation: ask for it
					// again as it was first asked
					body.put("time_expire", firstExpiry);
				}
			}
			catch (IOException ex) {
				last = ex.toString();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted", ex);
			}
			if (System.nanoTime() - deadline > 0) {
				throw new IntakeRefused(order.merchantOrderNo(), "no payment order within " + patience + ": " + last);
			}
			sleep(backoff);
			backoff = Math.min(backoff * 2, 2000);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * The payment order the intake gave.
	 *
	 * @param outTradeNo its number at WeChat
	 * @param attempt which attempt of the merchant order
	 * @param created whether this call created it
	 */
	public record Payment(String outTradeNo, int attempt, boolean created) {

	}

	/** The intake refused a merchant order for good. */
	public static final class IntakeRefused extends RuntimeException {

		IntakeRefused(String merchantOrderNo, String answer) {
			super("POST /payments for " + merchantOrderNo + " was refused: " + answer);
		}

	}

}
