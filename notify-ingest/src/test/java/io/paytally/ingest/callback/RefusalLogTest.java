package io.paytally.ingest.callback;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import io.paytally.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalLogTest {

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger("test.refusals." + System.nanoTime());

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T05:00:00Z"));

	private final RefusalLog refusals = new RefusalLog(this.logger, this.clock, 2);

	@BeforeEach
	void attach() {
		this.logger.setLevel(Level.DEBUG);
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	@Test
	void logsAtWarnUpToTheBudgetPerReasonAndMinuteThenAtDebug() {
		for (int i = 0; i < 5; i++) {
			this.refusals.refused("signature_invalid", "Refused {}", i);
		}
		this.refusals.refused("malformed", "Refused malformed");

		assertThat(levels()).containsExactly(Level.WARN, Level.WARN, Level.DEBUG, Level.DEBUG, Level.DEBUG, Level.WARN);
	}

	@Test
	void tellsHowManyWereKeptToDebugOnTheNextMinutesFirstWarnLine() {
		for (int i = 0; i < 5; i++) {
			this.refusals.refused("signature_invalid", "Refused {}", i);
		}
		this.clock.advance(Duration.ofMinutes(1));

		this.refusals.refused("signature_invalid", "Refused {}", 5);
		this.refusals.refused("signature_invalid", "Refused {}", 6);

		List<ILoggingEvent> events = this.appender.list;
		assertThat(events.get(5).getLevel()).isEqualTo(Level.WARN);
		assertThat(events.get(5).getFormattedMessage())
			.isEqualTo("Refused 5 (3 more refusals of this reason logged at DEBUG in the minute before)");
		assertThat(events.get(6).getLevel()).isEqualTo(Level.WARN);
		assertThat(events.get(6).getFormattedMessage()).isEqualTo("Refused 6");
	}

	private List<Level> levels() {
		return this.appender.list.stream().map(ILoggingEvent::getLevel).toList();
	}

}
