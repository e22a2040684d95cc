package io.paytally.schemas;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.paytally.schemas.Samples.Sample;
import io.paytally.schemas.serde.JsonSerde;
import io.paytally.schemas.serde.Serdes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoundTripTest {

	static List<Sample> samples() {
		return Samples.all();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("samples")
	void roundTripsByteForByte(Sample sample) {
		JsonSerde<Object> serde = serdeOf(sample);

		byte[] written = serde.serialize(sample.topic().topicName(), sample.value());
		Object read = serde.deserialize(sample.topic().topicName(), written);
		byte[] rewritten = serde.serialize(sample.topic().topicName(), read);

		assertThat(read).isEqualTo(sample.value());
		assertThat(new String(rewritten, StandardCharsets.UTF_8))
			.isEqualTo(new String(written, StandardCharsets.UTF_8));
	}

	@Test
	void ignoresFieldsItDoesNotKnow() {
		String json = "{\"source\":\"ACTIVE_QUERY\",\"mchid\":\"1900000109\",\"out_trade_no\":\"P20261123000001\","
				+ "\"trade_state\":\"NOTPAY\",\"amount_total\":2599,\"received_at\":\"2026-11-23T02:03:18.412Z\","
				+ "\"field_from_the_future\":{\"nested\":[1,2]}}";

		PaymentNotification read = Serdes.paymentNotification()
			.deserialize("wxpay.payment-notifications", json.getBytes(StandardCharsets.UTF_8));

		assertThat(read).isEqualTo(Samples.notPaidQueryAnswer());
	}

	@Test
	void readsTimesWithAnOffsetAsTheSameInstant() {
		String json = "{\"mchid\":\"1900000109\",\"out_trade_no\":\"P1\",\"reason\":\"CANCELLED\",\"attempt\":1,"
				+ "\"requested_at\":\"2026-11-23T10:10:00+08:00\"}";

		ExpiryCheck read = Serdes.expiryCheck()
			.deserialize("orders.expiry-checks", json.getBytes(StandardCharsets.UTF_8));

		assertThat(read.requestedAt()).isEqualTo(Instant.parse("2026-11-23T02:10:00Z"));
	}

	@Test
	void keepsTombstonesNull() {
		assertThat(Serdes.orderPaymentState().serialize("orders.state", null)).isNull();
		assertThat(Serdes.orderPaymentState().deserialize("orders.state", null)).isNull();
	}

	@Test
	void refusesARecordWithoutARequiredField() {
		String json = "{\"source\":\"ACTIVE_QUERY\",\"out_trade_no\":\"P1\",\"trade_state\":\"NOTPAY\","
				+ "\"received_at\":\"2026-11-23T02:03:18Z\"}";

		assertThatThrownBy(() -> Serdes.paymentNotification()
			.deserialize("wxpay.payment-notifications", json.getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(SerializationException.class)
			.hasMessage("Cannot read PaymentNotification from wxpay.payment-notifications");
	}

	@SuppressWarnings("unchecked")
	static JsonSerde<Object> serdeOf(Sample sample) {
		return (JsonSerde<Object>) JsonSerde.of(sample.topic().valueType());
	}

}
