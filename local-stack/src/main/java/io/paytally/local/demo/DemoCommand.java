package io.paytally.local.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import io.paytally.local.cli.DurationConverter;
import io.paytally.local.cli.ExitCodes;
import io.paytally.local.commands.Commands;
import io.paytally.local.scenario.DayResult;
import io.paytally.local.scenario.DayVerdict;
import io.paytally.local.scenario.IntakeClient;
import io.paytally.local.scenario.Kind;
import io.paytally.local.scenario.ScenarioDriver;
import io.paytally.local.scenario.ScenarioSettings;
import io.paytally.local.scenario.StateWatcher;
import io.paytally.local.service.Service;
import io.paytally.local.stack.ClusterShape;
import io.paytally.local.stack.DayClock;
import io.paytally.local.stack.LocalStack;
import io.paytally.local.stack.LocalStackOptions;
import io.paytally.schemas.DailyStatement;

/**
 * {@code paytally demo}: the whole of paytally on a laptop. Starts the embedded stack,
 * plays a business day (yesterday, Beijing time: the sandbox's clock is set back to it
 * while the day is played), runs the day's statement, prints a summary and checks every
 * order against the sandbox's ground truth.
 */
@Command(name = "demo", sortOptions = false,
		description = { "Start everything in this JVM (Kafka, H2, the WeChat Pay sandbox, notify-ingest, stream-app, "
				+ "batch-jobs), play a business day, run its statement and check every order against the sandbox's "
				+ "ground truth. Exits 0 only if everything agrees." })
public final class DemoCommand implements Callable<Integer> {

	/**
	 * How long the orders of a day on a cluster are payable: the first transactions of a
	 * new cluster take seconds, and a payment request the intake could not answer in time
	 * is retried unchanged, which WeChat accepts only while its {@code time_expire} is a
	 * minute or more ahead (the single broker's 62 s leave two seconds for that).
	 */
	static final Duration CLUSTER_PAYABLE = Duration.ofSeconds(90);

	/**
	 * With faults: a killed stream-app instance holds its partitions until its group's
	 * session times out (15 s on a cluster, see {@code LocalStack}) and the new owner has
	 * restored them, and the orders created meanwhile wait for it; on a loaded machine
	 * (load average 40-80 on 2 cores, 2026-12-02) the payment requests of the first
	 * orders waited past a minute, and orders payable 120 s were then refused for a
	 * {@code time_expire} less than a minute away.
	 */
	static final Duration FAULTY_PAYABLE = Duration.ofSeconds(150);

	/** The subdirectories of the data directory the demo empties before it starts. */
	static final List<String> DATA = List.of("kafka", "db", "streams", "bills", "reports", "dashboard-users");

	private final PrintStream out;

	@Spec
	private CommandSpec command;

	@Option(names = "--orders", paramLabel = "N",
			description = "Merchant orders in the day (default: ${DEFAULT-VALUE}); a second merchant gets a quarter "
					+ "as many, at least 20.")
	int orders = 1000;

	@Option(names = "--seed", paramLabel = "S",
			description = "The day's seed: same seed, same day (default: ${DEFAULT-VALUE}).")
	long seed = 42;

	@Option(names = "--mix", paramLabel = "KIND=PERCENT", split = ",",
			converter = { KindConverter.class, PercentConverter.class }, completionCandidates = KindNames.class,
			description = {
					"Percent of the orders per kind, e.g. drop=10,duplicate=10; kinds: ${COMPLETION-CANDIDATES} "
							+ "(the rest are paid promptly)." })
	Map<Kind, Double> mix;

	@Option(names = "--data-dir", paramLabel = "DIR",
			description = "Kafka, database, state, bills, reports, logs (default: ${DEFAULT-VALUE}; the demo empties "
					+ "it first).")
	Path dataDir = Path.of("data");

	@Option(names = "--keep-running", description = "Leave the stack running after the day (Ctrl-C stops it).")
	boolean keepRunning;

