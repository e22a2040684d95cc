package io.paytally.ingest.callback;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.paytally.ingest.support.IngestHarness;
import io.paytally.ingest.support.WechatPayFixture;
import io.paytally.ingest.support.WechatPayFixture.Callback;
import io.paytally.schemas.MerchantKey;
import io.paytally.schemas.topics.Topic;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.paytally.ingest.support.WechatPayFixture.MCHID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of random mutations of valid callbacks (bit flips, truncations, dropped or
 * garbled headers, swapped fields, other callbacks' signatures, v2 XML flips) with a
 * fixed seed: never a 5xx, and nothing written but the mutations that turned out to be
 * no-ops.
 */
class CallbackFuzzIT {

	private static final long SEED = 20261123L;

	private static final int MUTATIONS = Integer.getInteger("fuzz.mutations", 3000);

	private static final Pattern STRING_FIELD = Pattern.compile("\"([a-z_]+)\":\"([^\"]*)\"");

	private static final List<String> HEADERS = List.of("Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature",
			"Wechatpay-Serial", "Wechatpay-Signature-Type");

	@RegisterExtension
	static final IngestHarness harness = IngestHarness.builder().wechat(new WechatPayFixture()).build();

	@Test
	void randomMutationsOfValidCallbacksNeverGet5xxAndWriteNothing() throws Exception {
		Random random = new Random(SEED);
		List<Case> cases = new ArrayList<>();
		for (int i = 0; i < MUTATIONS; i++) {
			cases.add(mutate(random, i));
		}
		Set<String> expectedKeys = ConcurrentHashMap.newKeySet();
		Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
		List<String> failures = Collections.synchronizedList(new ArrayList<>());
		ExecutorService clients = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (Case fuzz : cases) {
				done.add(clients.submit(() -> {
					HttpResponse<String> response = harness.app().send(fuzz.request());
					int status = response.statusCode();
					statuses.merge(status, 1, Integer::sum);
					if (fuzz.noOp()) {
						expectedKeys.add(fuzz.key());
						if (status != 200) {
							failures.add(fuzz.description() + " (a no-op) got " + status);
						}
					}
					else if (status < 400 || status >= 500) {
						failures.add(fuzz.description() + " got " + status + " " + response.body());
					}
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			clients.shutdownNow();
		}

		assertThat(failures).isEmpty();
		assertThat(statuses.keySet()).allSatisfy((status) -> assertThat(status).isLessThan(500));
		List<KeyValue<String, Object>> payments = harness.broker()
			.readAll(Topic.PAYMENT_NOTIFICATIONS, expectedKeys.size(), Duration.ofSeconds(30));
		List<KeyValue<String, Object>> refunds = harness.broker()
			.readAll(Topic.REFUND_NOTIFICATIONS, 0, Duration.ofSeconds(10));
		List<String> written = new ArrayList<>();
		payments.forEach((kv) -> written.add(kv.key));
		refunds.forEach((kv) -> written.add(kv.key));
		assertThat(written).containsExactlyInAnyOrderElementsOf(expectedKeys);
		assertThat(cases.stream().filter((c) -> !c.noOp()).count()).isGreaterThan(MUTATIONS * 9L / 10);
	}

	private static Case mutate(Random random, int index) {
		String outTradeNo = String.format("FUZZ%08d", index);
		if (random.nextInt(10) == 0) {
			return mutateV2(random, outTradeNo);
		}
		Callback original = (random.nextInt(4) == 0)
				? harness.wechat().refundCallback(outTradeNo, "R" + outTradeNo, 1000, 1 + random.nextInt(1000))
				: harness.wechat().paymentCallback(outTradeNo, 1 + random.nextInt(100_000));
		String key = MerchantKey.encode(MCHID, original.body().contains("REFUND.") ? "R" + outTradeNo : outTradeNo);
		byte[] body = original.body().getBytes(StandardCharsets.UTF_8);
		Map<String, String> headers = new LinkedHashMap<>(original.headers());
		String path = "/wechatpay/v3/notify/" + MCHID;
		List<String> applied = new ArrayList<>();
		int count = 1 + random.nextInt(3);
		for (int m = 0; m < count; m++) {
			switch (random.nextInt(11)) {
				case 0 -> {
					int at = random.nextInt(body.length);
					body[at] ^= (byte) (1 << random.nextInt(8));
					applied.add("bit flip at " + at);
				}
				case 1 -> {
					int length = random.nextInt(body.length + 1);
					body = Arrays.copyOf(body, length);
					applied.add("truncated to " + length);
				}
				case 2 -> {
					String header = HEADERS.get(random.nextInt(HEADERS.size()));
					headers.remove(header);
					applied.add("dropped " + header);
				}
				case 3 -> {
					String header = HEADERS.get(random.nextInt(HEADERS.size()));
					String value = headers.getOrDefault(header, "x");
					headers.put(header, garble(random, value));
					applied.add("garbled " + header);
				}
				case 4 -> {
					body = swapFields(random, new String(body, StandardCharsets.UTF_8))
						.getBytes(StandardCharsets.UTF_8);
					applied.add("swapped fields");
				}
				case 5 -> {
					Callback other = harness.wechat().paymentCallback(outTradeNo + "X", 1);
					String header = HEADERS.get(random.nextInt(4));
					headers.put(header, other.headers().get(header));
					applied.add("header " + header + " of another callback");
				}
				case 6 -> {
					byte[] junk = new byte[1 + random.nextInt(64)];
					random.nextBytes(junk);
					byte[] longer = Arrays.copyOf(body, body.length + junk.length);
					System.arraycopy(junk, 0, longer, body.length, junk.length);
					body = longer;
					applied.add("appended junk");
				}
				case 7 -> {
					long shift = (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(100_000));
					headers.put("Wechatpay-Timestamp",
							Long.toString(Long.parseLong(original.headers().get("Wechatpay-Timestamp")) + shift));
					applied.add("timestamp shifted " + shift);
				}
				case 8 -> {
					path = "/wechatpay/v3/notify/" + (1900000000 + random.nextInt(1000));
					applied.add("path " + path);
				}
				case 9 -> {
					String text = new String(body, StandardCharsets.UTF_8);
					body = text.replace(MCHID, "1900000002").getBytes(StandardCharsets.UTF_8);
					applied.add("mchid replaced in envelope");
				}
				default -> {
					headers.put("Wechatpay-Signature", "WECHATPAY/SIGNTEST/" + WechatPayFixture.randomAlphanumeric(20));
					applied.add("probe signature");
				}
			}
		}
		boolean noOp = Arrays.equals(body, original.body().getBytes(StandardCharsets.UTF_8))
				&& path.equals("/wechatpay/v3/notify/" + MCHID)
				&& HEADERS.subList(0, 4).stream().allMatch((h) -> original.headers().get(h).equals(headers.get(h)))
				&& (headers.get("Wechatpay-Signature-Type") == null
						|| headers.get("Wechatpay-Signature-Type").equals("WECHATPAY2-SHA256-RSA2048"));
		HttpRequest.Builder request = HttpRequest.newBuilder(harness.app().uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		headers.forEach(request::header);
		return new Case("v3 #" + outTradeNo + " " + applied, request.build(), noOp, key);
	}

	private static Case mutateV2(Random random, String outTradeNo) {
		String xml = harness.wechat()
			.v2PaymentCallback(outTradeNo, 1 + random.nextInt(100_000), random.nextBoolean() ? "HMAC-SHA256" : null);
		byte[] body = xml.getBytes(StandardCharsets.UTF_8);
		String applied;
		if (random.nextBoolean()) {
			int at = random.nextInt(body.length);
			body[at] ^= (byte) (1 << random.nextInt(8));
			applied = "bit flip at " + at;
		}
		else {
			body = Arrays.copyOf(body, random.nextInt(body.length + 1));
			applied = "truncated to " + body.length;
		}
		boolean noOp = Arrays.equals(body, xml.getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(harness.app().uri("/wechatpay/v2/notify/" + MCHID))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "text/xml")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		return new Case("v2 #" + outTradeNo + " " + applied, request, noOp, MerchantKey.encode(MCHID, outTradeNo));
	}

	private static String garble(Random random, String value) {
		StringBuilder garbled = new StringBuilder(value);
		int changes = 1 + random.nextInt(3);
		for (int i = 0; i < changes; i++) {
			char c = (char) (0x21 + random.nextInt(0x7e - 0x21));
			if (garbled.length() == 0 || random.nextInt(3) == 0) {
				garbled.append(c);
			}
			else {
				garbled.setCharAt(random.nextInt(garbled.length()), c);
			}
		}
		return garbled.toString();
	}

	private static String swapFields(Random random, String body) {
		List<int[]> values = new ArrayList<>();
		Matcher matcher = STRING_FIELD.matcher(body);
		while (matcher.find()) {
			values.add(new int[] { matcher.start(2), matcher.end(2) });
		}
		if (values.size() < 2) {
			return body + " ";
		}
		int[] a = values.get(random.nextInt(values.size()));
		int[] b = values.get(random.nextInt(values.size()));
		if (a[0] == b[0]) {
			return body.substring(0, a[0]) + "swapped" + body.substring(a[1]);
		}
		int[] first = (a[0] < b[0]) ? a : b;
		int[] second = (a[0] < b[0]) ? b : a;
		return body.substring(0, first[0]) + body.substring(second[0], second[1]) + body.substring(first[1], second[0])
				+ body.substring(first[0], first[1]) + body.substring(second[1]);
	}

	private record Case(String description, HttpRequest request, boolean noOp, String key) {
	}

}
