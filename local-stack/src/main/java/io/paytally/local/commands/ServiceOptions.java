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

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import io.paytally.local.cli.SpringProperties;
import io.paytally.local.cli.UsageError;
import io.paytally.local.keys.KeyFiles;
import io.paytally.local.keys.MerchantCredentials;
import io.paytally.local.service.Service;
import io.paytally.local.service.Wiring;
import io.paytally.sandbox.SandboxControl;
import io.paytally.sandbox.SandboxMerchant;

/**
 * The options every service command shares (a picocli mixin), turned into the service's
 * properties.
 */
final class ServiceOptions {

	static final String DEFAULT_MCHID = "1900000001";

	@Spec(Spec.Target.MIXEE)
	private CommandSpec command;

	@Option(names = "--kafka", paramLabel = "HOST:PORT",
			description = "The Kafka brokers (default: SPRING_KAFKA_BOOTSTRAP_SERVERS or the service's file).")
	String kafka;

	@Option(names = "--sandbox", paramLabel = "URL",
			description = "Take WeChat's URL and the merchant's credentials from a running sandbox, "
					+ "e.g. http://127.0.0.1:8090.")
	URI sandbox;

	@Option(names = "--keys", paramLabel = "DIR",
			description = "Or take the merchant's credentials from key files (see keygen)...")
	Path keys;

	@Option(names = "--wechat-base-url", paramLabel = "URL",
			description = "...with WeChat Pay's address (default: the sandbox's, or WeChat itself).")
	URI wechatBaseUrl;

	@Option(names = "--mchid", paramLabel = "MCHID", description = "The merchant (default: " + DEFAULT_MCHID + ").")
	String mchid;

	@Option(names = "--notify-url", paramLabel = "URL",
			description = "stream: the callback URL given to WeChat ({mchid} is replaced).")
	String notifyUrl;

	@Option(names = "--db", paramLabel = "JDBC-URL", description = "batch: its database.")
	String db;

	@Option(names = "--db-user", paramLabel = "USER", description = "batch: the database user.")
	String dbUser;

	@Option(names = "--db-password", paramLabel = "PASSWORD", description = "batch: the database password.")
	String dbPassword;

	@Option(names = "--port", paramLabel = "PORT", description = "The HTTP port (default: the service's own).")
	Integer port;

	@Option(names = "--data-dir", paramLabel = "DIR", description = "Where the service keeps its files.")
	Path dataDir;

	/** The merchant: {@code --mchid} or the default. */
	String mchid() {
		return (this.mchid != null) ? this.mchid : DEFAULT_MCHID;
	}

	/**
	 * The properties of {@code service} from the command line, and the Spring properties
	 * given on it ({@link SpringProperties}), which override them.
	 */
	Map<String, Object> properties(Service service, Map<String, String> springProperties) {
		URI wechat = this.wechatBaseUrl;
		List<MerchantCredentials> merchants = List.of();
		if (this.sandbox != null && this.keys != null) {
			throw new ParameterException(this.command.commandLine(), "Give --sandbox or --keys, not both");
		}
		if (this.sandbox != null) {
			merchants = List.of(fromSandbox(this.sandbox, mchid()));
			if (wechat == null) {
				wechat = this.sandbox;
			}
		}
		else if (this.keys != null) {
			merchants = List.of(new KeyFiles(this.keys).credentials());
		}
		Map<String, Object> properties = new LinkedHashMap<>(new Wiring(this.kafka, wechat, merchants, this.notifyUrl,
				this.db, this.dbUser, this.dbPassword, this.dataDir, Map.of())
			.properties(service, (this.port != null) ? this.port : service.defaultPort()));
		if (this.db == null) {
			properties.remove("spring.datasource.url");
		}
		properties.putAll(springProperties);
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
