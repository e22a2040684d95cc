package io.paytally.stream.intake.order;

import java.time.Instant;

import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStatus;
import io.paytally.stream.intake.prepay.TradeType;

/**
 * Payment states by name, for the intake's tests.
 */
final class IntakeFixtures {

	static final String MCHID = "1900000001";

	static final String ORDER = "ORDER20261123001";

	static final Instant CREATED_AT = Instant.parse("2026-11-23T04:00:00Z");

	static final Instant EXPIRE_AT = Instant.parse("2026-11-23T06:00:00Z");

	private IntakeFixtures() {
	}

	static PaymentOrder nativeOrder(long amount) {
		return new PaymentOrder(MCHID, ORDER, amount, "Demo A", TradeType.NATIVE, null, null);
	}

	static OrderPaymentState pendingAttempt(int attempt) {
		return state(attempt, PaymentStatus.PENDING);
	}

	static OrderPaymentState checkingAttempt(int attempt) {
		return state(attempt, PaymentStatus.CHECKING);
	}

	static OrderPaymentState closedAttempt(int attempt) {
		OrderPaymentState s = state(attempt, PaymentStatus.CLOSED);
		return s.withClosed(EXPIRE_AT.plusSeconds(60), "EXPIRED")
			.withExpiryChecks(1)
			.withVersion(3, EXPIRE_AT.plusSeconds(60));
	}

	static OrderPaymentState paidAttempt(int attempt) {
		OrderPaymentState s = state(attempt, PaymentStatus.PAID);
		return s
			.withPayment("4200000000202611230000000001", CREATED_AT.plusSeconds(30), 1250L,
					NotificationSource.CALLBACK_V3)
			.withVersion(2, CREATED_AT.plusSeconds(31));
	}

	static OrderPaymentState state(int attempt, PaymentStatus status) {
		return OrderPaymentState
			.pending(MCHID, OutTradeNos.of(MCHID, ORDER, attempt), ORDER, 1250, "CNY", "Demo A", CREATED_AT, EXPIRE_AT)
			.withStatus(status);
	}

}
