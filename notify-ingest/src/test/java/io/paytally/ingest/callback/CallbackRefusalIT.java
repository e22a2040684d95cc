package io.paytally.ingest.callback;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.paytally.ingest.support.IngestHarness;
import io.paytally.ingest.support.V2Signer;
import io.paytally.ingest.support.WechatPayFixture;
import io.paytally.ingest.support.WechatPayFixture.Callback;
import io.paytally.schemas.topics.Topic;
import io.paytally.testkit.KeepAliveConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;

import static io.paytally.ingest.support.WechatPayFixture.MCHID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public port as the internet sees it, over HTTP against the real app and a real
 * harness.broker(). Every way to be refused: each gets its 4xx with WeChat's failure
 * body, a counter, a log line without secrets, and nothing is written. The callback paths
 * and nothing else (the actuator answers on the management port only); refusals logged at
 * a limited rate and never able to forge a log line (these last, after the refusals' own
 * counters and log lines are checked).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CallbackRefusalIT {

	private static final int WARN_PER_MINUTE = 3;

	/**
	 * Refusals that limit a source: the default, above the refusals all the other tests
	 * send from 127.0.0.1 (about 40).
	 */
	private static final int MAX_REFUSALS = 50;

	private static final Duration TARPIT = Duration.ofMillis(500);

	/** The one callback written, by the source limit's test (the last). */
	private static final String GENUINE_KEY = MCHID + "@SOURCE0001";

	@RegisterExtension
	static final IngestHarness harness = IngestHarness.builder()
		.wechat(new WechatPayFixture())
		.properties("--paytally.ingest.refusal-warn-per-minute=" + WARN_PER_MINUTE,
				"--logging.level.io.paytally.ingest.callback.CallbackAdvice=DEBUG",
				"--paytally.ingest.edge.trusted-proxies=127.0.0.1", "--paytally.ingest.edge.source-limit.enabled=true",
				"--paytally.ingest.edge.source-limit.max-refusals=" + MAX_REFUSALS,
				"--paytally.ingest.edge.source-limit.tarpit=" + TARPIT.toMillis() + "ms")
		.captureLogs()
		.build();

	private static final List<Callback> sent = new ArrayList<>();

	@AfterEach
	void nothingWritten() {
		assertThat(harness.readNow(Topic.PAYMENT_NOTIFICATIONS))
			.allSatisfy((record) -> assertThat(record.key).isEqualTo(GENUINE_KEY));
		assertThat(harness.readNow(Topic.REFUND_NOTIFICATIONS)).isEmpty();
	}

	private static Callback paid(String outTradeNo) {
		Callback callback = harness.wechat().paymentCallback(outTradeNo, 1250);
		sent.add(callback);
		return callback;
	}

	private static HttpResponse<String> post(Callback callback) {
		sent.add(callback);
		return harness.post(callback);
	}

	private static void assertRefused(HttpResponse<String> response, int status, String message) {
		IngestHarness.assertRefusedAsJson(response, status, message);
	}

	@Test
	@Order(1)
	void refusesForgedSignature() {
		byte[] random = new byte[256];
		new java.security.SecureRandom().nextBytes(random);
		Callback forged = paid("REFUSED0001").withHeader("Wechatpay-Signature",
				Base64.getEncoder().encodeToString(random));

		assertRefused(post(forged), 401, "signature invalid");
	}

	@Test
	@Order(2)
	void refusesSignatureMadeWithAnotherKey() {
		Callback genuine = paid("REFUSED0002");
		Callback wrongKey = WechatPayFixture.sign(genuine.body(), Instant.now().getEpochSecond(),
				WechatPayFixture.rsa().getPrivate(), WechatPayFixture.PUBLIC_KEY_ID);

		assertRefused(post(wrongKey), 401, "signature invalid");
	}

	@Test
	@Order(3)
	void refusesStaleAndFutureTimestamps() {
		Callback genuine = paid("REFUSED0003");

		assertRefused(post(harness.wechat().sign(genuine.body(), Instant.now().getEpochSecond() - 600)), 401,
				"timestamp outside the replay window");
		assertRefused(post(harness.wechat().sign(genuine.body(), Instant.now().getEpochSecond() + 600)), 401,
				"timestamp outside the replay window");
	}

	@Test
	@Order(4)
	void refusesSignatureProbeAndUnknownSerial() {
		Callback genuine = paid("REFUSED0004");

		assertRefused(post(genuine.withHeader("Wechatpay-Signature", "WECHATPAY/SIGNTEST/" + "A".repeat(40))), 401,
				"signature probe");
		assertRefused(post(genuine.withHeader("Wechatpay-Serial", "PUB_KEY_ID_0000000000000000000000000000000000")),
				401, "unknown Wechatpay-Serial");
	}

	@Test
	@Order(5)
	void refusesMissingHeaders() {
		Callback genuine = paid("REFUSED0005");
		for (String header : List.of("Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature",
				"Wechatpay-Serial")) {
			assertRefused(post(genuine.withHeader(header, null)), 400, "missing header " + header);
		}
	}

	@Test
	@Order(6)
	void refusesTruncatedBodies() throws Exception {
		Callback genuine = paid("REFUSED0006");
		assertRefused(post(genuine.withBody(genuine.body().substring(0, genuine.body().length() / 2))), 401,
				"signature invalid");

		// the connection ends before the declared Content-Length
		byte[] body = genuine.body().getBytes(StandardCharsets.UTF_8);
		StringBuilder head = new StringBuilder("POST /wechatpay/v3/notify/" + MCHID + " HTTP/1.1\r\n")
			.append("Host: 127.0.0.1\r\nContent-Type: application/json\r\n")
			.append("Content-Length: ")
			.append(body.length)
			.append("\r\n");
		genuine.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		head.append("\r\n");
		try (Socket socket = new Socket("127.0.0.1", harness.app().port())) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.UTF_8));
			out.write(body, 0, body.length / 2);
			out.flush();
			socket.shutdownOutput();
			String response = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
			assertThat(response).startsWith("HTTP/1.1 400");
		}
	}

	@Test
	@Order(7)
	void refusesOversizedBodiesUnread() {
		Callback genuine = paid("REFUSED0007");
		String padded = genuine.body().replace("\"summary\"", "\"padding\":\"" + "x".repeat(70_000) + "\",\"summary\"");

		assertRefused(post(genuine.withBody(padded)), 413, "body larger than 65536 bytes");

		HttpRequest.Builder chunked = HttpRequest.newBuilder(harness.app().uri("/wechatpay/v3/notify/" + MCHID))
			.POST(HttpRequest.BodyPublishers.fromPublisher(chunks(padded.getBytes(StandardCharsets.UTF_8))));
		genuine.headers().forEach(chunked::header);
		assertRefused(harness.app().send(chunked.build()), 413, "body larger than 65536 bytes");
	}

	@Test
	@Order(8)
	void refusesGarbageJson() {
		long now = Instant.now().getEpochSecond();

		assertRefused(post(harness.wechat().sign("{\"id\":\"EV-1\",\"resource\":", now)), 400, "malformed JSON");
		assertRefused(post(harness.wechat().sign("\u0000\u0001garbage", now)), 400, "malformed JSON");
		assertRefused(post(harness.wechat().sign("{\"id\":\"EV-2\"}", now)), 400, "malformed resource");
		assertRefused(post(paid("REFUSED0008").withBody("{not json")), 401, "signature invalid");
	}

	@Test
	@Order(9)
	void refusesWrongAlgorithmAndTamperedCiphertext() {
		String plaintext = WechatPayFixture.transaction(MCHID, "REFUSED0009", 1250, "2026-03-01T09:15:02+08:00");
		String ciphertext = WechatPayFixture.encrypt(harness.wechat().apiV3Key(), "transaction", plaintext,
				"abcdefghijkl");
		String sm4 = WechatPayFixture.envelope("TRANSACTION.SUCCESS", "transaction", "AEAD_SM4_GCM", ciphertext,
				"abcdefghijkl", "transaction");
		char flipped = (ciphertext.charAt(20) == 'A') ? 'B' : 'A';
		String tampered = WechatPayFixture.envelope("TRANSACTION.SUCCESS", "transaction", "AEAD_AES_256_GCM",
				ciphertext.substring(0, 20) + flipped + ciphertext.substring(21), "abcdefghijkl", "transaction");
		String otherKey = WechatPayFixture.envelope(
				"TRANSACTION.SUCCESS", "transaction", "AEAD_AES_256_GCM", WechatPayFixture
					.encrypt(WechatPayFixture.randomAlphanumeric(32), "transaction", plaintext, "abcdefghijkl"),
				"abcdefghijkl", "transaction");
		long now = Instant.now().getEpochSecond();

		assertRefused(post(harness.wechat().sign(sm4, now)), 400, "unsupported resource algorithm");
		assertRefused(post(harness.wechat().sign(tampered, now)), 400, "resource cannot be decrypted");
		assertRefused(post(harness.wechat().sign(otherKey, now)), 400, "resource cannot be decrypted");
	}

	@Test
	@Order(10)
	void refusesUnknownAndMismatchedMerchants() {
		Callback genuine = paid("REFUSED0010");
		assertRefused(harness.app().postV3("1900000999", genuine), 404, "merchant not served here");

		Callback other = harness.wechat()
			.callback("TRANSACTION.SUCCESS", "transaction",
					WechatPayFixture.transaction("1900000999", "REFUSED0010", 1250, "2026-03-01T09:15:02+08:00"));
		assertRefused(post(other), 400, "mchid does not match the notify URL");
		Callback otherRefund = harness.wechat()
			.callback("REFUND.SUCCESS", "refund",
					WechatPayFixture.refund("1900000999", "REFUSED0010", "RREFUSED0010", 1250, 500));
		assertRefused(post(otherRefund), 400, "mchid does not match the notify URL");
	}

	@Test
	@Order(11)
	void refusesInvalidFields() {
		Callback badOrderNo = harness.wechat()
			.callback("TRANSACTION.SUCCESS", "transaction",
					WechatPayFixture.transaction(MCHID, "NO", 1250, "2026-03-01T09:15:02+08:00"));
		Callback zeroAmount = harness.wechat()
			.callback("TRANSACTION.SUCCESS", "transaction",
					WechatPayFixture.transaction(MCHID, "REFUSED0011", 0, "2026-03-01T09:15:02+08:00"));

		assertRefused(post(badOrderNo), 400, "invalid field out_trade_no");
		assertRefused(post(zeroAmount), 400, "invalid field total");
	}

	@Test
	@Order(12)
	void refusesV2XxeBillionLaughsAndBadSignature() {
		String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
				+ "<xml><return_code>&xxe;</return_code><out_trade_no>REFUSED0012</out_trade_no></xml>";
		StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY lol \"lol\">");
		for (int i = 1; i <= 9; i++) {
			laughs.append("<!ENTITY lol").append(i).append(" \"");
			laughs.append(("&lol" + ((i == 1) ? "" : Integer.toString(i - 1)) + ";").repeat(10)).append("\">");
		}
		laughs.append("]><xml><return_code>&lol9;</return_code></xml>");
		String genuine = harness.wechat().v2PaymentCallback("REFUSED0012", 1250, null);
		String tampered = genuine.replace("<total_fee><![CDATA[1250]]>", "<total_fee><![CDATA[1]]>");
		String hmacWithMd5 = genuine.replace("<sign_type>", "<x>");

		IngestHarness.assertV2Refused(harness.app().postV2(MCHID, xxe), 400, "DTDs are not accepted");
		IngestHarness.assertV2Refused(harness.app().postV2(MCHID, laughs.toString()), 400, "DTDs are not accepted");
		IngestHarness.assertV2Refused(harness.app().postV2(MCHID, tampered), 401, "signature invalid");
		IngestHarness.assertV2Refused(harness.app().postV2(MCHID, "<xml><a>"), 400, "malformed XML");
		IngestHarness.assertV2Refused(harness.app().postV2("1900000999", genuine), 404, "merchant not served here");
		assertThat(hmacWithMd5).isNotNull();
		Map<String, String> otherKey = new java.util.TreeMap<>(Map.of("return_code", "SUCCESS", "result_code",
				"SUCCESS", "mch_id", MCHID, "out_trade_no", "REFUSED0012", "total_fee", "1250"));
		otherKey.put("sign", V2Signer.sign(otherKey, "0".repeat(32)));
		IngestHarness.assertV2Refused(harness.app().postV2(MCHID, V2Signer.xml(otherKey)), 401, "signature invalid");
	}

	@Test
	@Order(13)
	void answersOtherMethodsWithoutServerError() {
		HttpResponse<String> response = harness.app().get("/wechatpay/v3/notify/" + MCHID);

		assertThat(response.statusCode()).isEqualTo(405);
	}

	@Test
	@Order(200)
	void answersActuatorOnThePublicPortWithNotFound() {
		for (String path : List.of("/actuator", "/actuator/prometheus", "/actuator/metrics", "/actuator/health",
				"/actuator/health/readiness", "/actuator/env")) {
			HttpResponse<String> response = harness.app().get(path);

			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.body()).as(path).isEmpty();
		}
	}

	@Test
	@Order(201)
	void answersUnknownPathsOnThePublicPortWithNotFound() {
		assertThat(harness.app().get("/").statusCode()).isEqualTo(404);
		assertThat(harness.app().get("/error").statusCode()).isEqualTo(404);
		assertThat(harness.app().get("/wechatpay/v3/notify/").statusCode()).isEqualTo(404);
		HttpResponse<String> post = harness.app().post("/payments", Map.of(), "{}");
		assertThat(post.statusCode()).isEqualTo(404);
		assertThat(post.body()).isEmpty();
	}

	@Test
	@Order(202)
	void servesPrometheusAndHealthOnTheManagementPort() {
		HttpResponse<String> prometheus = harness.app().getManagement("/actuator/prometheus");

		assertThat(prometheus.statusCode()).isEqualTo(200);
		assertThat(prometheus.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		assertThat(prometheus.body()).contains("# HELP")
			.contains("paytally_ingest_callbacks_refused_total{protocol=\"none\",reason=\"unknown_path\"}");
		assertThat(harness.app().getManagement("/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(harness.app().context().getEnvironment().getProperty("management.server.address"))
			.isEqualTo("127.0.0.1");
	}

	@Test
	@Order(203)
	void stillServesCallbacksOnThePublicPort() {
		Callback forged = harness.wechat().paymentCallback("EDGE0001", 100).withHeader("Wechatpay-Signature", "AAAA");

		IngestHarness.assertRefused(harness.post(forged), 401, "signature invalid");
	}

	@Test
	@Order(204)
	void forgedHeadersAndPathsCannotForgeLogLines() throws Exception {
		Callback callback = harness.wechat().paymentCallback("EDGE0002", 100);
		URI notify = harness.app().uri("/wechatpay/v3/notify/" + MCHID);
		Map<String, String> headers = new java.util.LinkedHashMap<>(callback.headers());
		headers.put("Wechatpay-Serial", "PUB_KEY_ID_x\r\nFAKE LOG LINE");
		headers.put("Wechatpay-Nonce", "n\u001b[31mFAKE LOG LINE");
		try (KeepAliveConnection connection = new KeepAliveConnection(notify)) {
			int status = connection.exchange(KeepAliveConnection.post(notify, headers, callback.body()));
			assertThat(status).isBetween(400, 499);
		}
		URI crlfMerchant = URI
			.create(harness.app().uri("/wechatpay/v3/notify/").toString() + MCHID + "%0D%0AFAKE%20LOG%20LINE");
		assertThat(harness.app().postV3Raw(crlfMerchant, callback).statusCode()).isBetween(400, 499);
		URI crlfPath = URI.create(harness.app().uri("/").toString() + "x%0D%0AFAKE%20LOG%20LINE%0A");
		assertThat(harness.app()
			.send(HttpRequest.newBuilder(crlfPath).timeout(Duration.ofSeconds(30)).GET().build())
			.statusCode()).isEqualTo(404);

		// Tomcat's own (fixed) note spans two lines; no attacker text may follow a line
		// break
		assertThat(harness.logs().events()).isNotEmpty().allSatisfy((event) -> {
			String message = event.getFormattedMessage();
			assertThat(message).doesNotContain("\u001b").doesNotContainPattern("[\\r\\n][^\\r\\n]*FAKE");
		});
		assertThat(harness.logs().lines())
			.anySatisfy((line) -> assertThat(line).contains("x%0D%0AFAKE%20LOG%20LINE%0A"));
	}

	@Test
	@Order(205)
	void logsAFloodOfRefusalsAtWarnOnlyUpToItsBudget() {
		int before = harness.logs().events().size();
		for (int i = 0; i < 20; i++) {
			assertThat(harness.app().get("/flood/" + i).statusCode()).isEqualTo(404);
		}

		List<ILoggingEvent> flood = harness.logs()
			.events()
			.subList(before, harness.logs().events().size())
			.stream()
			.filter((event) -> event.getFormattedMessage().contains("/flood/"))
			.toList();
		assertThat(flood).hasSize(20);
		// a minute may turn during the run: at most two minutes' budgets
		assertThat(flood.stream().filter((event) -> event.getLevel() == Level.WARN).count())
			.isLessThanOrEqualTo(2 * WARN_PER_MINUTE);
		assertThat(flood.stream().filter((event) -> event.getLevel() == Level.DEBUG).count())
			.isGreaterThanOrEqualTo(20 - 2 * WARN_PER_MINUTE);
		String metrics = harness.app().getManagement("/actuator/prometheus").body();
		assertThat(metrics).containsPattern(
				"paytally_ingest_callbacks_refused_total\\{protocol=\"none\",reason=\"unknown_path\"} (2[6-9]|[3-9][0-9])\\.0");
	}

	@Test
	@Order(100)
	void countsRefusalsByReason() {
		String metrics = harness.app().getManagement("/actuator/prometheus").body();

		assertThat(metrics)
			.contains("paytally_ingest_callbacks_refused_total{protocol=\"v3\",reason=\"signature_invalid\"}")
			.contains(
					"paytally_ingest_callbacks_refused_total{protocol=\"v3\",reason=\"timestamp_outside_window\"} 2.0")
			.contains("paytally_ingest_callbacks_refused_total{protocol=\"v3\",reason=\"probe\"} 1.0")
			.contains("paytally_ingest_callbacks_refused_total{protocol=\"v2\",reason=\"xml_doctype_refused\"} 2.0")
			.contains("paytally_ingest_callbacks_received_total{protocol=\"v3\"}")
			.doesNotContain("paytally_ingest_callbacks_accepted_total");
		assertThat(harness.app().getManagement("/actuator/health/readiness").statusCode()).isEqualTo(200);
	}

	@Test
	@Order(101)
	void logsNameReasonsButHoldNoSecrets() {
		List<String> lines = harness.logs().lines();
		assertThat(lines).anySatisfy(
				(line) -> assertThat(line).contains("reason=signature_invalid").contains("notification_id=EV-"));
		assertThat(lines).anySatisfy(
				(line) -> assertThat(line).contains("reason=invalid_field").contains("out_trade_no=REFUSED0011"));
		List<String> secrets = new ArrayList<>(
				List.of(harness.wechat().apiV3Key(), harness.wechat().apiV2Key(), "oSecretOpenid",
						"MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", "BEGIN", "ciphertext", "payer", "/etc/passwd"));
		for (Callback callback : sent) {
			secrets.add(callback.headers().get("Wechatpay-Signature"));
			int start = callback.body().indexOf("\"ciphertext\":\"");
			if (start >= 0) {
				secrets.add(callback.body().substring(start + 14, start + 40));
			}
		}
		for (String line : lines) {
			for (String secret : secrets) {
				if (secret != null && secret.length() >= 5) {
					assertThat(line).doesNotContain(secret);
				}
			}
		}
		assertThat(harness.logs().events()).allSatisfy((event) -> assertThat(event.getThrowableProxy()).isNull());
	}

	@Test
	@Order(300)
	void answersASourceOfForgedCallbacks429UnreadWhileGenuineOnesPassAtOnce() {
		Callback genuine = harness.wechat().paymentCallback("SOURCE0001", 1250);
		java.security.SecureRandom random = new java.security.SecureRandom();
		for (int i = 0; i < MAX_REFUSALS; i++) {
			byte[] signature = new byte[256];
			random.nextBytes(signature);
			// the forger's own header entry names another source; the proxy appends its
			// real address
			Callback forged = genuine.withHeader("Wechatpay-Signature", Base64.getEncoder().encodeToString(signature))
				.withHeader("X-Forwarded-For", "198.51.100.7, 203.0.113.9");
			assertRefused(harness.post(forged), 401, "signature invalid");
		}

		long start = System.nanoTime();
		HttpResponse<String> limited = harness
			.post(genuine.withHeader("Wechatpay-Signature", "AAAA").withHeader("X-Forwarded-For", "203.0.113.9"));
		Duration waited = Duration.ofNanos(System.nanoTime() - start);
		// even a genuine callback from the limited source is answered unread
		HttpResponse<String> genuineFromLimited = harness.post(genuine.withHeader("X-Forwarded-For", "203.0.113.9"));
		HttpResponse<String> v2FromLimited = harness.app()
			.post("/wechatpay/v2/notify/" + MCHID, Map.of("Content-Type", "text/xml", "X-Forwarded-For", "203.0.113.9"),
					"<xml/>");
		start = System.nanoTime();
		HttpResponse<String> accepted = harness.post(genuine.withHeader("X-Forwarded-For", "198.51.100.7"));
		Duration acceptedIn = Duration.ofNanos(System.nanoTime() - start);

		assertRefused(limited, 429, "too many refused callbacks from this source");
		assertThat(waited).isGreaterThanOrEqualTo(TARPIT);
		assertRefused(genuineFromLimited, 429, "too many refused callbacks from this source");
		IngestHarness.assertV2Refused(v2FromLimited, 429, "too many refused callbacks from this source");
		IngestHarness.assertAccepted(accepted);
		assertThat(acceptedIn).isLessThan(TARPIT);
		assertThat(harness.read(Topic.PAYMENT_NOTIFICATIONS, 1)).singleElement()
			.satisfies((record) -> assertThat(record.key).isEqualTo(GENUINE_KEY));
		String metrics = harness.app().getManagement("/actuator/prometheus").body();
		assertThat(metrics)
			.contains("paytally_ingest_callbacks_refused_total{protocol=\"v3\",reason=\"source_limited\"} 2.0")
			.contains("paytally_ingest_callbacks_refused_total{protocol=\"v2\",reason=\"source_limited\"} 1.0")
			.doesNotContain("203.0.113.9");
		assertThat(harness.logs().lines())
			.anySatisfy((line) -> assertThat(line).contains("Limiting source 203.0.113.9"))
			.anySatisfy((line) -> assertThat(line).contains("from limited source 203.0.113.9")
				.contains("reason=source_limited"))
			.noneSatisfy((line) -> assertThat(line).contains("source 198.51.100.7"));
	}

	private static byte[] readAll(InputStream in) throws java.io.IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		in.transferTo(out);
		return out.toByteArray();
	}

	/** A body without a Content-Length: sent chunked. */
	private static Flow.Publisher<ByteBuffer> chunks(byte[] body) {
		return HttpRequest.BodyPublishers.ofByteArrays(List.of(body));
	}

}
