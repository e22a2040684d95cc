package io.paytally.stream.intake;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.paytally.sandbox.Sandbox;
import io.paytally.sandbox.SandboxMerchant;
import io.paytally.sandbox.SandboxOptions;
import io.paytally.stream.security.ApiKeys;
import io.paytally.testkit.KafkaTestBroker;
import io.paytally.testkit.MutableClock;
import io.paytally.wechat.MerchantProperties;
import io.paytally.wechat.WechatPayClients;
import io.paytally.wechat.WechatPayProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * What the intake's integration tests share: the sandbox's merchant as paytally settings,
 * and a plain HTTP client of the intake API.
 */
final class IntakeHarness {

	static final String MCHID = "1900000001";

	static final String APPID = "wx0000000000demo01";

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** The API key of the merchant's order system in these tests. */
	static final String CALLER_KEY = "intake-it-order-system-key";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private IntakeHarness() {
	}

	static Sandbox startSandbox(MutableClock clock) {
		return Sandbox.start(SandboxOptions.builder()
			.port(0)
			.merchant(MCHID, APPID)
			.clock(clock)
			.timeScale(0.001)
			.billReadyHour(0)
			.build());
	}

	/** The properties that point paytally at the sandbox's merchant and the broker. */
	static Map<String, Object> properties(Sandbox sandbox, KafkaTestBroker broker) {
		SandboxMerchant merchant = sandbox.merchant(MCHID);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("paytally.wechat.base-url", sandbox.baseUrl().toString());
		properties.put("paytally.wechat.merchants[0].mchid", MCHID);
		properties.put("paytally.wechat.merchants[0].appid", merchant.appid());
		properties.put("paytally.wechat.merchants[0].merchant-serial-number", merchant.merchantSerialNumber());
		properties.put("paytally.wechat.merchants[0].private-key", merchant.privateKeyPem());
		properties.put("paytally.wechat.merchants[0].api-v3-key", merchant.apiV3Key());
		properties.put("paytally.wechat.merchants[0].platform-public-key", sandbox.platformPublicKeyPem());
		properties.put("paytally.wechat.merchants[0].platform-public-key-id", sandbox.platformPublicKeyId());
		properties.put("paytally.intake.notify-url", "http://127.0.0.1:9/wechatpay/v3/notify/{mchid}");
		properties.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
		properties.put("server.port", "0");
		properties.put("paytally.security.callers[0].name", "order-system");
		properties.put("paytally.security.callers[0].key-sha256", ApiKeys.sha256(CALLER_KEY));
		properties.put("paytally.security.callers[0].merchants[0]", MCHID);
		// a merchant not served here, which the tests' caller may name: the intake
		// refuses it
		properties.put("paytally.security.callers[0].merchants[1]", "1900000009");
		return properties;
	}

	/**
	 * Puts properties above every other source, so that they win over the application's
	 * own configuration file.
	 */
	static ApplicationContextInitializer<ConfigurableApplicationContext> overriding(Map<String, Object> properties) {
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("intake-it", properties));
	}

	/** SDK clients of the sandbox's merchant, for what the stream would do (close). */
	static WechatPayClients wechatClients(Sandbox sandbox) {
		SandboxMerchant merchant = sandbox.merchant(MCHID);
		MerchantProperties properties = new MerchantProperties(MCHID, merchant.appid(), merchant.merchantSerialNumber(),
				merchant.privateKeyPem(), null, merchant.apiV3Key(), null, null, null,
				MerchantProperties.Verification.PUBLIC_KEY, sandbox.platformPublicKeyPem(), null,
				sandbox.platformPublicKeyId(), null);
		return new WechatPayClients(
				new WechatPayProperties(sandbox.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(10), List.of()),
				properties);
	}

	static URI baseUri(Environment environment) {
		return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port"));
	}

	static Reply post(URI base, Object body) {
		String json = (body instanceof String text) ? text : JSON.writeValueAsString(body);
		return send(HttpRequest.newBuilder(base.resolve("/payments"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
			.build());
	}

	static Reply get(URI base, String pathAndQuery) {
		return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET().build());
	}

	private static Reply send(HttpRequest request) {
		try {
			HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(request, (n, v) -> true)
				.timeout(Duration.ofSeconds(60))
				.header("Authorization", "Bearer " + CALLER_KEY)
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Reply(response.statusCode(), response.body(),
					response.headers().firstValue("Retry-After").orElse(null));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static Map<String, Object> request(String merchantOrderNo, long amount) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("mchid", MCHID);
		request.put("merchant_order_no", merchantOrderNo);
		request.put("amount", amount);
		request.put("description", "Demo A");
		request.put("trade_type", "NATIVE");
		return request;
	}

	/**
	 * An HTTP answer.
	 *
	 * @param status the status
	 * @param body the body text
	 * @param retryAfter the Retry-After header, if any
	 */
	record Reply(int status, String body, String retryAfter) {

		@SuppressWarnings("unchecked")
		Map<String, Object> json() {
			return JSON.readValue(this.body, Map.class);
		}

	}

}
