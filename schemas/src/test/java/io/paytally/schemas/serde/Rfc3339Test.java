package io.paytally.schemas.serde;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import io.paytally.schemas.OrderEvent;

import static org.assertj.core.api.Assertions.assertThat;

class Rfc3339Test {

	static final List<Instant> INSTANTS = List.of(Instant.parse("2026-03-01T01:00:00Z"),
			Instant.parse("2026-03-01T01:00:00.100Z"), Instant.parse("2026-12-31T23:59:59.123456Z"),
			Instant.parse("2024-02-29T00:00:00.000000001Z"), Instant.parse("1970-01-01T00:00:00.120Z"),
			Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("+12026-01-01T00:00:00Z"),
			Instant.parse("1969-12-31T23:59:59.999999999Z"), Instant.ofEpochSecond(1_780_000_000L, 10_000));

	/** Jackson on its own, as paytally's mapper wrote instants before. */
	private static final JsonMapper JACKSON = JsonMapper.builder()
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.build();

	@Test
	void writesInstantsAsJacksonDoes() {
		for (Instant instant : INSTANTS) {
			assertThat(Rfc3339.format(instant)).isEqualTo(instant.toString());
			assertThat(Json.mapper().writeValueAsString(instant)).isEqualTo(JACKSON.writeValueAsString(instant));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-03-01T01:00:00Z", "2026-03-01T01:00:00.5Z", "2026-03-01T01:00:00.123456789Z",
			"2026-11-23T18:20:05+08:00", "2026-11-23T18:20:05.25+08:00", "2026-01-01T00:30:00-05:30",
			"2024-02-29T23:59:59Z", "1969-12-31T23:59:59.999Z", "0001-01-01T00:00:00+00:00" })
	void readsUsualFormsAsJavaTimeDoes(String text) {
		Instant expected = OffsetDateTime.parse(text).toInstant();
		assertThat(Rfc3339.parse(text)).isEqualTo(expected);
		char[] buffer = ("[\"" + text + "\"]").toCharArray();
		assertThat(Rfc3339.epochSecond(buffer, 2, text.length())).isEqualTo(expected.getEpochSecond());
		assertThat(Json.mapper().readValue("\"" + text + "\"", Instant.class)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-02-30T01:00:00Z", "2025-02-29T01:00:00Z", "2026-03-01T01:00:00.Z",
			"2026-03-01T24:00:00Z", "2026-03-01T01:60:00Z", "2026-03-01 01:00:00Z", "2026-03-01T01:00:00",
			"2026-03-01T01:00:00+0800", "2026-03-01T01:00:00+19:00", "2026-03-01T01:00:00.1234567890Z",
			"2026-3-01T01:00:00Z", "20260301T010000Z", "2026-03-01T01:00:00ZZ", "+12026-01-01T00:00:00Z" })
	void leavesAnythingElseToJavaTime(String text) {
		assertThat(Rfc3339.parse(text)).isNull();
		assertThat(Rfc3339.epochSecond(text.toCharArray(), 0, text.length())).isEqualTo(Rfc3339.UNUSUAL);
	}

	@Test
	void mapperStillReadsOtherFormsThroughJackson() {
		String json = "{\"type\":\"CREATED\",\"mchid\":\"1900000001\",\"out_trade_no\":\"PT1\","
				+ "\"merchant_order_no\":\"SO-1\",\"amount_total\":1250,\"currency\":\"CNY\","
				+ "\"created_at\":\"+12026-01-01T00:00:00Z\",\"expire_at\":\"2026-03-01T01:15:00.5Z\","
				+ "\"occurred_at\":1772326800.000001}";

		OrderEvent event = JsonSerde.of(OrderEvent.class).deserialize("t", json.getBytes(StandardCharsets.UTF_8));

		assertThat(event.createdAt()).isEqualTo(Instant.parse("+12026-01-01T00:00:00Z"));
		assertThat(event.expireAt()).isEqualTo(Instant.parse("2026-03-01T01:15:00.500Z"));
		assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1772326800L, 1000));
	}

}
