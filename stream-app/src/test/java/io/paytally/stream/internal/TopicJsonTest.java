package io.paytally.stream.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.TradeState;
import io.paytally.schemas.serde.JsonSerde;

import static org.assertj.core.api.Assertions.assertThat;

class TopicJsonTest {

	static final List<Instant> INSTANTS = List.of(Instant.parse("2026-03-01T01:00:00Z"),
			Instant.parse("2026-03-01T01:00:00.100Z"), Instant.parse("2026-12-31T23:59:59.123456Z"),
			Instant.parse("2024-02-29T00:00:00.000000001Z"), Instant.parse("1970-01-01T00:00:00.120Z"),
			Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("+12026-01-01T00:00:00Z"),
			Instant.parse("1969-12-31T23:59:59.999999999Z"), Instant.ofEpochSecond(1_780_000_000L, 10_000));

	@Test
	void writesInstantsAsJacksonDoes() {
		for (Instant instant : INSTANTS) {
			assertThat(TopicJson.format(instant)).isEqualTo(instant.toString());
			assertThat(TopicJson.mapper().writeValueAsString(instant))
				.isEqualTo(io.paytally.schemas.serde.Json.mapper().writeValueAsString(instant));
		}
	}

	@Test
	void writesTheSameBytesAsTheSchemasSerde() {
		for (Instant instant : INSTANTS) {
			OrderPaymentState state = new OrderPaymentState("1900000001", "PT1", "SO-1", PaymentStatus.PAID, 1250,
					"CNY", "订单 ☕", instant, instant.plusSeconds(900), "4200", instant, 1250L,
					NotificationSource.CALLBACK_V3, 0, List.of(), null, null, 0, 2, instant);
			assertThat(TopicJson.serde(OrderPaymentState.class).serializer().serialize("t", state))
				.isEqualTo(JsonSerde.of(OrderPaymentState.class).serialize("t", state));
		}
	}

	@Test
	void readsWhatTheSchemasSerdeWrites() {
		Serde<PaymentNotification> serde = TopicJson.serde(PaymentNotification.class);
		for (Instant instant : INSTANTS) {
			PaymentNotification payment = new PaymentNotification("EV-1", NotificationSource.CALLBACK_V3, "1900000001",
					"wx01", "PT1", "4200", TradeState.SUCCESS, "JSAPI", "OTHERS", 1250, 1250L, "CNY", instant, null,
					instant.plusMillis(1));
			byte[] json = JsonSerde.of(PaymentNotification.class).serialize("t", payment);
			assertThat(serde.deserializer().deserialize("t", json)).isEqualTo(payment);
		}
	}

	@Test
	void readsInstantsInOtherFormsAsJacksonDoes() {
		String json = "{\"type\":\"CREATED\",\"mchid\":\"1900000001\",\"out_trade_no\":\"PT1\","
				+ "\"merchant_order_no\":\"SO-1\",\"amount_total\":1250,\"currency\":\"CNY\","
				+ "\"created_at\":\"2026-03-01T09:00:00+08:00\",\"expire_at\":\"2026-03-01T01:15:00.5Z\","
				+ "\"occurred_at\":1772326800.000001}";
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

		OrderEvent fast = TopicJson.serde(OrderEvent.class).deserializer().deserialize("t", bytes);

		assertThat(fast).isEqualTo(JsonSerde.of(OrderEvent.class).deserialize("t", bytes));
		assertThat(fast.createdAt()).isEqualTo(Instant.parse("2026-03-01T01:00:00Z"));
	}

	@Test
	void leavesOddFormsToJackson() {
		assertThat(TopicJson.parse("2026-03-01T01:00:00Z")).isEqualTo(Instant.parse("2026-03-01T01:00:00Z"));
		assertThat(TopicJson.parse("2026-03-01T01:00:00.5Z")).isEqualTo(Instant.parse("2026-03-01T01:00:00.500Z"));
		assertThat(TopicJson.parse("2026-02-30T01:00:00Z")).isNull();
		assertThat(TopicJson.parse("2026-03-01T01:00:00.Z")).isNull();
		assertThat(TopicJson.parse("2026-03-01T24:00:00Z")).isNull();
		assertThat(TopicJson.parse("2026-03-01 01:00:00Z")).isNull();
		assertThat(TopicJson.parse("2026-03-01T01:00:00+08:00")).isNull();
	}

}
