package io.paytally.local.commands;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.springframework.boot.SpringApplication;

import io.paytally.local.service.RunningService;
import io.paytally.local.service.Service;
import io.paytally.local.service.ServiceLauncher;

/**
 * What the commands share: running a service until Ctrl-C, running the statement.
 */
public final class Commands {

	private Commands() {
	}

	/** Runs batch-jobs' statement command with these properties; its exit code. */
	public static int statement(Map<String, Object> batchProperties, String mchid, LocalDate date) {
		return runStatement(batchProperties, List.of("dailyStatement", "--date=" + date, "--mchid=" + mchid));
	}

	/**
	 * Runs batch-jobs' statement command with these properties and arguments; its exit
	 * code.
	 */
	/**
	 * Runs the day's statement of every configured merchant at once (batch-jobs'
	 * partitioned {@code dailyStatements}: one snapshot sync, the merchants in parallel);
	 * the highest of the merchants' exit codes.
	 */
	public static int statementOfEveryMerchant(Map<String, Object> batchProperties, LocalDate date) {
		return runStatement(batchProperties, List.of("dailyStatement", "--date=" + date));
	}

	static int runStatement(Map<String, Object> batchProperties, List<String> command) {
		Map<String, Object> properties = new LinkedHashMap<>(batchProperties);
		properties.put("paytally.local.web", "false");
		properties.put("paytally.batch.schedule.enabled", "false");
		// a command runs its day and exits: the service takes the requests of
		// recon.statement-runs
		properties.put("paytally.batch.requests.enabled", "false");
		properties.put("server.port", 0);
		RunningService batch = ServiceLauncher.start(Service.BATCH, properties, command.toArray(String[]::new));
		try {
			return SpringApplication.exit(batch.context());
		}
		finally {
			batch.close();
		}
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
