package io.paytally.local.commands;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.convert.DurationStyle;

import io.paytally.local.cli.Arguments;
import io.paytally.local.cli.UsageError;
import io.paytally.local.kafka.KafkaTopics;
import io.paytally.local.keys.KeyDirectoryNotEmpty;
import io.paytally.local.keys.KeyFiles;
import io.paytally.local.keys.KeyFilesDisagree;
import io.paytally.local.service.RunningService;
import io.paytally.local.service.Service;
import io.paytally.local.service.ServiceLauncher;
import io.paytally.schemas.topics.TopicSettings;

/**
 * The commands for daily use: one service alone, a statement, the topics, the key files.
 */
public final class Commands {

	/** The exit code of a statement whose bill is not ready yet (batch-jobs' own). */
	public static final int BILL_NOT_READY = 3;

	private Commands() {
	}

	/** {@code ingest}, {@code stream}, {@code batch}: runs one service until Ctrl-C. */
	public static int service(Service service, Arguments args) {
		Map<String, Object> properties = ServiceOptions.properties(service, args);
		args.rejectUnknown();
		if (service == Service.BATCH) {
			properties.putIfAbsent("paytally.batch.schedule.enabled", "true");
		}
		return runUntilStopped(ServiceLauncher.start(service, properties));
	}

	/**
	 * {@code sandbox}: the WeChat Pay sandbox alone, with generated keys or the key files
	 * of {@code --keys}.
	 */
	public static int sandbox(Arguments args) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", args.integer("port", Service.SANDBOX.defaultPort()));
		properties.put("server.address", args.string("address", "127.0.0.1"));
		args.string("time-scale").ifPresent((scale) -> properties.put("sandbox.time-scale", scale));
		args.string("persist").ifPresent((file) -> properties.put("sandbox.persist-file", file));
		args.path("keys").ifPresent((dir) -> properties.putAll(sandboxKeys(new KeyFiles(dir))));
		properties.putAll(args.springProperties());
		args.rejectUnknown();
		return runUntilStopped(ServiceLauncher.start(Service.SANDBOX, properties));
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

	/**
	 * {@code statement}: runs the daily statement of a date in batch-jobs' command mode
	 * and returns its exit code.
	 */
	public static int statement(Arguments args) {
		Map<String, Object> properties = ServiceOptions.properties(Service.BATCH, args);
		List<String> command = new ArrayList<>(List.of("dailyStatement"));
		args.date("date").ifPresent((date) -> command.add("--date=" + date));
		args.string("mchid").ifPresent((mchid) -> command.add("--mchid=" + mchid));
		args.rejectUnknown();
		return runStatement(properties, command);
	}

	/** Runs batch-jobs' statement command with these properties; its exit code. */
	public static int statement(Map<String, Object> batchProperties, String mchid, LocalDate date) {
		return runStatement(batchProperties, List.of("dailyStatement", "--date=" + date, "--mchid=" + mchid));
	}

	private static int runStatement(Map<String, Object> batchProperties, List<String> command) {
		Map<String, Object> properties = new LinkedHashMap<>(batchProperties);
		properties.put("paytally.local.web", "false");
		properties.put("paytally.batch.schedule.enabled", "false");
		properties.put("server.port", 0);
		RunningService batch = ServiceLauncher.start(Service.BATCH, properties, command.toArray(String[]::new));
		try {
			return SpringApplication.exit(batch.context());
		}
		finally {
			batch.close();
		}
	}

	/** {@code topics}: creates the catalog's topics, waiting for the cluster. */
	public static int topics(Arguments args, PrintStream out) {
		String kafka = args.string("kafka")
			.or(() -> Optional.ofNullable(System.getenv("SPRING_KAFKA_BOOTSTRAP_SERVERS")))
			.orElseThrow(() -> new UsageError("topics needs --kafka HOST:PORT"));
		int partitions = args.integer("partitions", TopicSettings.SINGLE_BROKER.partitions());
		short replication = (short) args.integer("replication-factor", 1);
		int minIsr = args.integer("min-insync-replicas", Math.max(1, replication - 1));
		Duration wait = args.string("wait").map(DurationStyle::detectAndParse).orElse(Duration.ofSeconds(120));
		args.rejectUnknown();
		List<String> created = KafkaTopics.createCatalog(kafka,
				new TopicSettings(partitions, replication, minIsr, Map.of()), wait);
		out.println(created.isEmpty() ? "paytally: every topic of the catalog exists on " + kafka
				: "paytally: created " + String.join(", ", created) + " on " + kafka);
		return 0;
	}

	/**
	 * {@code keygen}: a trial's key files. Writes a new set into an empty (or absent)
	 * directory only; keeps a complete set generated for the same ids; refuses, writing
	 * nothing, when the set was generated for other ids ({@link KeyFilesDisagree}) or the
	 * directory holds anything else, such as a real merchant's own files
	 * ({@link KeyDirectoryNotEmpty}).
	 */
	public static int keygen(Arguments args, PrintStream out) {
		Path dir = args.path("out").orElseThrow(() -> new UsageError("keygen needs --out DIR"));
		Optional<String> mchid = args.string("mchid");
		Optional<String> appid = args.string("appid");
		Optional<String> serial = args.string("serial-number");
		Optional<String> keyId = args.string("platform-key-id");
		args.rejectUnknown();
		KeyFiles keys = new KeyFiles(dir);
		if (keys.exists() && keys.entries().size() == KeyFiles.NAMES.size()) {
			List<String> differences = keys.disagreements(mchid.orElse(null), appid.orElse(null), serial.orElse(null),
					keyId.orElse(null));
			if (!differences.isEmpty()) {
				throw new KeyFilesDisagree(dir, differences);
			}
			out.println("paytally: the trial key files of merchant " + keys.read(KeyFiles.MCHID) + " exist in " + dir
					+ " (kept)");
			return 0;
		}
		keys.generate(mchid.orElse(ServiceOptions.DEFAULT_MCHID), appid.orElse("wx0000000000demo01"),
				serial.orElseGet(KeyFiles::randomSerialNumber),
				keyId.orElse("PUB_KEY_ID_0100000000000000000000000000"));
		out.println("paytally: wrote the key files of merchant " + keys.read(KeyFiles.MCHID)
				+ " and of the platform to " + dir + " (private keys: keep them out of version control)");
		return 0;
	}

	/**
	 * Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), then stops the service.
	 */
	static int runUntilStopped(AutoCloseable running) {
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				running.close();
			}
			catch (Exception ex) {
				// stopping anyway
			}
			stopped.countDown();
		}, "paytally-shutdown"));
		try {
			stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return 0;
	}

	/** Blocks until Ctrl-C, then closes. For the demo's {@code --keep-running}. */
	public static void keepRunning(AutoCloseable running) {
		runUntilStopped(running);
	}

}
