package io.paytally.batch.support;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import io.paytally.batch.internal.Beijing;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.RefundStatus;

/**
 * Order states as the stream would write them to {@code orders.state}.
 */
public final class States {

	private States() {
	}

	public static OrderPaymentState paidOrder(String mchid, String outTradeNo, String merchantOrderNo, long fen,
			LocalDateTime paidAt, OrderPaymentState.Refund... refunds) {
		Instant paid = Beijing.instant(paidAt);
		long refunded = 0;
		for (OrderPaymentState.Refund refund : refunds) {
			refunded += refund.amount();
		}
		PaymentStatus status = (refunded == 0) ? PaymentStatus.PAID
				: (refunded < fen) ? PaymentStatus.PARTIALLY_REFUNDED : PaymentStatus.REFUNDED;
		return OrderPaymentState
			.pending(mchid, outTradeNo, merchantOrderNo, fen, "CNY", "Goods", paid.minusSeconds(60),
					paid.plusSeconds(3600))
			.withStatus(status)
			.withPayment(BillFixture.transactionId(outTradeNo), paid, fen, NotificationSource.CALLBACK_V3)
			.withRefunds(refunded, List.of(refunds))
			.withVersion(2, paid);
	}

	public static OrderPaymentState pendingOrder(String mchid, String outTradeNo, long fen, LocalDateTime createdAt) {
		Instant created = Beijing.instant(createdAt);
		return OrderPaymentState.pending(mchid, outTradeNo, outTradeNo, fen, "CNY", "Goods", created,
				created.plusSeconds(3600));
	}

	public static OrderPaymentState closedOrder(String mchid, String outTradeNo, long fen, LocalDateTime createdAt) {
		Instant created = Beijing.instant(createdAt);
		return OrderPaymentState
			.pending(mchid, outTradeNo, outTradeNo, fen, "CNY", "Goods", created, created.plusSeconds(3600))
			.withStatus(PaymentStatus.CLOSED)
			.withClosed(created.plusSeconds(3700), "expired")
			.withExpiryChecks(1)
			.withVersion(3, created.plusSeconds(3700));
	}

	public static OrderPaymentState.Refund refund(String outRefundNo, long fen, LocalDateTime at) {
		return new OrderPaymentState.Refund(outRefundNo, "5030" + outRefundNo, fen, RefundStatus.SUCCESS,
				Beijing.instant(at));
	}

}