	@Option(names = "--settle-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
			description = "How long to wait for the orders to settle, e.g. 90s or PT90S (default: 4m).")
	Duration settleTimeout = Duration.ofMinutes(4);

	@Option(names = "--brokers", paramLabel = "N",
			description = "In-JVM Kafka brokers (default: ${DEFAULT-VALUE}); more than one: a cluster with the "
					+ "production settings, 3 replicas (N when fewer), 2 of them in sync for a write.")
	int brokers = 1;

	@Option(names = "--ingest-instances", paramLabel = "N",
			description = "notify-ingest instances (default: ${DEFAULT-VALUE}); more than one: behind a "
					+ "round-robin balancer that WeChat's callbacks go to.")
	int ingestInstances = 1;

	@Option(names = "--stream-instances", paramLabel = "N",
			description = "stream-app instances sharing the partitions (default: ${DEFAULT-VALUE}).")
	int streamInstances = 1;

	@Option(names = "--faults",
			description = "During the busiest minute stop the last broker and restart it, kill the last stream-app "
					+ "instance without a clean shutdown and start a new one, kill the last notify-ingest instance "
					+ "and start a new one; once the expiry checks flow, restart the active-query worker of the "
					+ "instance holding checks in flight; after the day kill the statement of the larger "
					+ "merchant mid-load (the statement command in a JVM of its own, SIGKILL) and let the day's "
					+ "statements restart it; then check every order's versions on orders.state (no gap, no "
					+ "repeat) and that the restart gave one statement, the same job instance completed.")
	boolean faults;

	public DemoCommand(PrintStream out) {
		this.out = out;
	}

	/** The data directory the command line asks for. */
	public Path dataDir() {
		return this.dataDir;
	}

	/** The day the command line asks for (of the main merchant). */
	ScenarioSettings settings() {
		if (this.orders < 1) {
			throw new ParameterException(this.command.commandLine(), "--orders must be at least 1, was " + this.orders);
		}
		return ScenarioSettings.of(LocalStackOptions.DEMO_MCHID, this.orders, this.seed)
			.withPercents((this.mix != null) ? this.mix : Map.of())
			.withSettleTimeout(this.settleTimeout);
	}

	/** The brokers and instances the command line asks for. */
	ClusterShape cluster() {
		if (this.brokers < 1 || this.ingestInstances < 1 || this.streamInstances < 1) {
			throw new ParameterException(this.command.commandLine(),
					"--brokers, --ingest-instances and --stream-instances must be at least 1");
		}
		return new ClusterShape(this.brokers, this.ingestInstances, this.streamInstances);
	}

