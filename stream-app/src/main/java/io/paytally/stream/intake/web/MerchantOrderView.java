package io.paytally.stream.intake.web;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStatus;
import io.paytally.stream.intake.order.MerchantOrder;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The answer to {@code GET /payments/{merchantOrderNo}}: the payment orders of a merchant
 * order and their states.
 *
 * @param mchid the merchant id
 * @param merchantOrderNo the merchant's order number
 * @param paid whether one of its payment orders is paid
 * @param paymentOrders attempt 1 first
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record MerchantOrderView(String mchid, String merchantOrderNo, boolean paid, List<PaymentOrderView> paymentOrders) {

	static MerchantOrderView of(MerchantOrder merchantOrder) {
		List<PaymentOrderView> views = new java.util.ArrayList<>();
		int attempt = 1;
		for (OrderPaymentState state : merchantOrder.attempts()) {
			views.add(PaymentOrderView.of(attempt++, state));
		}
		boolean paid = merchantOrder.attempts().stream().anyMatch((s) -> MerchantOrder.isPaid(s.status()));
		return new MerchantOrderView(merchantOrder.mchid(), merchantOrder.merchantOrderNo(), paid, views);
	}

	/**
	 * One payment order.
	 *
	 * @param outTradeNo its number at WeChat
	 * @param attempt its attempt number
	 * @param status its payment state
	 * @param amount the order amount in fen
	 * @param description what is sold
	 * @param createdAt when it was created
	 * @param timeExpire when it stops being payable
	 * @param transactionId WeChat's order number, once paid
	 * @param paidAt when it was paid
	 * @param paidAmount what the payer paid in fen
	 * @param refundedAmount what was refunded in fen
	 * @param closedAt when it was closed
	 * @param closeReason why it was closed
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record PaymentOrderView(String outTradeNo, int attempt, PaymentStatus status, long amount, String description,
			Instant createdAt, Instant timeExpire, String transactionId, Instant paidAt, Long paidAmount,
			long refundedAmount, Instant closedAt, String closeReason) {

		static PaymentOrderView of(int attempt, OrderPaymentState state) {
			return new PaymentOrderView(state.outTradeNo(), attempt, state.status(), state.amountTotal(),
					state.description(), state.createdAt(), state.expireAt(), state.transactionId(), state.paidAt(),
					state.paidAmount(), state.refundedAmount(), state.closedAt(), state.closeReason());
		}

	}

}
