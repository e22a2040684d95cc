package io.paytally.schemas.serde;

import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.ExpiryCheck;
import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.PaymentStats;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.StatementRun;
import io.paytally.schemas.UnknownNotification;

/**
 * The serde of every record that travels on a topic.
 */
public final class Serdes {

	private Serdes() {
	}

	public static JsonSerde<PaymentNotification> paymentNotification() {
		return JsonSerde.of(PaymentNotification.class);
	}

	public static JsonSerde<RefundNotification> refundNotification() {
		return JsonSerde.of(RefundNotification.class);
	}

	public static JsonSerde<UnknownNotification> unknownNotification() {
		return JsonSerde.of(UnknownNotification.class);
	}

	public static JsonSerde<OrderEvent> orderEvent() {
		return JsonSerde.of(OrderEvent.class);
	}

	public static JsonSerde<OrderPaymentState> orderPaymentState() {
		return JsonSerde.of(OrderPaymentState.class);
	}

	public static JsonSerde<PaymentAnomaly> paymentAnomaly() {
		return JsonSerde.of(PaymentAnomaly.class);
	}

	public static JsonSerde<ExpiryCheck> expiryCheck() {
		return JsonSerde.of(ExpiryCheck.class);
	}

	public static JsonSerde<PaymentStats> paymentStats() {
		return JsonSerde.of(PaymentStats.class);
	}

	public static JsonSerde<DailyStatement> dailyStatement() {
		return JsonSerde.of(DailyStatement.class);
	}

	public static JsonSerde<StatementRun> statementRun() {
		return JsonSerde.of(StatementRun.class);
	}

}
