package io.paytally.batch.snapshot;

import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.RefundStatus;
import io.paytally.schemas.serde.Json;
import io.paytally.schemas.serde.Rfc3339;
import io.paytally.schemas.serde.JsonSerde;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads the columns the snapshot keeps from an {@code orders.state} record value with a
 * streaming parser, skipping the fields it does not keep and reading RFC 3339 instants
 * without a formatter. A value it does not expect (a time with an offset, say) is read by
 * the schema's serde instead, so that both give the same row.
 */
final class OrderStateDecoder {

	private static final String TOPIC = Topic.ORDER_STATE.topicName();

	private final JsonSerde<OrderPaymentState> serde = Serdes.orderPaymentState();

	/**
	 * Decodes a record value.
	 * @param value the JSON of an {@code OrderPaymentState}
	 * @return its row
	 */
	OrderStateRow decode(byte[] value) {
		try {
			return fast(value);
		}
		catch (RuntimeException ex) {
			// Unexpected, an unknown enum name, an impossible date, a number too large:
			// the serde reads it (or fails as it always did)
			return OrderStateRow.of(this.serde.deserialize(TOPIC, value));
		}
	}

	/**
	 * The row.
	 * @throws Unexpected when the value holds something this parser does not expect
	 */
	private static OrderStateRow fast(byte[] value) {
		try (JsonParser parser = Json.mapper().createParser(value)) {
			expect(parser.nextToken() == JsonToken.START_OBJECT);
			OrderStateRow row = new OrderStateRow();
			// the serde fails without these (primitives of the record)
			int primitives = 0;
			String name;
			while ((name = parser.nextName()) != null) {
				JsonToken token = parser.nextToken();
				switch (name) {
					case "mchid" -> row.mchid = string(parser, token);
					case "out_trade_no" -> row.outTradeNo = string(parser, token);
					case "merchant_order_no" -> row.merchantOrderNo = string(parser, token);
					case "status" -> row.status = PaymentStatus.valueOf(string(parser, token)).name();
					case "amount_total" -> {
						row.amountTotal = number(parser, token);
						primitives |= 1;
					}
					case "paid_amount" ->
						row.paidAmount = (token != JsonToken.VALUE_NULL) ? number(parser, token) : null;
					case "transaction_id" -> row.transactionId = string(parser, token);
					case "paid_at" -> row.paidAt = time(parser, token);
					case "paid_source" -> {
						String source = string(parser, token);
						row.paidSource = (source != null) ? NotificationSource.valueOf(source).name() : null;
					}
					case "refunded_amount" -> {
						row.refundedAmount = number(parser, token);
						primitives |= 2;
					}
					case "expiry_checks" -> {
						number(parser, token);
						primitives |= 4;
					}
					case "closed_at" -> row.closedAt = time(parser, token);
					case "version" -> {
						row.version = number(parser, token);
						primitives |= 8;
					}
					case "updated_at" -> row.updatedAt = time(parser, token);
					case "refunds" -> refunds(parser, token, row);
					default -> parser.skipChildren();
				}
			}
			expect(parser.currentToken() == JsonToken.END_OBJECT && parser.nextToken() == null);
			expect(row.mchid != null && row.outTradeNo != null && row.status != null && primitives == 15);
			return row.stampClosedRefunds(null);
		}
	}

	private static void refunds(JsonParser parser, JsonToken token, OrderStateRow row) {
		if (token == JsonToken.VALUE_NULL) {
			return;
		}
		expect(token == JsonToken.START_ARRAY);
		while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
			expect(token == JsonToken.START_OBJECT);
			String outRefundNo = null;
			String refundId = null;
			long amount = 0;
			boolean amountSeen = false;
			String status = null;
			long successTime = OrderStateRow.NO_TIME;
			String name;
			while ((name = parser.nextName()) != null) {
				JsonToken value = parser.nextToken();
				switch (name) {
					case "out_refund_no" -> outRefundNo = string(parser, value);
					case "refund_id" -> refundId = string(parser, value);
					case "amount" -> {
						amount = number(parser, value);
						amountSeen = true;
					}
					case "status" -> {
						String refundStatus = string(parser, value);
						status = (refundStatus != null) ? RefundStatus.valueOf(refundStatus).name() : null;
					}
					case "success_time" -> successTime = time(parser, value);
					default -> parser.skipChildren();
				}
			}
			expect(amountSeen);
			row.addRefund(new OrderStateRow.Refund(outRefundNo, refundId, amount, status, successTime));
		}
	}

	/** A string or null. */
	private static String string(JsonParser parser, JsonToken token) {
		if (token == JsonToken.VALUE_NULL) {
			return null;
		}
		expect(token == JsonToken.VALUE_STRING);
		return parser.getString();
	}

	/** A whole number (null is not one). */
	private static long number(JsonParser parser, JsonToken token) {
		expect(token == JsonToken.VALUE_NUMBER_INT);
		return parser.getLongValue();
	}

	private static void expect(boolean condition) {
		if (!condition) {
			throw Unexpected.INSTANCE;
		}
	}

	/**
	 * An instant in a usual RFC 3339 form ({@link Rfc3339}) as Beijing local seconds (the
	 * fraction dropped, as the tables keep whole seconds); {@link OrderStateRow#NO_TIME}
	 * for null.
	 */
	private static long time(JsonParser parser, JsonToken token) {
		if (token == JsonToken.VALUE_NULL) {
			return OrderStateRow.NO_TIME;
		}
		if (token != JsonToken.VALUE_STRING) {
			throw Unexpected.INSTANCE;
		}
		long epochSecond = Rfc3339.epochSecond(parser.getStringCharacters(), parser.getStringOffset(),
				parser.getStringLength());
		expect(epochSecond != Rfc3339.UNUSUAL);
		return OrderStateRow.localSeconds(epochSecond);
	}

	/** A value the fast path does not read; the serde does. */
	private static final class Unexpected extends RuntimeException {

		static final Unexpected INSTANCE = new Unexpected();

		private Unexpected() {
			super("unexpected JSON", null, false, false);
		}

	}

}
