package io.paytally.local.demo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.paytally.local.commands.Commands;
import io.paytally.local.scenario.DayResult;
import io.paytally.local.scenario.DayVerdict;
import io.paytally.local.scenario.IntakeClient;
import io.paytally.local.scenario.Progress;
import io.paytally.local.scenario.ScenarioDriver;
import io.paytally.local.scenario.ScenarioSettings;
import io.paytally.local.scenario.StateWatcher;
import io.paytally.local.service.Service;
import io.paytally.local.stack.DayClock;
import io.paytally.local.stack.LocalStack;
import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.PaymentAnomaly;

/**
 * A business day on a running stack: the scenario of every merchant is played on
 * {@code day} at the same time (the sandbox's clock set to it), the clock returns to the
 * present, the merchants' statements are run through batch-jobs at once (in parallel),
 * and each merchant is judged against WeChat's truth for that merchant alone: its orders,
 * the anomalies about its orders and its own statement. The demo and the end-to-end test
 * play the same day.
 */
public final class BusinessDay {

	private final LocalStack stack;

	private final DayClock clock;

	private final LocalDate day;

	public BusinessDay(LocalStack stack, DayClock clock, LocalDate day) {
		this.stack = stack;
		this.clock = clock;
		this.day = day;
	}

	/**
	 * Plays the day of every merchant; {@code listener} hears each merchant's driver,
	 * then its progress (by merchant id).
	 */
	public Outcome play(List<ScenarioSettings> merchants, Consumer<ScenarioDriver> listener,
			BiConsumer<String, Progress> progress, Consumer<String> notes) {
		return play(merchants, listener, progress, notes, BeforeStatements.NOTHING);
	}

	/**
	 * Plays the day of every merchant as
	 * {@link #play(List, Consumer, BiConsumer, Consumer)} does, and runs
	 * {@code beforeStatements} once the day is played, before its statements.
	 */
	public Outcome play(List<ScenarioSettings> merchants, Consumer<ScenarioDriver> listener,
			BiConsumer<String, Progress> progress, Consumer<String> notes, BeforeStatements beforeStatements) {
		try (StateWatcher watcher = new StateWatcher(this.stack.kafka());
				DayMeter meter = new DayMeter(this.stack.kafka(), streamApplicationId())) {
			List<ScenarioDriver> drivers = new ArrayList<>();
			for (ScenarioSettings settings : merchants) {
				ScenarioDriver driver = new ScenarioDriver(settings,
						new IntakeClient(this.stack.intakeUrl(), this.stack.callerKey()),
						this.stack.sandbox().control(), watcher, (p) -> progress.accept(settings.mchid(), p),
						this.stack.options().v2Callbacks(settings.mchid()));
				listener.accept(driver);
				drivers.add(driver);
			}
			List<DayResult> results;
			this.clock.startDay(this.day, java.time.LocalTime.of(10, 0));
			try {
				results = playTogether(drivers);
			}
			finally {
				this.clock.returnToPresent();
			}
			Figures figures = Figures.of(results, watcher, meter);
			notes.accept("Day played in " + figures.wallTime().toSeconds() + " s.");
			beforeStatements.run(this.day, merchants);
			notes.accept("Running the statements of " + this.day + ", the merchants in parallel...");
			long started = System.nanoTime();
			int exit = Commands.statementOfEveryMerchant(this.stack.wiring().properties(Service.BATCH, 0), this.day);
			if (exit != 0) {
				notes.accept("The statements ended with exit code " + exit + " (see the log)");
			}
			List<MerchantDay> days = new ArrayList<>();
			for (int i = 0; i < merchants.size(); i++) {
				days.add(verdict(merchants.get(i), results.get(i), watcher, exit, started));
			}
			return new Outcome(days, figures);
		}
	}

	private String streamApplicationId() {
		Object id = this.stack.wiring().properties(Service.STREAM, 0).get("spring.kafka.streams.application-id");
		return (id != null) ? id.toString() : "paytally-stream";
	}

