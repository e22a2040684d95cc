package io.paytally.local.cli;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DurationConverterTest {

	private final DurationConverter converter = new DurationConverter();

	@Test
	void readsSpringsSimpleStyleAndIso8601() {
		assertThat(this.converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
		assertThat(this.converter.convert("PT90S")).isEqualTo(Duration.ofSeconds(90));
		assertThat(this.converter.convert("4m")).isEqualTo(Duration.ofMinutes(4));
		assertThat(this.converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void refusesANumberWithoutUnitSayingWhatToWrite() {
		assertThatExceptionOfType(TypeConversionException.class).isThrownBy(() -> this.converter.convert("90"))
			.withMessage("'90' has no unit: give a duration like 90s, 90m or PT90S");
	}

	@Test
	void refusesWhatIsNoDuration() {
		assertThatExceptionOfType(TypeConversionException.class).isThrownBy(() -> this.converter.convert("soon"))
			.withMessage("'soon' is not a duration like 90s, 4m or PT90S");
		assertThatExceptionOfType(TypeConversionException.class).isThrownBy(() -> this.converter.convert("-5s"))
			.withMessage("'-5s' is negative");
	}

}
