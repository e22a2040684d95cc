package io.paytally.stream.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import io.paytally.sandbox.Sandbox;
import io.paytally.sandbox.SandboxMerchant;
import io.paytally.stream.StreamApplication;
import io.paytally.stream.security.ApiKeys;
import io.paytally.stream.topology.PaymentStreams;

/**
 * One stream-app instance (its own Spring context, HTTP port and state directory) on a
 * test broker and sandbox.
 */
final class StreamAppRunner implements AutoCloseable {

	final int port;

	final ConfigurableApplicationContext context;

	private final Path stateDir;

	StreamAppRunner(String bootstrapServers, Sandbox sandbox, String mchid, String applicationId,
			Map<String, Object> overrides) {
		this.port = freePort();
		try {
			this.stateDir = Files.createTempDirectory("paytally-stream-it");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		SandboxMerchant merchant = sandbox.merchant(mchid);
		Map<String, Object> props = new LinkedHashMap<>();
		props.put("server.port", this.port);
		props.put("spring.kafka.bootstrap-servers", bootstrapServers);
		props.put("spring.kafka.streams.application-id", applicationId);
		props.put("spring.kafka.streams.state-dir", this.stateDir.toString());
		props.put("paytally.stream.application-server", "localhost:" + this.port);
		props.put("paytally.stream.create-topics", "false");
		props.put("paytally.stream.close-not-before", "2s");
		props.put("paytally.stream.recheck-interval", "5s");
		props.put("paytally.stream.user-paying-recheck", "1s");
		props.put("paytally.stream.active-query.retry-delay", "200ms");
		props.put("paytally.stream.active-query.rate-per-second", "50");
		props.put("paytally.wechat.base-url", sandbox.baseUrl().toString());
		props.put("paytally.wechat.merchants[0].mchid", merchant.mchid());
		props.put("paytally.wechat.merchants[0].appid", merchant.appid());
		props.put("paytally.wechat.merchants[0].merchant-serial-number", merchant.merchantSerialNumber());
		props.put("paytally.wechat.merchants[0].private-key", merchant.privateKeyPem());
		props.put("paytally.wechat.merchants[0].api-v3-key", merchant.apiV3Key());
		props.put("paytally.wechat.merchants[0].platform-public-key", sandbox.platformPublicKeyPem());
		props.put("paytally.wechat.merchants[0].platform-public-key-id", sandbox.platformPublicKeyId());
		props.put("management.endpoints.web.exposure.include", "health,prometheus");
		props.put("paytally.security.callers[0].name", "order-system");
		props.put("paytally.security.callers[0].key-sha256", ApiKeys.sha256(CALLER_KEY));
		props.put("paytally.security.callers[0].merchants[0]", mchid);
		// the same on every instance: the query hop between them presents it
		props.put("paytally.security.instance-key", INSTANCE_KEY);
		props.putAll(overrides);
		// as command-line arguments: they win over stream-app.yml
		String[] args = props.entrySet()
			.stream()
			.map((e) -> "--" + e.getKey() + "=" + e.getValue())
			.toArray(String[]::new);
		this.context = new SpringApplicationBuilder(StreamApplication.class)
			.properties(Map.of("spring.config.name", StreamApplication.CONFIG_NAME))
			.registerShutdownHook(false)
			.run(args);
	}

	PaymentStreams streams() {
		return this.context.getBean(PaymentStreams.class);
	}

	/** The API key of the merchant's order system in these tests. */
	static final String CALLER_KEY = "stream-it-order-system-key";

	static final String INSTANCE_KEY = "stream-it-instance-key";

	String baseUrl() {
		return "http://localhost:" + this.port;
	}

	@Override
	public void close() {
		this.context.close();
		FileSystemUtils.deleteRecursively(this.stateDir.toFile());
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
