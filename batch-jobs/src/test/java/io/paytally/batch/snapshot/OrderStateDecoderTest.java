package io.paytally.batch.snapshot;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.RefundStatus;
import io.paytally.schemas.serde.JsonSerde;
import io.paytally.schemas.serde.Serdes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class OrderStateDecoderTest {

	private final JsonSerde<OrderPaymentState> serde = Serdes.orderPaymentState();

	private final OrderStateDecoder decoder = new OrderStateDecoder();

	@Test
	void readsAPaidOrderWithRefundsAsTheSerdeDoes() {
		OrderPaymentState state = refundedOrder();
		OrderStateRow row = this.decoder.decode(this.serde.serialize("orders.state", state));
		assertThat(columns(row)).isEqualTo(columns(OrderStateRow.of(state)));
		assertThat(columns(row)).containsExactly("1900000001", "P1", "M1", "PARTIALLY_REFUNDED", 1250L, 1250L,
				"4200000001", LocalDateTime.of(2026, 11, 21, 0, 0, 5), "CALLBACK_V3", 500L, null, 4L,
				LocalDateTime.of(2026, 11, 21, 9, 30, 0),
				List.of(List.of("R1", "5030R1", 300L, "SUCCESS", LocalDateTime.of(2026, 11, 21, 9, 30, 0)),
						Arrays.asList("R2", null, 200L, "PROCESSING", null)));
	}

	@Test
	void readsAPendingOrderWithoutItsAbsentFields() {
		Instant created = Instant.parse("2026-11-20T15:59:59Z");
		OrderPaymentState state = new OrderPaymentState("1900000001", "P2", null, PaymentStatus.PENDING, 800, "CNY",
				null, created, created.plusSeconds(3600), null, null, null, null, 0, List.of(), null, null, 0, 1,
				created);
		OrderStateRow row = this.decoder.decode(this.serde.serialize("orders.state", state));
		assertThat(columns(row)).containsExactly("1900000001", "P2", null, "PENDING", 800L, null, null, null, null, 0L,
				null, 1L, LocalDateTime.of(2026, 11, 20, 23, 59, 59), List.of());
	}

	@Test
	void dropsFractionsOfSecondsAsTheTablesDo() {
		String json = "{\"mchid\":\"1900000001\",\"out_trade_no\":\"P3\",\"status\":\"CLOSED\",\"amount_total\":5,"
				+ "\"closed_at\":\"2026-11-21T01:02:03.987654321Z\",\"refunded_amount\":0,\"expiry_checks\":1,\"version\":3,"
				+ "\"updated_at\":\"2026-11-21T01:02:03.5Z\"}";
		OrderStateRow row = decode(json);
		assertThat(OrderStateRow.local(row.closedAt)).isEqualTo(LocalDateTime.of(2026, 11, 21, 9, 2, 3));
		assertThat(OrderStateRow.local(row.updatedAt)).isEqualTo(LocalDateTime.of(2026, 11, 21, 9, 2, 3));
	}

	@Test
	void leavesWhatItDoesNotExpectToTheSerde() {
		String json = "{\"mchid\":\"1900000001\",\"out_trade_no\":\"P4\",\"status\":\"PAID\",\"amount_total\":5,"
				+ "\"paid_at\":\"2026-11-21T08:00:00+08:00\",\"refunded_amount\":0,\"expiry_checks\":0,\"version\":2,"
				+ "\"something_new\":{\"a\":[1,2]},\"updated_at\":\"2026-11-21T00:00:00Z\"}";
		OrderStateRow row = decode(json);
		assertThat(columns(row))
			.isEqualTo(columns(OrderStateRow.of(this.serde.deserialize("orders.state", bytes(json)))));
		assertThat(OrderStateRow.local(row.paidAt)).isEqualTo(LocalDateTime.of(2026, 11, 21, 8, 0, 0));
	}

	@Test
	void failsOnWhatTheSerdeFailsOn() {
		assertThatException().isThrownBy(() -> decode(
				"{\"mchid\":\"1900000001\",\"out_trade_no\":\"P5\",\"status\":\"NO_SUCH_STATE\",\"amount_total\":5}"));
		assertThatException().isThrownBy(() -> decode("{\"mchid\":\"1900000001\",\"amount_total\":5}"));
		assertThatException().isThrownBy(() -> decode("{\"mchid\":\"1900000001\",\"out_trade_no\":\"P6\","
				+ "\"status\":\"PAID\",\"amount_total\":5,\"refunded_amount\":0,\"version\":2}"));
	}

	private OrderStateRow decode(String json) {
		return this.decoder.decode(bytes(json));
	}

	private static byte[] bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

	private static OrderPaymentState refundedOrder() {
		Instant paid = Instant.parse("2026-11-20T16:00:05Z");
		Instant refunded = Instant.parse("2026-11-21T01:30:00Z");
		return new OrderPaymentState("1900000001", "P1", "M1", PaymentStatus.PARTIALLY_REFUNDED, 1250, "CNY", "Goods",
				paid.minusSeconds(60), paid.plusSeconds(3600), "4200000001", paid, 1250L,
				NotificationSource.CALLBACK_V3, 500,
				List.of(new OrderPaymentState.Refund("R1", null, 300, RefundStatus.PROCESSING, null),
						new OrderPaymentState.Refund("R2", null, 200, RefundStatus.PROCESSING, null),
						new OrderPaymentState.Refund("R1", "5030R1", 300, RefundStatus.SUCCESS, refunded)),
				null, null, 0, 4, refunded);
	}

	private static List<Object> columns(OrderStateRow row) {
		List<Object> refunds = new ArrayList<>();
		for (OrderStateRow.Refund r : row.refunds()) {
			refunds.add(Arrays.asList(r.outRefundNo(), r.refundId(), r.amount(), r.status(), r.successTimeLocal()));
		}
		return Arrays.asList(row.mchid, row.outTradeNo, row.merchantOrderNo, row.status, row.amountTotal,
				row.paidAmount, row.transactionId, OrderStateRow.local(row.paidAt), row.paidSource, row.refundedAmount,
				OrderStateRow.local(row.closedAt), row.version, OrderStateRow.local(row.updatedAt), refunds);
	}

}
