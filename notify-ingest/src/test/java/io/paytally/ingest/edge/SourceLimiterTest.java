package io.paytally.ingest.edge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.paytally.ingest.IngestProperties.SourceLimit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceLimiterTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));

	private final SourceLimiter limiter = new SourceLimiter(
			new SourceLimit(true, 3, Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofSeconds(1), 10, 1000),
			this.clock);

	@Test
	void limitsASourceAtTheThresholdWithinTheWindow() {
		assertThat(this.limiter.refused("203.0.113.7")).isFalse();
		assertThat(this.limiter.refused("203.0.113.7")).isFalse();
		assertThat(this.limiter.isLimited("203.0.113.7")).isFalse();

		assertThat(this.limiter.refused("203.0.113.7")).isTrue();

		assertThat(this.limiter.isLimited("203.0.113.7")).isTrue();
		assertThat(this.limiter.isLimited("198.51.100.1")).isFalse();
	}

	@Test
	void doesNotLimitRefusalsSpreadOverWindows() {
		this.limiter.refused("203.0.113.7");
		this.limiter.refused("203.0.113.7");
		this.clock.advance(Duration.ofSeconds(61));

		assertThat(this.limiter.refused("203.0.113.7")).isFalse();
		assertThat(this.limiter.refused("203.0.113.7")).isFalse();
		assertThat(this.limiter.isLimited("203.0.113.7")).isFalse();
	}

	@Test
	void holdsALimitedSourceThenReleasesIt() {
		limit("203.0.113.7");
		this.clock.advance(Duration.ofMinutes(10).minusMillis(1));
		assertThat(this.limiter.isLimited("203.0.113.7")).isTrue();

		this.clock.advance(Duration.ofMillis(1));

		assertThat(this.limiter.isLimited("203.0.113.7")).isFalse();
	}

	@Test
	void limitsAReleasedSourceAgainOnlyAfterAsManyRefusalsAgain() {
		limit("203.0.113.7");
		this.clock.advance(Duration.ofMinutes(10));

		assertThat(this.limiter.refused("203.0.113.7")).isFalse();
		assertThat(this.limiter.isLimited("203.0.113.7")).isFalse();
		this.limiter.refused("203.0.113.7");
		assertThat(this.limiter.refused("203.0.113.7")).isTrue();
		assertThat(this.limiter.isLimited("203.0.113.7")).isTrue();
	}

	@Test
	void doesNotExtendTheHoldWithRefusalsWhileLimited() {
		limit("203.0.113.7");
		this.clock.advance(Duration.ofMinutes(5));
		for (int i = 0; i < 5; i++) {
			assertThat(this.limiter.refused("203.0.113.7")).isFalse();
		}
		this.clock.advance(Duration.ofMinutes(5));

		assertThat(this.limiter.isLimited("203.0.113.7")).isFalse();
	}

	@Test
	void remembersAtMostTheConfiguredNumberOfSources() {
		SourceLimiter small = new SourceLimiter(
				new SourceLimit(true, 3, Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofSeconds(1), 10, 100),
				this.clock);
		for (int i = 0; i < 1000; i++) {
			small.refused("10.0." + (i / 256) + "." + (i % 256));
		}

		assertThat(small.sources()).isLessThanOrEqualTo(100 + 16);
	}

	private void limit(String source) {
		for (int i = 0; i < 3; i++) {
			this.limiter.refused(source);
		}
		assertThat(this.limiter.isLimited(source)).isTrue();
	}

	private static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
