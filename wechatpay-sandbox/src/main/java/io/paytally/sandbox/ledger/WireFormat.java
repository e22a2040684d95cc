package io.paytally.sandbox.ledger;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * WeChat's JSON: the mapper (snake_case) and the transaction and refund bodies as WeChat
 * sends them in query replies and callbacks.
 */
public final class WireFormat {

	public static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(tools.jackson.databind.cfg.DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
		.build();

	private WireFormat() {
	}

	public static JsonMapper mapper() {
		return MAPPER;
	}

	public static String json(Object value) {
		return MAPPER.writeValueAsString(value);
	}

	public static String time(OffsetDateTime time) {
		return (time != null) ? time.withOffsetSameInstant(Ledger.BEIJING).format(RFC3339) : null;
	}

	/** The Transaction body of a query reply or a TRANSACTION.SUCCESS callback. */
	public static Map<String, Object> transaction(Order order) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (!order.isPaid()) {
			body.put("amount", Map.of("total", order.total(), "payer_currency", order.currency()));
			body.put("appid", order.appid());
			body.put("mchid", order.mchid());
			body.put("out_trade_no", order.outTradeNo());
			body.put("promotion_detail", List.of());
			body.put("scene_info", Map.of("device_id", ""));
			body.put("trade_state", order.state().name());
			body.put("trade_state_desc", order.state().description());
			return body;
		}
		body.put("appid", order.appid());
		body.put("mchid", order.mchid());
		body.put("out_trade_no", order.outTradeNo());
		body.put("transaction_id", order.transactionId());
		body.put("trade_type", order.tradeType());
		body.put("trade_state", order.state().name());
		body.put("trade_state_desc", order.state().description());
		body.put("bank_type", order.bankType());
		body.put("attach", (order.attach() != null) ? order.attach() : "");
		body.put("success_time", time(order.successTime()));
		body.put("payer", Map.of("openid", order.payerOpenid()));
		Map<String, Object> amount = new LinkedHashMap<>();
		amount.put("total", order.paidAmount());
		amount.put("payer_total", order.payerTotal());
		amount.put("currency", order.currency());
		amount.put("payer_currency", order.currency());
		body.put("amount", amount);
		body.put("scene_info", Map.of("device_id", ""));
		body.put("promotion_detail", promotionDetail(order));
		return body;
	}

	/**
	 * The coupon that paid part of an order, as WeChat lists it: a recharge coupon (CASH)
	 * is funded by the merchant, a non-recharge one (NOCASH) by WeChat's promotion.
	 */
	static List<Map<String, Object>> promotionDetail(Order order) {
		if (order.couponAmount() == 0) {
			return List.of();
		}
		boolean cash = Order.CASH.equals(order.couponType());
		Map<String, Object> coupon = new LinkedHashMap<>();
		coupon.put("coupon_id", "1" + order.transactionId().substring(order.transactionId().length() - 9));
		coupon.put("name", cash ? "商户充值代金券" : "微信支付立减");
		coupon.put("scope", "GLOBAL");
		coupon.put("type", order.couponType());
		coupon.put("amount", order.couponAmount());
		coupon.put("stock_id", cash ? "9865000" : "9866000");
		coupon.put("wechatpay_contribute", cash ? 0L : order.couponAmount());
		coupon.put("merchant_contribute", cash ? order.couponAmount() : 0L);
		coupon.put("other_contribute", 0L);
		coupon.put("currency", order.currency());
		return List.of(coupon);
	}

	/** The Refund body of a refund create/query reply. */
	public static Map<String, Object> refund(Refund refund, Order order) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("refund_id", refund.refundId());
		body.put("out_refund_no", refund.outRefundNo());
		body.put("transaction_id", refund.transactionId());
		body.put("out_trade_no", refund.outTradeNo());
		body.put("channel", "ORIGINAL");
		body.put("user_received_account", "支付用户零钱");
		if (refund.successTime() != null) {
			body.put("success_time", time(refund.successTime()));
		}
		body.put("create_time", time(refund.createdAt()));
		body.put("status", refund.status());
		body.put("funds_account", "AVAILABLE");
		Map<String, Object> amount = new LinkedHashMap<>();
		amount.put("total", refund.total());
		amount.put("refund", refund.amount());
		amount.put("from", List.of());
		amount.put("payer_total", order.payerTotal());
		amount.put("payer_refund", refund.payerRefund());
		amount.put("settlement_refund", refund.settlementRefund());
		amount.put("settlement_total", order.settlementTotal());
		amount.put("discount_refund", refund.couponRefund());
		amount.put("currency", order.currency());
		body.put("amount", amount);
		body.put("promotion_detail", List.of());
		return body;
	}

	/**
	 * The decrypted resource of a REFUND.* callback, for a refund of an order without
	 * coupon.
	 */
	public static Map<String, Object> refundNotification(Refund refund) {
		return refundNotification(refund, refund.total());
	}

	/**
	 * The decrypted resource of a REFUND.* callback ({@code payerTotal}: what the payer
	 * paid for the order, its coupon left out).
	 */
	public static Map<String, Object> refundNotification(Refund refund, long payerTotal) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("mchid", refund.mchid());
		body.put("out_trade_no", refund.outTradeNo());
		body.put("transaction_id", refund.transactionId());
		body.put("out_refund_no", refund.outRefundNo());
		body.put("refund_id", refund.refundId());
		body.put("refund_status", refund.status());
		if (refund.successTime() != null) {
			body.put("success_time", time(refund.successTime()));
		}
		body.put("user_received_account", "支付用户零钱");
		Map<String, Object> amount = new LinkedHashMap<>();
		amount.put("total", refund.total());
		amount.put("refund", refund.amount());
		amount.put("payer_total", payerTotal);
		amount.put("payer_refund", refund.payerRefund());
		body.put("amount", amount);
		return body;
	}

}
