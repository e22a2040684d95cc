package io.paytally.ingest.edge;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers held back: the request goes asynchronous, its thread returns to the server at
 * once, and one scheduler thread writes the answer after the delay. A flooding client's
 * connection waits instead of costing CPU. At most {@code maxHeld} answers are held at
 * once; beyond that the caller answers at once.
 */
final class Tarpit implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Tarpit.class);

	/** Beyond the delay, how long a held answer may wait for the scheduler. */
	private static final long TIMEOUT_MARGIN_MILLIS = 10_000;

	private final long delayMillis;

	private final int maxHeld;

	private final AtomicInteger held = new AtomicInteger();

	private final ScheduledExecutorService scheduler;

	Tarpit(Duration delay, int maxHeld) {
		this.delayMillis = delay.toMillis();
		this.maxHeld = maxHeld;
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "ingest-tarpit");
			thread.setDaemon(true);
			return thread;
		});
	}

	/** What is written once the delay is over. */
	@FunctionalInterface
	interface Answer {

		void write(HttpServletResponse response) throws IOException;

	}

	/**
	 * Holds the answer back for the delay.
	 * @return true if held (the answer will be written), false if the caller is to answer
	 * at once (no delay, as many held as allowed, or no asynchronous support)
	 */
	boolean hold(HttpServletRequest request, HttpServletResponse response, Answer answer) {
		if (this.delayMillis == 0 || !request.isAsyncSupported()) {
			return false;
		}
		if (this.held.incrementAndGet() > this.maxHeld) {
			this.held.decrementAndGet();
			return false;
		}
		AtomicBoolean finished = new AtomicBoolean();
		AsyncContext async = request.startAsync(request, response);
		async.setTimeout(this.delayMillis + TIMEOUT_MARGIN_MILLIS);
		async.addListener(new Release(finished));
		try {
			this.scheduler.schedule(() -> answer(async, response, answer, finished), this.delayMillis,
					TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// shutting down: no more waiting
			answer(async, response, answer, finished);
		}
		return true;
	}

	/** Answers held back now. */
	int held() {
		return this.held.get();
	}

	private void answer(AsyncContext async, HttpServletResponse response, Answer answer, AtomicBoolean finished) {
		if (!finished.compareAndSet(false, true)) {
			return;
		}
		this.held.decrementAndGet();
		try {
			answer.write(response);
		}
		catch (IOException ex) {
			log.debug("Could not write a held answer, the client has gone: {}", ex.getClass().getSimpleName());
		}
		finally {
			async.complete();
		}
	}

	/** Lets the held answers still scheduled be written, then stops. */
	@Override
	public void close() {
		this.scheduler.shutdown();
	}

	/** Counts a held answer as gone if the server ends it first (timeout, error). */
	private final class Release implements AsyncListener {

		private final AtomicBoolean finished;

		Release(AtomicBoolean finished) {
			this.finished = finished;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			release();
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			if (release()) {
				event.getAsyncContext().complete();
			}
		}

		@Override
		public void onError(AsyncEvent event) {
			release();
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			// started by hold() itself: nothing to do
		}

		private boolean release() {
			if (this.finished.compareAndSet(false, true)) {
				Tarpit.this.held.decrementAndGet();
				return true;
			}
			return false;
		}

	}

}
