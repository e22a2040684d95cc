package io.paytally.local.commands;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.paytally.local.cli.Arguments;
import io.paytally.local.cli.UsageError;
import io.paytally.local.keys.KeyFiles;
import io.paytally.local.keys.MerchantCredentials;
import io.paytally.local.service.Service;
import io.paytally.local.service.Wiring;
import io.paytally.sandbox.SandboxControl;
import io.paytally.sandbox.SandboxMerchant;

/**
 * The options every service command shares, turned into the service's properties.
 */
final class ServiceOptions {

	static final String DEFAULT_MCHID = "1900000001";

	private ServiceOptions() {
	}

	/** The properties of {@code service} from the command line. */
	static Map<String, Object> properties(Service service, Arguments args) {
		String kafka = args.string("kafka").orElse(null);
		String mchid = args.string("mchid", DEFAULT_MCHID);
		URI wechat = args.string("wechat-base-url").map(URI::create).orElse(null);
		List<MerchantCredentials> merchants = List.of();
		var sandbox = args.string("sandbox").map(URI::create);
		var keys = args.path("keys");
		if (sandbox.isPresent() && keys.isPresent()) {
			throw new UsageError("Give --sandbox or --keys, not both");
		}
		if (sandbox.isPresent()) {
			merchants = List.of(fromSandbox(sandbox.get(), mchid));
			if (wechat == null) {
				wechat = sandbox.get();
			}
		}
		else if (keys.isPresent()) {
			merchants = List.of(new KeyFiles(keys.get()).credentials());
		}
		String notifyUrl = args.string("notify-url").orElse(null);
		Path dataDir = args.path("data-dir").orElse(null);
		Map<String, Object> properties = new LinkedHashMap<>(
				new Wiring(kafka, wechat, merchants, notifyUrl, args.string("db").orElse(null),
						args.string("db-user").orElse(null), args.string("db-password").orElse(null), dataDir, Map.of())
					.properties(service, args.integer("port", service.defaultPort())));
		if (args.string("db").isEmpty()) {
			properties.remove("spring.datasource.url");
		}
		properties.putAll(args.springProperties());
		return properties;
	}

	/**
	 * A running sandbox's credentials of a merchant (sandbox only: WeChat never tells).
	 */
	static MerchantCredentials fromSandbox(URI sandbox, String mchid) {
		SandboxMerchant merchant = new SandboxControl(sandbox).merchant(mchid);
		try {
			HttpResponse<String> reply = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(5))
				.build()
				.send(HttpRequest.newBuilder(sandbox.resolve("/sandbox/platform-key")).GET().build(),
						HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			if (reply.statusCode() != 200) {
				throw new UsageError("The sandbox at " + sandbox + " answered " + reply.statusCode()
						+ " to GET /sandbox/platform-key");
			}
			JsonNode key = JsonMapper.builder().build().readTree(reply.body());
			return new MerchantCredentials(merchant.mchid(), merchant.appid(), merchant.merchantSerialNumber(),
					merchant.privateKeyPem(), merchant.apiV3Key(), merchant.apiV2Key(),
					key.path("public_key_pem").asString(), key.path("public_key_id").asString());
		}
		catch (java.io.IOException ex) {
			throw new UsageError("No sandbox answers at " + sandbox + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
