package io.paytally.ingest.verification;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FieldsTest {

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-23T18:20:05+08:00", "2026-11-23T00:00:00+08:00", "2024-02-29T23:59:59-05:30",
			"2026-01-01T00:00:00+00:00", "2026-11-23T10:20:05Z", "2026-11-23T18:20:05.123+08:00" })
	void readsTimesAsTheFormatterDoes(String time) {
		assertThat(Fields.rfc3339(time)).isEqualTo(OffsetDateTime.parse(time).toInstant());
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-13-23T18:20:05+08:00", "2026-02-30T18:20:05+08:00", "2026-11-23T24:20:05+08:00",
			"2026-11-23T18:20:05+19:00", "2026-11-2xT18:20:05+08:00", "2026-11-23 18:20:05+08:00", "20261123182005",
			"2026-11-23T18:20:05+08:0x", "" })
	void refusesWhatIsNotATime(String time) {
		assertThatExceptionOfType(DateTimeException.class).isThrownBy(() -> Fields.rfc3339(time));
	}

	@Test
	void readsBeijingTimeAsTheInstantItNames() {
		assertThat(Fields.rfc3339("2026-11-23T18:20:05+08:00")).isEqualTo(Instant.parse("2026-11-23T10:20:05Z"));
	}

}
