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
		amount.put("payer_total", order.paidAmount());
		amount.put("currency", order.currency());
		amount.put("payer_currency", order.currency());
		body.put("amount", amount);
		body.put("scene_info", Map.of("device_id", ""));
		body.put("promotion_detail", List.of());
		return body;
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
		amount.put("payer_total", refund.total());
		amount.put("payer_refund", refund.amount());
		amount.put("settlement_refund", refund.amount());
		amount.put("settlement_total", refund.total());
		amount.put("discount_refund", 0);
		amount.put("currency", order.currency());
		body.put("amount", amount);
		body.put("promotion_detail", List.of());
		return body;
	}

	/** The decrypted resource of a REFUND.* callback. */
	public static Map<String, Object> refundNotification(Refund refund) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("mchid", refund.mchid());
		body.put("out_trade_no", refund.outTradeNo());
		body.put("transaction_id", refund.transactionId());
		body.put("out_refund_no", refund.outRefundNo());
		body.put("refund_id", refund.refundId());
		body.put("refund_status", refund.status());
		body.put("success_time", time(refund.successTime()));
		body.put("user_received_account", "支付用户零钱");
		Map<String, Object> amount = new LinkedHashMap<>();
		amount.put("total", refund.total());
		amount.put("refund", refund.amount());
		amount.put("payer_total", refund.total());
		amount.put("payer_refund", refund.amount());
		body.put("amount", amount);
		return body;
	}

}
