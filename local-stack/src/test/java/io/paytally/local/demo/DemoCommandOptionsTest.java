package io.paytally.local.demo;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import io.paytally.local.scenario.Kind;
import io.paytally.local.scenario.ScenarioSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every option of {@code paytally demo} reaches the day it plays.
 */
class DemoCommandOptionsTest {

	@Test
	void readsEveryOptionToItsValue() {
		DemoCommand demo = parse("--orders", "250", "--seed=7", "--mix", "drop=10,duplicate=2.5", "--mix",
				"paid-after-close=1", "--data-dir", "/tmp/day", "--keep-running", "--settle-timeout", "PT90S");
		assertThat(demo.orders).isEqualTo(250);
		assertThat(demo.seed).isEqualTo(7L);
		assertThat(demo.mix).containsExactlyInAnyOrderEntriesOf(
				Map.of(Kind.DROPPED_CALLBACK, 10.0, Kind.DUPLICATE_CALLBACK, 2.5, Kind.PAID_AFTER_CLOSE, 1.0));
		assertThat(demo.dataDir()).isEqualTo(Path.of("/tmp/day"));
		assertThat(demo.keepRunning).isTrue();
		assertThat(demo.settleTimeout).isEqualTo(Duration.ofSeconds(90));
		ScenarioSettings settings = demo.settings();
		assertThat(settings.orders()).isEqualTo(250);
		assertThat(settings.seed()).isEqualTo(7L);
		assertThat(settings.percents()).containsEntry(Kind.DROPPED_CALLBACK, 10.0)
			.containsEntry(Kind.DUPLICATE_CALLBACK, 2.5)
			.containsEntry(Kind.PAID_AFTER_CLOSE, 1.0);
		assertThat(settings.settleTimeout()).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void withoutOptionsPlaysTheDefaultDay() {
		DemoCommand demo = parse();
		assertThat(demo.orders).isEqualTo(1000);
		assertThat(demo.seed).isEqualTo(42L);
		assertThat(demo.dataDir()).isEqualTo(Path.of("data"));
		assertThat(demo.keepRunning).isFalse();
		assertThat(demo.settleTimeout).isEqualTo(Duration.ofMinutes(4));
		assertThat(demo.settings().percents()).isEqualTo(ScenarioSettings.of("1900000001", 1000, 42).percents());
	}

	@Test
	void settleTimeoutTakesSpringsShortForm() {
		assertThat(parse("--settle-timeout", "90s").settleTimeout).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void refusesAnUnknownKindOrAPercentOutOfRangeNamingThem() {
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("--mix", "lost=3"))
			.withMessageContaining("--mix")
			.withMessageContaining("'lost' is not a kind of order; kinds: duplicate, drop, delay, forged, unpaid, "
					+ "refund, partial-refund, mismatch, paid-after-close, duplicate-payment");
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("--mix", "drop=120"))
			.withMessageContaining("--mix")
			.withMessageContaining("'120' is not between 0 and 100");
	}

	private static DemoCommand parse(String... args) {
		DemoCommand demo = new DemoCommand(new PrintStream(OutputStream.nullOutputStream()));
		new CommandLine(demo).parseArgs(args);
		return demo;
	}

}