	/** Runs the demo; 0 when everything agrees, 1 when something does not. */
	@Override
	public Integer call() {
		Path dataDir = this.dataDir;
		ClusterShape cluster = cluster();
		List<ScenarioSettings> merchants = merchants(settings());
		if (this.faults) {
			merchants = payableFor(merchants, FAULTY_PAYABLE);
		}
		else if (cluster.isCluster()) {
			merchants = payableFor(merchants, CLUSTER_PAYABLE);
		}
		ScenarioSettings settings = merchants.get(0);
		emptyDataDir(dataDir);
		DayClock clock = DayClock.systemUtc();
		LocalDate day = clock.today().minusDays(1);
		this.out.printf(
				"paytally demo: a business day (%s, Beijing) of %d merchant orders, seed %d, and %d of a second"
						+ " merchant (%s) with the same order numbers%n",
				day, this.orders, this.seed, merchants.get(1).orders(), merchants.get(1).mchid());
		this.out.println("  logs: " + dataDir.resolve("logs").resolve("paytally.log"));
		long started = System.nanoTime();
		LocalStackOptions options = new LocalStackOptions(dataDir, null, null, null, null,
				LocalStackOptions.DEMO_MERCHANTS, Map.of(), 0.01, clock, demoProperties(), true)
			.withCluster(cluster);
		if (cluster.isCluster()) {
			this.out.printf("  on %d broker(s), %d notify-ingest and %d stream-app instance(s)%s%n", cluster.brokers(),
					cluster.ingestInstances(), cluster.streamInstances(), this.faults ? ", with faults" : "");
		}
		LocalStack stack = LocalStack.start(options, new LocalStack.StartListener() {
			@Override
			public void started(String what, String where) {
				DemoCommand.this.out.printf("  %-20s %s%n", what, where);
			}
		});
		try {
			printDashboardUsers(stack);
			this.out.printf("Started in %d s. Playing the day (orders expire %d s after creation)...%n",
					Duration.ofNanos(System.nanoTime() - started).toSeconds(), settings.expiry().toSeconds());
			DayFaults faults = new DayFaults(stack, DayFaults.Timing.BUSIEST_MINUTE);
			BusinessDay.Outcome outcome = new BusinessDay(stack, clock, day).play(merchants, (driver) -> {
				printPlan(driver);
				if (this.faults) {
					faults.start();
				}
			}, (mchid, progress) -> this.out.println(mchid + " " + progress.line()), this.out::println,
					this.faults ? (statementDay, statementMerchants) -> {
						this.out
							.println("Running a statement as a command in a JVM of its own, to kill it mid-load...");
						faults.killStatementMidLoad(statementDay, statementMerchants);
					} : BusinessDay.BeforeStatements.NOTHING);
			Duration total = Duration.ofNanos(System.nanoTime() - started);
			for (BusinessDay.MerchantDay merchant : outcome.merchants()) {
				Path report = dataDir.resolve("reports").resolve(merchant.settings().mchid()).resolve(day.toString());
				new DaySummary(this.out).print(merchant.settings(), merchant.verdict(), report, total);
			}
			boolean versionsWhole = true;
			boolean statementRestarted = true;
			if (this.faults) {
				faults.await(Duration.ofMinutes(1));
				statementRestarted = faults.checkStatementRestart();
				this.out.println();
				this.out.println("Faults (seconds after the day started):");
				faults.log().forEach((line) -> this.out.println("  " + line));
				List<String> problems = DayFaults.stateVersionProblems(stack.kafka(), Duration.ofMinutes(1));
				versionsWhole = problems.isEmpty();
				this.out
					.println(versionsWhole ? "  orders.state: every order's versions run 1, 2, 3... (no gap, no repeat)"
							: "  orders.state: versions out of sequence: " + problems);
			}
			this.out.println("Figures: " + outcome.figures().line());
			if (this.keepRunning) {
				this.out.println("Still running (Ctrl-C stops): dashboard " + stack.dashboardUrl() + ", sandbox "
						+ stack.sandbox().baseUrl() + ", Kafka " + stack.kafka() + ", intake " + stack.intakeUrl()
						+ "/payments");
				Commands.keepRunning(stack);
			}
			return (outcome.agrees() && versionsWhole && statementRestarted) ? ExitCodes.DONE : ExitCodes.DISAGREES;
		}
		finally {
			stack.close();
		}
	}

	/**
	 * The demo's merchants: the main one, and a second one with a quarter of the orders
	 * (at least 20), another seed and the same order numbers, so that both merchants have
	 * a {@code <prefix>-0001}, paid, expired or refunded differently.
	 */
	static List<ScenarioSettings> merchants(ScenarioSettings main) {
		ScenarioSettings second = ScenarioSettings
			.of(LocalStackOptions.DEMO_MERCHANTS.get(1).mchid(), Math.max(20, main.orders() / 4), main.seed() + 1)
			.withOrderPrefix(main.orderPrefix())
			.withPercents(main.percents())
			.withSettleTimeout(main.settleTimeout());
		return List.of(main, second);
	}

