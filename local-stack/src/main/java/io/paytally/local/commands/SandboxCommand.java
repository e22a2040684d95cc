package io.paytally.local.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import io.paytally.local.cli.SpringProperties;
import io.paytally.local.keys.KeyFiles;
import io.paytally.local.service.Service;
import io.paytally.local.service.ServiceLauncher;

/**
 * {@code paytally sandbox}: the WeChat Pay sandbox alone, with generated keys or the key
 * files of {@code --keys}.
 */
@Command(name = "sandbox", sortOptions = false, description = "Run the WeChat Pay sandbox alone.",
		footer = { "", SpringProperties.HELP })
public final class SandboxCommand implements Callable<Integer> {

	@Option(names = "--port", paramLabel = "PORT", description = "The HTTP port (default: ${DEFAULT-VALUE}).")
	int port = Service.SANDBOX.defaultPort();

	@Option(names = "--address", paramLabel = "ADDRESS",
			description = "The address to listen on (default: ${DEFAULT-VALUE}).")
	String address = "127.0.0.1";

	@Option(names = "--keys", paramLabel = "DIR",
			description = "Play the merchant and the platform of these key files (see keygen); default: generated keys.")
	Path keys;

	@Option(names = "--time-scale", paramLabel = "X",
			description = "Multiplies WeChat's callback retry intervals, e.g. 0.01 for a compressed day.")
	Double timeScale;

	@Option(names = "--persist", paramLabel = "FILE",
			description = "Keep the sandbox's ledger in this file across restarts.")
	Path persist;

	@Spec
	private CommandSpec command;

	@Unmatched
	private List<String> unmatched = new ArrayList<>();

	/** The sandbox's properties from the command line. */
	Map<String, Object> properties() {
		Map<String, String> springProperties = SpringProperties.of(this.unmatched, this.command);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", this.port);
		properties.put("server.address", this.address);
		if (this.timeScale != null) {
			properties.put("sandbox.time-scale", this.timeScale);
		}
		if (this.persist != null) {
			properties.put("sandbox.persist-file", this.persist.toString());
		}
		if (this.keys != null) {
			properties.putAll(sandboxKeys(new KeyFiles(this.keys)));
		}
		properties.putAll(springProperties);
		return properties;
	}

	@Override
	public Integer call() {
		return Commands.runUntilStopped(ServiceLauncher.start(Service.SANDBOX, properties()));
	}

	/** The sandbox's {@code sandbox.*} properties of a key directory. */
	static Map<String, Object> sandboxKeys(KeyFiles keys) {
		Map<String, Object> properties = new LinkedHashMap<>();
		Path dir = keys.directory().toAbsolutePath();
		properties.put("sandbox.merchants[0].mchid", keys.read(KeyFiles.MCHID));
		properties.put("sandbox.merchants[0].appid", keys.read(KeyFiles.APPID));
		properties.put("sandbox.merchants[0].serial-number", keys.read(KeyFiles.MERCHANT_SERIAL_NUMBER));
		properties.put("sandbox.merchants[0].private-key-file", dir.resolve(KeyFiles.MERCHANT_PRIVATE_KEY).toString());
		properties.put("sandbox.merchants[0].public-key-file", dir.resolve(KeyFiles.MERCHANT_PUBLIC_KEY).toString());
		properties.put("sandbox.merchants[0].api-v3-key", keys.read(KeyFiles.API_V3_KEY));
		properties.put("sandbox.merchants[0].api-v2-key", keys.read(KeyFiles.API_V2_KEY));
		properties.put("sandbox.platform-private-key-file", dir.resolve(KeyFiles.PLATFORM_PRIVATE_KEY).toString());
		properties.put("sandbox.platform-public-key-id", keys.read(KeyFiles.PLATFORM_PUBLIC_KEY_ID));
		return properties;
	}

}
