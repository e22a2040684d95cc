package io.paytally.ingest.edge;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.paytally.ingest.IngestProperties.SourceLimit;

/**
 * Refusals counted per source in a bounded cache: a source with {@code maxRefusals}
 * refusals within a window is limited for the hold, then released (it must be refused as
 * many times again to be limited again). Being answered while limited is no refusal, so a
 * source that keeps calling is released all the same.
 */
final class SourceLimiter {

	private final Cache<String, Refusals> sources;

	private final Clock clock;

	private final int maxRefusals;

	private final long windowMillis;

	private final long holdMillis;

	SourceLimiter(SourceLimit settings, Clock clock) {
		this.clock = clock;
		this.maxRefusals = settings.maxRefusals();
		this.windowMillis = settings.window().toMillis();
		this.holdMillis = settings.hold().toMillis();
		Duration remembered = settings.window().plus(settings.hold());
		this.sources = Caffeine.newBuilder()
			.maximumSize(settings.maxSources())
			.expireAfterWrite(remembered)
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.build();
	}

	/** Whether the source's callbacks are to be answered 429 now. */
	boolean isLimited(String source) {
		Refusals refusals = this.sources.getIfPresent(source);
		return refusals != null && this.clock.millis() < refusals.limitedUntil();
	}

	/**
	 * Counts one refusal of the source.
	 * @return whether this refusal limited the source
	 */
	boolean refused(String source) {
		long now = this.clock.millis();
		Refusals counted = this.sources.asMap().compute(source, (key, refusals) -> {
			if (refusals == null || now - refusals.windowStart() >= this.windowMillis) {
				long limitedUntil = (refusals != null) ? refusals.limitedUntil() : Long.MIN_VALUE;
				return next(new Refusals(now, 0, limitedUntil, false), now);
			}
			return next(refusals, now);
		});
		return counted.limitedNow();
	}

	private Refusals next(Refusals refusals, long now) {
		int count = refusals.count() + 1;
		boolean limitNow = count == this.maxRefusals && now >= refusals.limitedUntil();
		long limitedUntil = limitNow ? now + this.holdMillis : refusals.limitedUntil();
		return new Refusals(refusals.windowStart(), count, limitedUntil, limitNow);
	}

	/**
	 * Sources remembered now, once the cache's pending evictions are done (an estimate,
	 * as the cache's).
	 */
	long sources() {
		this.sources.cleanUp();
		return this.sources.estimatedSize();
	}

	/**
	 * A source's refusals in its current window.
	 *
	 * @param windowStart when the window began (epoch millis)
	 * @param count refusals in it
	 * @param limitedUntil until when the source is limited
	 * @param limitedNow whether the last refusal limited it
	 */
	private record Refusals(long windowStart, int count, long limitedUntil, boolean limitedNow) {

	}

}
