package io.paytally.schemas;

import java.time.Instant;
import java.util.List;

import io.paytally.schemas.OrderPaymentState.Refund;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderPaymentStateTest {

	@Test
	void createdOrderIsPendingAtVersionOneWithNothingPaidRefundedOrClosed() {
		Instant at = Instant.parse("2026-11-23T02:00:00.250Z");
		OrderEvent created = Samples.orderCreated();
		assertThat(OrderPaymentState.pending(created, at))
			.isEqualTo(new OrderPaymentState("1900000109", created.outTradeNo(), created.merchantOrderNo(),
					PaymentStatus.PENDING, 2599, "CNY", "Flat white, large", created.createdAt(), created.expireAt(),
					null, null, null, null, 0, List.of(), null, null, 0, 1, at));
		assertThat(OrderPaymentState.pending(created.mchid(), created.outTradeNo(), created.merchantOrderNo(), 2599,
				"CNY", "Flat white, large", created.createdAt(), created.expireAt()))
			.isEqualTo(OrderPaymentState.pending(created, created.createdAt()));
	}

	@Test
	void withMethodsChangeOnlyTheirFields() {
		OrderPaymentState expected = Samples.partiallyRefundedState();
		OrderPaymentState built = OrderPaymentState
			.pending(expected.mchid(), expected.outTradeNo(), expected.merchantOrderNo(), 2599, "CNY",
					"Flat white, large", expected.createdAt(), expected.expireAt())
			.withStatus(PaymentStatus.PARTIALLY_REFUNDED)
			.withPayment(expected.transactionId(), expected.paidAt(), 2599L, 2399L, NotificationSource.CALLBACK_V3)
			.withRefunds(1000, expected.refunds())
			.withClosed(expected.closedAt(), "expired")
			.withExpiryChecks(1)
			.withVersion(4, expected.updatedAt());
		assertThat(built).isEqualTo(expected);
		assertThat(built.refunds()).extracting(Refund::outRefundNo)
			.containsExactly("R20261123000001", "R20261123000002");
	}

}
