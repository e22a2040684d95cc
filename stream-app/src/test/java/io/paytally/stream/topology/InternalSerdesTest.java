package io.paytally.stream.topology;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import io.paytally.schemas.ExpiryCheck;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.OrderPaymentState.Refund;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.RefundStatus;
import io.paytally.schemas.TradeState;
import io.paytally.schemas.serde.JsonSerde;
import io.paytally.stream.internal.CompactSerde;
import io.paytally.stream.payment.OrderPayment;
import io.paytally.stream.stats.StatsDelta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class InternalSerdesTest {

	static final Instant T = Instant.parse("2026-03-01T01:00:00.123456789Z");

	@Test
	void roundTripsAnOrderWithEveryFieldSet() {
		OrderPayment order = new OrderPayment(refundedState(), List.of(payment("EV-1"), payment("EV-2")),
				List.of(refund("R1")), T, T.plusSeconds(900), ExpiryCheck.Reason.CANCELLED, 3, true);

		assertThat(roundTrip(InternalSerdes.orderPayment(), order)).isEqualTo(order);
	}

	@Test
	void roundTripsThePayersPartsOfACouponPayment() {
		OrderPaymentState s = refundedState();
		OrderPaymentState coupon = new OrderPaymentState(s.mchid(), s.outTradeNo(), s.merchantOrderNo(), s.status(),
				s.amountTotal(), s.currency(), s.description(), s.createdAt(), s.expireAt(), s.transactionId(),
				s.paidAt(), s.paidAmount(), s.paidSource(), s.refundedAmount(),
				List.of(new Refund("R1", "503R1", 250, RefundStatus.SUCCESS, T.plusSeconds(120), 210L),
						new Refund("R2", null, 100, RefundStatus.PROCESSING, null)),
				s.closedAt(), s.closeReason(), s.expiryChecks(), s.version(), s.updatedAt(), 1050L);
		OrderPayment order = new OrderPayment(coupon, List.of(), List.of(), null, null, null, 0, false);

		assertThat(roundTrip(InternalSerdes.orderPayment(), order)).isEqualTo(order);
	}

	@Test
	void readsAnOrderWrittenBeforeThePayersPartsWithoutThem() {
		OrderPayment order = new OrderPayment(refundedState(), List.of(), List.of(), null, null, null, 0, false);
		byte[] current = InternalSerdes.orderPayment().serialize("t", order);
		// the first format ended with the unknown-order flag: the payer's parts (a null
		// payer total, the refund count and two null payer refunds) are the last 4 bytes
		byte[] before = Arrays.copyOf(current, current.length - 4);

		assertThat(InternalSerdes.orderPayment().deserialize("t", before)).isEqualTo(order);
	}

	@Test
	void roundTripsAnUnknownOrderAndNullFields() {
		OrderPaymentState pending = new OrderPaymentState("1900000001", "PT1", null, PaymentStatus.PENDING, -5, null,
				null, null, null, null, null, null, null, 0, List.of(), null, null, 0, 1, null);
		PaymentNotification sparse = new PaymentNotification(null, NotificationSource.ACTIVE_QUERY, "1900000001", null,
				"PT1", null, TradeState.NOTPAY, null, null, 0, null, null, null, null, T);

		assertThat(roundTrip(InternalSerdes.orderPayment(), OrderPayment.unknown())).isEqualTo(OrderPayment.unknown());
		OrderPayment held = new OrderPayment(null, List.of(sparse), List.of(), T, null, null, 0, false);
		assertThat(roundTrip(InternalSerdes.orderPayment(), held)).isEqualTo(held);
		OrderPayment known = new OrderPayment(pending, List.of(), List.of(), null, null, null, 0, false);
		assertThat(roundTrip(InternalSerdes.orderPayment(), known)).isEqualTo(known);
	}

	@Test
	void roundTripsTheRepartitionedRecords() {
		StatsDelta delta = new StatsDelta("1900000001", 1, 2, 3, 4, 5_000_000_000L, 6, 7, Long.MAX_VALUE);
		PaidOrder paid = new PaidOrder("1900000001", "SO-商户-1", "PT1", 1250, T);

		assertThat(roundTrip(InternalSerdes.statsDelta(), delta)).isEqualTo(delta);
		assertThat(roundTrip(InternalSerdes.paidOrder(), paid)).isEqualTo(paid);
		assertThat(roundTrip(InternalSerdes.refundNotification(), refund("R9"))).isEqualTo(refund("R9"));
		AttemptFact fact = new AttemptFact("1900000001", "SO-商户-1", "SO-商户-1-2", AttemptFact.Kind.PAID_AFTER_CLOSE);
		assertThat(roundTrip(InternalSerdes.attemptFact(), fact)).isEqualTo(fact);
		PaidOrder retired = new PaidOrder("1900000001", "SO-商户-1", "PT1", 1250, T, true);
		assertThat(roundTrip(InternalSerdes.paidOrder(), retired)).isEqualTo(retired);
		AttemptFact retiredFact = new AttemptFact("1900000001", "SO-商户-1", "SO-商户-1-2", AttemptFact.Kind.RETIRED);
		assertThat(roundTrip(InternalSerdes.attemptFact(), retiredFact)).isEqualTo(retiredFact);
	}

	@Test
	void readsAPaidOrderOfTheFormatBeforeRetirementAsNotRetired() {
		PaidOrder paid = new PaidOrder("1900000001", "SO-1", "PT1", 1250, T);
		byte[] bytes = InternalSerdes.paidOrder().serialize("t", paid);
		// the first format ended after paidAt: without the retired flag's byte
		byte[] firstFormat = Arrays.copyOf(bytes, bytes.length - 1);

		assertThat(InternalSerdes.paidOrder().deserialize("t", firstFormat)).isEqualTo(paid);
	}

	@Test
	void readsTheAttemptNumberTheIntakePutAfterTheLastSeparator() {
		assertThat(AttemptFact.attemptNumber("SO-7-2")).isEqualTo(2);
		assertThat(AttemptFact.attemptNumber("ABCDEFGHIJKLMNOPQRSTUVWXYZ*12")).isEqualTo(12);
		assertThat(AttemptFact.attemptNumber("ORDER-2026")).isZero();
		assertThat(AttemptFact.attemptNumber("ORDER2026")).isZero();
		assertThat(AttemptFact.attemptNumber("ORDER-")).isZero();
	}

	@Test
	void readsTheJsonTheseTopicsAndStoresHeldBefore() {
		OrderPayment order = new OrderPayment(refundedState(), List.of(payment("EV-1")), List.of(refund("R1")), T,
				T.plusSeconds(900), ExpiryCheck.Reason.EXPIRED, 1, false);
		StatsDelta delta = new StatsDelta("1900000001", 1, 0, 0, 0, 1250, 0, 0, 0);

		byte[] json = JsonSerde.of(OrderPayment.class).serialize("t", order);
		assertThat(InternalSerdes.orderPayment().deserialize("t", json)).isEqualTo(order);
		assertThat(InternalSerdes.statsDelta().deserialize("t", JsonSerde.of(StatsDelta.class).serialize("t", delta)))
			.isEqualTo(delta);
	}

	@Test
	void refusesWhatItCannotRead() {
		CompactSerde<StatsDelta> serde = InternalSerdes.statsDelta();
		byte[] whole = serde.serialize("t", new StatsDelta("1900000001", 1, 0, 0, 0, 1250, 0, 0, 0));
		byte[] truncated = Arrays.copyOf(whole, whole.length - 1);

		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> serde.deserialize("t", truncated));
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> serde.deserialize("t", "x".getBytes(StandardCharsets.UTF_8)));
		assertThat(serde.serialize("t", null)).isNull();
		assertThat(serde.deserialize("t", null)).isNull();
	}

	static <T> T roundTrip(CompactSerde<T> serde, T value) {
		return serde.deserialize("t", serde.serialize("t", value));
	}

	static OrderPaymentState refundedState() {
		return new OrderPaymentState("1900000001", "PT1900000001A0001", "SO-0001", PaymentStatus.PARTIALLY_REFUNDED,
				1250, "CNY", "Démo ☕ 订单", T, T.plusSeconds(900), "4200000000202603010000000001", T.plusSeconds(60),
				1250L, NotificationSource.CALLBACK_V3, 250,
				List.of(new Refund("R1", "503R1", 250, RefundStatus.SUCCESS, T.plusSeconds(120)),
						new Refund("R2", null, 100, RefundStatus.PROCESSING, null)),
				T.plusSeconds(3), "expired", 2, 7, T.plusSeconds(121));
	}

	static PaymentNotification payment(String id) {
		return new PaymentNotification(id, NotificationSource.CALLBACK_V3, "1900000001", "wx0000000000demo01",
				"PT1900000001A0001", "4200000000202603010000000001", TradeState.SUCCESS, "JSAPI", "OTHERS", 1250, 1250L,
				"CNY", T, "attach", T.plusMillis(5));
	}

	static RefundNotification refund(String outRefundNo) {
		return new RefundNotification("EV-" + outRefundNo, NotificationSource.CALLBACK_V3, "1900000001",
				"PT1900000001A0001", "4200000000202603010000000001", outRefundNo, "503" + outRefundNo,
				RefundStatus.SUCCESS, 1250, 250, 1250L, 250L, T, T.plusSeconds(1));
	}

}
