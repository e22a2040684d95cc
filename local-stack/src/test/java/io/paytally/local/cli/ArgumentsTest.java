package io.paytally.local.cli;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ArgumentsTest {

	@Test
	void readsOptionsFlagsAndSpringProperties() {
		Arguments args = Arguments.parse(
				new String[] { "demo", "--orders", "100", "--seed=7", "--keep-running", "--spring.kafka.client-id=x" },
				Set.of("keep-running"));
		assertThat(args.command()).isEqualTo("demo");
		assertThat(args.integer("orders", 1)).isEqualTo(100);
		assertThat(args.longValue("seed", 1)).isEqualTo(7);
		assertThat(args.flag("keep-running")).isTrue();
		assertThat(args.flag("force")).isFalse();
		assertThat(args.springProperties()).isEqualTo(Map.of("spring.kafka.client-id", "x"));
		args.rejectUnknown();
	}

	@Test
	void refusesOptionsNobodyReads() {
		Arguments args = Arguments.parse(new String[] { "stream", "--kafak", "h:9092" }, Set.of());
		args.string("kafka");
		assertThatExceptionOfType(UsageError.class).isThrownBy(args::rejectUnknown)
			.withMessage("Unknown option for stream: --kafak");
	}

	@Test
	void refusesAnOptionWithoutItsValue() {
		assertThatExceptionOfType(UsageError.class)
			.isThrownBy(() -> Arguments.parse(new String[] { "stream", "--kafka" }, Set.of()))
			.withMessage("--kafka needs a value");
		assertThatExceptionOfType(UsageError.class)
			.isThrownBy(
					() -> Arguments.parse(new String[] { "statement", "--date", "21.11.2026" }, Set.of()).date("date"))
			.withMessage("--date must be a date like 2026-11-21, was 21.11.2026");
	}

	@Test
	void withoutArgumentsAsksForHelp() {
		assertThat(Arguments.parse(new String[0], Set.of()).command()).isEqualTo("help");
	}

}