	/**
	 * The dashboard's URL and its users' one-time passwords, to the console only (never
	 * to the log file).
	 */
	private void printDashboardUsers(LocalStack stack) {
		this.out.println("Dashboard " + stack.dashboardUrl()
				+ " users, one per role, with one-time passwords (change them at the first login):");
		stack.dashboardUsers().forEach((name, password) -> this.out.printf("  %-12s %s%n", name, password));
	}

	/** The merchants' days with their orders payable for {@code payable}. */
	static List<ScenarioSettings> payableFor(List<ScenarioSettings> merchants, Duration payable) {
		return merchants.stream()
			.map((s) -> new ScenarioSettings(s.orders(), s.seed(), s.mchid(), s.orderPrefix(), payable, s.concurrency(),
					s.settleTimeout(), s.percents()))
			.toList();
	}

	private void printPlan(ScenarioDriver driver) {
		StringBuilder line = new StringBuilder("  the day of " + driver.settings().mchid() + ":");
		for (Kind kind : Kind.values()) {
			long count = driver.plan().count(kind);
			if (count > 0) {
				line.append(' ').append(count).append(' ').append(kind.flagName()).append(',');
			}
		}
		line.setLength(line.length() - 1);
		this.out.println(line);
	}

	/** What the demo changes in the services: a compressed day. */
	public static Map<Service, Map<String, Object>> demoProperties() {
		Map<Service, Map<String, Object>> extra = new LinkedHashMap<>();
		// orders expire a minute after creation: close them at WeChat right away, and
		// let the active query keep up with a busy day; an expiry check unanswered for
		// 15 s (the day's query outage) is asked again every 15 s and reported at once
		extra.put(Service.STREAM,
				Map.of("paytally.stream.close-not-before", "1s", "paytally.stream.active-query.rate-per-second", 200,
						"paytally.stream.active-query.burst", 200, "paytally.stream.active-query.concurrency", 2,
						"paytally.stream.recheck-interval", "15s", "paytally.stream.recheck-ceiling", "15s",
						"paytally.stream.unanswered-checks-before-anomaly", 1));
		// yesterday's bill is ready as soon as the day is played
		extra.put(Service.BATCH, Map.of("paytally.batch.bill-ready-hour", 0, "paytally.batch.schedule.enabled", false));
		return extra;
	}

	static void emptyDataDir(Path dataDir) {
		for (String name : DATA) {
			Path dir = dataDir.resolve(name);
			if (!Files.exists(dir)) {
				continue;
			}
			try (Stream<Path> paths = Files.walk(dir)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot empty " + dir, ex);
			}
		}
	}

	/** A kind of order by its name on the command line ({@link Kind#flagName()}). */
	static final class KindConverter implements ITypeConverter<Kind> {

		@Override
		public Kind convert(String value) {
			for (Kind kind : Kind.values()) {
				if (kind.flagName().equalsIgnoreCase(value.trim())) {
					return kind;
				}
			}
			throw new TypeConversionException(
					"'" + value + "' is not a kind of order; kinds: " + String.join(", ", new KindNames()));
		}

	}

	/** A percentage, 0 to 100. */
	static final class PercentConverter implements ITypeConverter<Double> {

		@Override
		public Double convert(String value) {
			double percent;
			try {
				percent = Double.parseDouble(value.trim());
			}
			catch (NumberFormatException ex) {
				throw new TypeConversionException("'" + value + "' is not a percentage");
			}
			if (!(percent >= 0 && percent <= 100)) {
				throw new TypeConversionException("'" + value + "' is not between 0 and 100");
			}
			return percent;
		}

	}

	/** The names of the kinds of order, for {@code --mix}. */
	static final class KindNames implements Iterable<String> {

		@Override
		public Iterator<String> iterator() {
			return Arrays.stream(Kind.values()).filter((kind) -> kind != Kind.PROMPT).map(Kind::flagName).iterator();
		}

	}

}
