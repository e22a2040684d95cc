package io.paytally.batch.request;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import io.paytally.batch.internal.Publisher;
import io.paytally.batch.schedule.DailyStatementRunner;
import io.paytally.batch.schedule.ExitCodes;
import io.paytally.schemas.StatementRun;
import io.paytally.schemas.StatementRunStatus;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs the requested statements one after the other on a thread of their own, through
 * {@link DailyStatementRunner} (the same launching as the command line: a failed or
 * stopped run is restarted where it stopped, a completed day is run again as the next
 * run), and publishes each request's status on {@code recon.statement-runs}. A bill that
 * is not ready is retried by itself, waiting {@code retry-interval}, then twice as long
 * each time up to {@code max-retry-interval}, until the waits add up to
 * {@code give-up-after}; then the request fails.
 */
final class StatementRequestRuns implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(StatementRequestRuns.class);

	private final DailyStatementRunner runner;

	private final Publisher publisher;

	private final StatementRequestSettings settings;

	private final Clock clock;

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	/** The next run of each merchant's day, by key: a newer request replaces it. */
	private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();

	StatementRequestRuns(DailyStatementRunner runner, Publisher publisher, StatementRequestSettings settings,
			Clock clock) {
		this.runner = runner;
		this.publisher = publisher;
		this.settings = settings;
		this.clock = clock;
		this.scheduler.setPoolSize(1);
		this.scheduler.setThreadNamePrefix("statement-request-");
		this.scheduler.setClock(clock);
		this.scheduler.initialize();
	}

	/**
	 * Takes a request: publishes it {@code QUEUED} and runs it after the runs before it.
	 * A request of a day that already waits for a retry replaces that retry.
	 */
	void submit(StatementRun request) {
		StatementRun queued = publish(
				request.with(StatementRunStatus.QUEUED, request.attempt(), null, null, this.clock.instant()));
		logger.info("Statement of {} for {} requested by {} ({}): queued", request.mchid(), request.billDate(),
				request.requestedBy(), request.requestId());
		schedule(queued, Duration.ZERO, Duration.ZERO);
	}

	private void schedule(StatementRun run, Duration wait, Duration waitedSoFar) {
		ScheduledFuture<?> next = this.scheduler.schedule(() -> attempt(run, waitedSoFar),
				this.clock.instant().plus(wait));
		ScheduledFuture<?> replaced = this.pending.put(run.key(), next);
		if (replaced != null && !replaced.isDone()) {
			replaced.cancel(false);
		}
	}

	private void attempt(StatementRun run, Duration waitedSoFar) {
		int attempt = run.attempt() + 1;
		StatementRun running = publish(run.with(StatementRunStatus.RUNNING, attempt, null, null, this.clock.instant()));
		logger.info("Statement of {} for {} ({}): attempt {} running", run.mchid(), run.billDate(), run.requestId(),
				attempt);
		try {
			JobExecution execution = this.runner.run(run.mchid(), run.billDate(), DailyStatementRunner.Mode.RUN);
			int exitCode = DailyStatementRunner.exitCode(execution);
			String reason = reason(execution);
			if (exitCode == ExitCodes.COMPLETED) {
				publish(running.with(StatementRunStatus.DONE, attempt, null, null, this.clock.instant()));
				logger.info("Statement of {} for {} ({}): done", run.mchid(), run.billDate(), run.requestId());
			}
			else if (exitCode == ExitCodes.BILL_NOT_READY) {
				retryOrGiveUp(running, attempt, waitedSoFar, reason);
			}
			else {
				publish(running.with(StatementRunStatus.FAILED, attempt, reason, null, this.clock.instant()));
				logger.warn("Statement of {} for {} ({}): failed: {}", run.mchid(), run.billDate(), run.requestId(),
						reason);
			}
		}
		catch (Exception ex) {
			String reason = ex.getClass().getSimpleName() + ": " + firstLine(ex.getMessage());
			publish(running.with(StatementRunStatus.FAILED, attempt, reason, null, this.clock.instant()));
			logger.error("Statement of {} for {} ({}) could not run", run.mchid(), run.billDate(), run.requestId(), ex);
		}
	}

	private void retryOrGiveUp(StatementRun running, int attempt, Duration waitedSoFar, String reason) {
		Duration wait = this.settings.waitAfter(attempt);
		Duration waited = waitedSoFar.plus(wait);
		Instant now = this.clock.instant();
		if (waited.compareTo(this.settings.giveUpAfter()) > 0) {
			String gaveUp = reason + " (still not ready after " + attempt + " attempts; gave up)";
			publish(running.with(StatementRunStatus.FAILED, attempt, gaveUp, null, now));
			logger.warn("Statement of {} for {} ({}): bill still not ready after {} attempts, giving up",
					running.mchid(), running.billDate(), running.requestId(), attempt);
			return;
		}
		StatementRun retrying = publish(
				running.with(StatementRunStatus.RETRYING, attempt, reason, now.plus(wait), now));
		logger.info("Statement of {} for {} ({}): bill not ready, retrying at {}", running.mchid(), running.billDate(),
				running.requestId(), retrying.nextAttemptAt());
		schedule(retrying, wait, waited);
	}

	private StatementRun publish(StatementRun run) {
		this.publisher.batch(Topic.STATEMENT_RUNS, Serdes.statementRun()).send(run.key(), run).await();
		return run;
	}

	/** The exit status and the first line of its description. */
	static String reason(JobExecution execution) {
		String code = execution.getExitStatus().getExitCode();
		String description = firstLine(execution.getExitStatus().getExitDescription());
		return description.isEmpty() ? code : code + ": " + description;
	}

	private static String firstLine(String text) {
		return (text == null) ? "" : text.lines().findFirst().orElse("").strip();
	}

	@Override
	public void close() {
		this.scheduler.shutdown();
	}

}
