package io.paytally.batch.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.paytally.batch.BatchApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * batch-jobs' statement command in a JVM of its own, as an operator starts it: the
 * application's entry point with {@code dailyStatement --date=... --mchid=...}, the
 * settings in the environment, the output in a log file. It can be killed without a clean
 * shutdown ({@link #kill()}, SIGKILL).
 */
public final class StatementCommandProcess {

	private static final Logger logger = LoggerFactory.getLogger(StatementCommandProcess.class);

	private final Process process;

	private final Path log;

	private final long startedAt = System.nanoTime();

	private Duration cpu = Duration.ZERO;

	private StatementCommandProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts the command.
	 * @param directory the working directory
	 * @param environment the settings, as environment variables
	 * @param mchid the merchant
	 * @param date the bill date
	 * @param log where the output goes (appended)
	 * @return the running command
	 * @throws IOException if the JVM cannot be started
	 */
	public static StatementCommandProcess start(Path directory, Map<String, String> environment, String mchid,
			LocalDate date, Path log) throws IOException {
		String java = ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// a short run: the client compiler only, a serial collector
		List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
				"-cp", System.getProperty("java.class.path"), BatchApplication.class.getName()));
		command.addAll(arguments(mchid, date));
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(environment);
		return new StatementCommandProcess(builder.start(), log);
	}

	/** What an operator types after the jar: the command, the date and the merchant. */
	public static List<String> arguments(String mchid, LocalDate date) {
		return List.of("dailyStatement", "--date=" + date, "--mchid=" + mchid);
	}

	/** The environment of a merchant and the services, as a deployment sets it. */
	public static Map<String, String> environment(String dbUrl, String dbUser, String dbPassword, String kafka,
			Map<String, String> more) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("PAYTALLY_BATCH_DB_URL", dbUrl);
		environment.put("PAYTALLY_BATCH_DB_USER", dbUser);
		environment.put("PAYTALLY_BATCH_DB_PASSWORD", dbPassword);
		environment.put("PAYTALLY_KAFKA_BOOTSTRAP", kafka);
		environment.put("LOGGING_LEVEL_ORG_APACHE_KAFKA", "WARN");
		environment.putAll(more);
		return environment;
	}

	public boolean isAlive() {
		sampleCpu();
		return this.process.isAlive();
	}

	/** Kills the JVM at once (SIGKILL: no shutdown hook, nothing flushed) and waits. */
	public int kill() throws InterruptedException {
		sampleCpu();
		this.process.destroyForcibly();
		return ended(this.process.waitFor());
	}

	/**
	 * Waits for the command to end.
	 * @return its exit code
	 */
	public int waitFor(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		// the CPU time of a process can only be read while it runs
		while (!this.process.waitFor(200, TimeUnit.MILLISECONDS)) {
			sampleCpu();
			if (System.nanoTime() > deadline) {
				this.process.destroyForcibly().waitFor();
				throw new IllegalStateException(
						"The statement command did not end within " + timeout + ":\n" + output());
			}
		}
		return ended(this.process.exitValue());
	}

	private void sampleCpu() {
		this.process.toHandle().info().totalCpuDuration().ifPresent((d) -> this.cpu = d);
	}

	private int ended(int exitCode) {
		logger.info("Statement command {} ended with exit code {} after {} ms, {} ms of CPU (at least)", this.log,
				exitCode, Duration.ofNanos(System.nanoTime() - this.startedAt).toMillis(), this.cpu.toMillis());
		return exitCode;
	}

	/** The end of the command's output, for failure messages. */
	public String output() {
		try {
			String text = Files.readString(this.log, StandardCharsets.UTF_8);
			return text.substring(Math.max(0, text.length() - 6000));
		}
		catch (IOException ex) {
			return "(no output: " + ex.getMessage() + ")";
		}
	}

}
