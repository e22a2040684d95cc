package io.paytally.stream.intake.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStatus;
import io.paytally.stream.intake.prepay.TradeType;
import org.junit.jupiter.api.Test;

import static io.paytally.stream.intake.order.IntakeFixtures.CREATED_AT;
import static io.paytally.stream.intake.order.IntakeFixtures.EXPIRE_AT;
import static io.paytally.stream.intake.order.IntakeFixtures.MCHID;
import static io.paytally.stream.intake.order.IntakeFixtures.ORDER;
import static io.paytally.stream.intake.order.IntakeFixtures.checkingAttempt;
import static io.paytally.stream.intake.order.IntakeFixtures.closedAttempt;
import static io.paytally.stream.intake.order.IntakeFixtures.nativeOrder;
import static io.paytally.stream.intake.order.IntakeFixtures.paidAttempt;
import static io.paytally.stream.intake.order.IntakeFixtures.pendingAttempt;
import static io.paytally.stream.intake.order.IntakeFixtures.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MerchantOrderTest {

	private static final Duration PAYABLE = Duration.ofHours(2);

	private static final Instant NOW = CREATED_AT.plusMillis(600_250);

	@Test
	void createsAttemptOneForANewMerchantOrder() {
		Attempt attempt = merchantOrder().pay(nativeOrder(1250), NOW, PAYABLE, 20);

		Instant createdAt = Instant.parse("2026-11-23T04:10:00Z");
		assertThat(attempt).isEqualTo(new Attempt(1, ORDER + "-1", createdAt, createdAt.plus(PAYABLE), true));
	}

	@Test
	void takesTheRequestedExpiryForANewAttempt() {
		Instant timeExpire = Instant.parse("2026-11-24T00:00:00Z");
		PaymentOrder order = new PaymentOrder(MCHID, ORDER, 1250, "Demo A", TradeType.NATIVE, null, timeExpire);

		Attempt attempt = merchantOrder().pay(order, NOW, PAYABLE, 20);

		assertThat(attempt.expireAt()).isEqualTo(timeExpire);
	}

	@Test
	void repeatsThePendingAttemptWithItsOwnTimes() {
		Attempt attempt = merchantOrder(pendingAttempt(1)).pay(nativeOrder(1250), NOW, PAYABLE, 20);

		assertThat(attempt).isEqualTo(new Attempt(1, ORDER + "-1", CREATED_AT, EXPIRE_AT, false));
	}

	@Test
	void repeatsThePendingAttemptAfterTheMerchantOrderClosedBefore() {
		Attempt attempt = merchantOrder(closedAttempt(1), pendingAttempt(2)).pay(nativeOrder(1250), NOW, PAYABLE, 20);

		assertThat(attempt).isEqualTo(new Attempt(2, ORDER + "-2", CREATED_AT, EXPIRE_AT, false));
	}

	@Test
	void refusesAnotherAmountForTheSameMerchantOrder() {
		assertThatExceptionOfType(PaymentDataConflict.class)
			.isThrownBy(() -> merchantOrder(pendingAttempt(1)).pay(nativeOrder(999), NOW, PAYABLE, 20))
			.withMessage("merchant order ORDER20261123001 was already ordered with other data: "
					+ "payment order ORDER20261123001-1 has amount 1250 fen")
			.satisfies((ex) -> assertThat(ex.outTradeNo()).isEqualTo(ORDER + "-1"));
	}

	@Test
	void refusesAnotherDescriptionOrExpiry() {
		PaymentOrder otherDescription = new PaymentOrder(MCHID, ORDER, 1250, "Demo B", TradeType.NATIVE, null, null);
		PaymentOrder otherExpiry = new PaymentOrder(MCHID, ORDER, 1250, "Demo A", TradeType.NATIVE, null,
				EXPIRE_AT.plusSeconds(1));

		assertThatExceptionOfType(PaymentDataConflict.class)
			.isThrownBy(() -> merchantOrder(pendingAttempt(1)).pay(otherDescription, NOW, PAYABLE, 20))
			.withMessageContaining("description \"Demo A\"");
		assertThatExceptionOfType(PaymentDataConflict.class)
			.isThrownBy(() -> merchantOrder(pendingAttempt(1)).pay(otherExpiry, NOW, PAYABLE, 20))
			.withMessageContaining("time_expire 2026-11-23T06:00:00Z");
	}

	@Test
	void refusesAnotherAmountAfterAClosedAttemptToo() {
		assertThatExceptionOfType(PaymentDataConflict.class)
			.isThrownBy(() -> merchantOrder(closedAttempt(1)).pay(nativeOrder(999), NOW, PAYABLE, 20));
	}

	@Test
	void refusesAPaidMerchantOrder() {
		assertThatExceptionOfType(AlreadyPaid.class)
			.isThrownBy(() -> merchantOrder(paidAttempt(1)).pay(nativeOrder(1250), NOW, PAYABLE, 20))
			.withMessage("merchant order ORDER20261123001 is already paid (out_trade_no ORDER20261123001-1)");
	}

	@Test
	void refusesAMerchantOrderPaidOnAClosedAttemptOrRefunded() {
		assertThatExceptionOfType(AlreadyPaid.class)
			.isThrownBy(() -> merchantOrder(paidAttempt(1), closedAttempt(2)).pay(nativeOrder(1250), NOW, PAYABLE, 20));
		assertThatExceptionOfType(AlreadyPaid.class)
			.isThrownBy(() -> merchantOrder(state(1, PaymentStatus.REFUNDED)).pay(nativeOrder(1250), NOW, PAYABLE, 20));
		assertThatExceptionOfType(AlreadyPaid.class)
			.isThrownBy(() -> merchantOrder(state(1, PaymentStatus.PARTIALLY_REFUNDED)).pay(nativeOrder(1250), NOW,
					PAYABLE, 20));
	}

	@Test
	void refusesAMerchantOrderWithAPaymentUnderReview() {
		assertThatExceptionOfType(PaymentUnderReview.class).isThrownBy(
				() -> merchantOrder(state(1, PaymentStatus.AMOUNT_MISMATCH)).pay(nativeOrder(1250), NOW, PAYABLE, 20));
	}

	@Test
	void createsTheNextAttemptAfterAClosedOne() {
		Attempt attempt = merchantOrder(closedAttempt(1), closedAttempt(2)).pay(nativeOrder(1250), NOW, PAYABLE, 20);

		Instant createdAt = Instant.parse("2026-11-23T04:10:00Z");
		assertThat(attempt).isEqualTo(new Attempt(3, ORDER + "-3", createdAt, createdAt.plus(PAYABLE), true));
	}

	@Test
	void asksToRetryWhileTheCurrentAttemptIsBeingClosed() {
		assertThatExceptionOfType(AttemptClosing.class)
			.isThrownBy(() -> merchantOrder(checkingAttempt(1)).pay(nativeOrder(1250), NOW, PAYABLE, 20));
		assertThatExceptionOfType(AttemptClosing.class)
			.isThrownBy(() -> merchantOrder(pendingAttempt(1)).pay(nativeOrder(1250), EXPIRE_AT, PAYABLE, 20))
			.withMessageContaining("expired at 2026-11-23T06:00:00Z");
	}

	@Test
	void stopsAfterTheLastAllowedAttempt() {
		assertThatExceptionOfType(AttemptsExhausted.class).isThrownBy(
				() -> merchantOrder(closedAttempt(1), closedAttempt(2)).pay(nativeOrder(1250), NOW, PAYABLE, 2));
	}

	private static MerchantOrder merchantOrder(OrderPaymentState... attempts) {
		return new MerchantOrder(MCHID, ORDER, List.of(attempts));
	}

}