	private static List<DayResult> playTogether(List<ScenarioDriver> drivers) {
		ExecutorService pool = Executors.newFixedThreadPool(drivers.size(), (runnable) -> {
			Thread thread = new Thread(runnable, "paytally-merchant-day");
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<Future<DayResult>> days = new ArrayList<>();
			for (ScenarioDriver driver : drivers) {
				days.add(pool.submit(driver::play));
			}
			List<DayResult> results = new ArrayList<>();
			for (Future<DayResult> day : days) {
				results.add(day.get());
			}
			return results;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the day was played", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("A merchant's day failed: " + ex.getCause().getMessage(), ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}

	private MerchantDay verdict(ScenarioSettings settings, DayResult result, StateWatcher watcher, int exit,
			long started) {
		DailyStatement statement = awaitStatement(watcher, DailyStatement.key(settings.mchid(), this.day),
				Duration.ofSeconds(30));
		Duration statementTime = Duration.ofNanos(System.nanoTime() - started);
		List<PaymentAnomaly> anomalies = watcher.anomalies()
			.stream()
			.filter((anomaly) -> anomaly.mchid().equals(settings.mchid()))
			.toList();
		DayVerdict verdict = DayVerdict.judge(result, anomalies, statement, this.day);
		return new MerchantDay(settings, verdict, exit, statementTime);
	}

	private static DailyStatement awaitStatement(StateWatcher watcher, String key, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() - deadline < 0) {
			DailyStatement statement = watcher.statements().get(key);
			if (statement != null) {
				return statement;
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}
		return watcher.statements().get(key);
	}

	/**
	 * What runs after the day is played and before its statements (the faults' statement
	 * killed mid-load).
	 */
	@FunctionalInterface
	public interface BeforeStatements {

		/** Nothing. */
		BeforeStatements NOTHING = (day, merchants) -> {
		};

		/**
		 * Runs.
		 * @param day the day played
		 * @param merchants its merchants
		 */
		void run(LocalDate day, List<ScenarioSettings> merchants);

	}

	/**
	 * How the day ended for every merchant.
	 *
	 * @param merchants each merchant's day, in the order they were given
	 * @param figures what the day cost
	 */
	public record Outcome(List<MerchantDay> merchants, Figures figures) {

		/** Whether every merchant's day agrees. */
		public boolean agrees() {
			return this.merchants.stream().allMatch((merchant) -> merchant.verdict().agrees());
		}

	}

	/**
	 * What the day cost, measured while it was played (before the statements).
	 *
	 * @param wallTime from the first order to the last merchant's day settled
	 * @param worstLag the stream-app group's worst lag, in records, over every partition
	 * it reads
	 * @param worstLagAt when that was, after the day started
	 * @param peakHeapMb the most heap in use (every part of the stack shares this JVM)
	 * @param heapAfterGcMb the heap in use after a full collection, the day settled
	 * @param maxHeapMb the heap's limit
	 * @param lastCallbackToLastState from the last callback (payment or refund) seen on
	 * its topic to the last change seen on {@code orders.state}; null when there was none
	 */
	public record Figures(Duration wallTime, long worstLag, Duration worstLagAt, long peakHeapMb, long heapAfterGcMb,
			long maxHeapMb, Duration lastCallbackToLastState) {

		static Figures of(List<DayResult> results, StateWatcher watcher, DayMeter meter) {
			Duration wallTime = results.stream()
				.map(DayResult::duration)
				.max(Duration::compareTo)
				.orElse(Duration.ZERO);
			long lastCallback = watcher.lastCallbackNanos();
			long lastState = watcher.lastStateNanos();
			Duration callbackToState = (lastCallback != 0 && lastState != 0)
					? Duration.ofNanos(lastState - lastCallback) : null;
			return new Figures(wallTime, meter.worstLag(), meter.worstLagAt(), meter.peakHeapMb(),
					meter.heapAfterGcMb(), meter.maxHeapMb(), callbackToState);
		}

		/** One line for a terminal. */
		public String line() {
			return String.format(
					"the day %d s; worst stream lag %d records (at %d s); heap peak %d MiB, %d MiB after GC, of %d MiB"
							+ " (one JVM for every part); last callback to last state %s",
					this.wallTime.toSeconds(), this.worstLag, this.worstLagAt.toSeconds(), this.peakHeapMb,
					this.heapAfterGcMb, this.maxHeapMb, callbackToStateText());
		}

		private String callbackToStateText() {
			if (this.lastCallbackToLastState == null) {
				return "n/a";
			}
			if (this.lastCallbackToLastState.isNegative()) {
				return "n/a (no state changed after the last callback, "
						+ this.lastCallbackToLastState.negated().toMillis() + " ms after the last change)";
			}
			return this.lastCallbackToLastState.toMillis() + " ms";
		}

	}

	/**
	 * How the day ended for one merchant.
	 *
	 * @param settings the merchant's scenario
	 * @param verdict what agrees and what does not, for this merchant alone
	 * @param statementExitCode batch-jobs' exit code for the day's statements (every
	 * merchant's at once: the highest of theirs)
	 * @param statementTime how long until its statement was on {@code recon.statements}
	 */
	public record MerchantDay(ScenarioSettings settings, DayVerdict verdict, int statementExitCode,
			Duration statementTime) {

	}

}
