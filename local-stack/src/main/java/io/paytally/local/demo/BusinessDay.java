package io.paytally.local.demo;

import java.time.Duration;
import java.time.LocalDate;
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

/**
 * A business day on a running stack: the scenario is played on {@code day} (the sandbox's
 * clock set to it), the clock returns to the present, the day's statement is run through
 * batch-jobs, and everything is judged against WeChat's truth. The demo and the
 * end-to-end test play the same day.
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

	/** Plays the day; {@code listener} hears the plan's driver, then the progress. */
	public Outcome play(ScenarioSettings settings, Consumer<ScenarioDriver> listener, Consumer<Progress> progress,
			Consumer<String> notes) {
		try (StateWatcher watcher = new StateWatcher(this.stack.kafka())) {
			this.clock.startDay(this.day, java.time.LocalTime.of(10, 0));
			ScenarioDriver driver = new ScenarioDriver(settings, new IntakeClient(this.stack.intakeUrl()),
					this.stack.sandbox().control(), watcher, progress);
			listener.accept(driver);
			DayResult result;
			try {
				result = driver.play();
			}
			finally {
				this.clock.returnToPresent();
			}
			notes.accept("Day played in " + result.duration().toSeconds() + " s. Running the statement of " + this.day
					+ "...");
			long started = System.nanoTime();
			int exit = Commands.statement(this.stack.wiring().properties(Service.BATCH, 0), settings.mchid(), this.day);
			DailyStatement statement = awaitStatement(watcher, DailyStatement.key(settings.mchid(), this.day),
					Duration.ofSeconds(30));
			Duration statementTime = Duration.ofNanos(System.nanoTime() - started);
			if (exit != 0) {
				notes.accept("The statement ended with exit code " + exit + " (see the log)");
			}
			DayVerdict verdict = DayVerdict.judge(result, watcher.anomalies(), statement, this.day);
			return new Outcome(verdict, exit, statementTime);
		}
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
	 * How the day ended.
	 *
	 * @param verdict what agrees and what does not
	 * @param statementExitCode batch-jobs' exit code for the statement
	 * @param statementTime how long the statement took
	 */
	public record Outcome(DayVerdict verdict, int statementExitCode, Duration statementTime) {

	}

}
