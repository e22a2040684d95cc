package io.paytally.schemas;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.paytally.schemas.DailyStatement.ClassTotal;
import io.paytally.schemas.OrderPaymentState.Refund;
import io.paytally.schemas.serde.JsonSerde;
import io.paytally.schemas.topics.Topic;

/**
 * One full sample (every field set) and one minimal sample (every optional field absent)
 * of every record that travels on a topic.
 */
public final class Samples {

	static final String MCHID = "1900000109";

	static final String APPID = "wxd678efh567hg6787";

	static final String OUT_TRADE_NO = "P20261123000001";

	static final String ORDER_KEY = MerchantKey.encode(MCHID, OUT_TRADE_NO);

	static final String REFUND_KEY = MerchantKey.encode(MCHID, "R20261123000001");

	static final String MERCHANT_ORDER_NO = "M20261123-0042";

	static final String TRANSACTION_ID = "4200002026112312345678901234";

	static final Instant CREATED_AT = Instant.parse("2026-11-23T02:00:00Z");

	static final Instant EXPIRE_AT = Instant.parse("2026-11-23T02:30:00Z");

	static final Instant PAID_AT = Instant.parse("2026-11-23T02:03:17Z");

	static final Instant RECEIVED_AT = Instant.parse("2026-11-23T02:03:18.412Z");

	private Samples() {
	}

	/** A sample of a topic's value type. */
	public record Sample(Topic topic, String name, String key, Object value) {

		/** The file name stem of the sample: {@code <topic>.<name>}. */
		public String fileStem() {
			return this.topic.topicName() + "." + this.name;
		}

		/** The value as its topic's serde writes it. */
		@SuppressWarnings("unchecked")
		public byte[] bytes() {
			return ((JsonSerde<Object>) JsonSerde.of(this.topic.valueType())).serialize(this.topic.topicName(),
					this.value);
		}

		/** The value as its topic's serde writes it, as text. */
		public String json() {
			return new String(bytes(), StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			return fileStem();
		}

	}

	/**
	 * Every sample: per topic with a JSON value a full one (first), a minimal one (last)
	 * and, where one record cannot have every field, the others in between.
	 */
	public static List<Sample> all() {
		List<Sample> samples = new ArrayList<>();
		for (Topic topic : Topic.values()) {
			samples.addAll(of(topic));
		}
		return samples;
	}

	/** The samples of a topic, the full one first; none for topics of raw bytes. */
	public static List<Sample> of(Topic topic) {
		return switch (topic) {
			case PAYMENT_NOTIFICATIONS -> List.of(new Sample(topic, "full", ORDER_KEY, paidNotification()),
					new Sample(topic, "minimal", ORDER_KEY, notPaidQueryAnswer()));
			case REFUND_NOTIFICATIONS -> List.of(new Sample(topic, "full", REFUND_KEY, refundSucceeded()),
					new Sample(topic, "minimal", REFUND_KEY, refundProcessing()));
			case UNKNOWN_NOTIFICATIONS -> List.of(
					new Sample(topic, "full", MerchantKey.encode(MCHID, "3119dfba-e649-5eec-ab1e-3412bc4d2e17"),
							payscoreServiceOpened()),
					new Sample(topic, "minimal", MerchantKey.encode(MCHID, "EV-2026112304000012345"),
							unencryptedEvent()));
			case ORDER_EVENTS -> List.of(new Sample(topic, "full", ORDER_KEY, orderCreated()),
					new Sample(topic, "cancelled", ORDER_KEY, orderCancelledByBuyer()),
					new Sample(topic, "minimal", ORDER_KEY, orderCancelled()));
			case ORDER_STATE -> List.of(new Sample(topic, "full", ORDER_KEY, partiallyRefundedState()),
					new Sample(topic, "minimal", ORDER_KEY, bareState()));
			case ANOMALIES -> List.of(new Sample(topic, "full", ORDER_KEY, duplicatePaymentAnomaly()),
					new Sample(topic, "minimal", ORDER_KEY, unknownOrderAnomaly()));
			case EXPIRY_CHECKS -> List.of(new Sample(topic, "full", ORDER_KEY, expiredOrderCheck()),
					new Sample(topic, "minimal", ORDER_KEY, cancelledOrderCheck()));
			case STATS -> List.of(new Sample(topic, "full", PaymentStats.key(MCHID, CREATED_AT), busyMinuteStats()),
					new Sample(topic, "minimal", PaymentStats.key(MCHID, CREATED_AT), quietMinuteStats()));
			case STATEMENTS -> List.of(
					new Sample(topic, "full", DailyStatement.key(MCHID, LocalDate.of(2026, 11, 22)),
							statementWithDifferences()),
					new Sample(topic, "minimal", DailyStatement.key(MCHID, LocalDate.of(2026, 11, 22)),
							emptyStatement()));
			case STATEMENT_RUNS -> List.of(
					new Sample(topic, "full", StatementRun.key(MCHID, LocalDate.of(2026, 11, 22)), retryingRun()),
					new Sample(topic, "minimal", StatementRun.key(MCHID, LocalDate.of(2026, 11, 22)), requestedRun()));
			case DEAD_LETTERS -> List.of();
		};
	}

	public static PaymentNotification paidNotification() {
		return new PaymentNotification("EV-2026112302031812345", NotificationSource.CALLBACK_V3, MCHID, APPID,
				OUT_TRADE_NO, TRANSACTION_ID, TradeState.SUCCESS, "JSAPI", "CMB_DEBIT", 2599, 2599L, "CNY", PAID_AT,
				"cart=42", RECEIVED_AT);
	}

	public static PaymentNotification notPaidQueryAnswer() {
		return new PaymentNotification(null, NotificationSource.ACTIVE_QUERY, MCHID, null, OUT_TRADE_NO, null,
				TradeState.NOTPAY, null, null, 2599, null, null, null, null, RECEIVED_AT);
	}

	public static RefundNotification refundSucceeded() {
		return new RefundNotification("EV-2026112303000012345", NotificationSource.CALLBACK_V3, MCHID, OUT_TRADE_NO,
				TRANSACTION_ID, "R20261123000001", "50300002026112300000000001", RefundStatus.SUCCESS, 2599, 1000,
				2599L, 1000L, Instant.parse("2026-11-23T03:00:00Z"), Instant.parse("2026-11-23T03:00:01.007Z"));
	}

	public static RefundNotification refundProcessing() {
		return new RefundNotification(null, NotificationSource.CALLBACK_V3, MCHID, OUT_TRADE_NO, null,
				"R20261123000001", null, RefundStatus.PROCESSING, 2599, 1000, null, null, null,
				Instant.parse("2026-11-23T03:00:01Z"));
	}

	public static UnknownNotification payscoreServiceOpened() {
		return new UnknownNotification("3119dfba-e649-5eec-ab1e-3412bc4d2e17", MCHID, "PAYSCORE.USER_OPEN_SERVICE",
				"encrypt-resource", "签约成功", Instant.parse("2021-06-24T08:37:26Z"), "payscore", "AEAD_AES_256_GCM",
				"YDS3lKPaC4Y52Gf3uhft5qUBlIa8b428AWTtTauHQfQrRw+X1WpiuHIDy0vo1Vd6VEq67aVyqPdDYMkRVSDaZL3iZtte",
				"payscore", "Kj7QIyUiYx1q", Instant.parse("2026-11-23T04:00:00.118Z"));
	}

	public static UnknownNotification unencryptedEvent() {
		return new UnknownNotification("EV-2026112304000012345", MCHID, "MCHTRANSFER.BILL.FINISHED", null, null, null,
				null, null, null, null, null, Instant.parse("2026-11-23T04:00:00Z"));
	}

	public static OrderEvent orderCreated() {
		return OrderEvent.created(MCHID, OUT_TRADE_NO, MERCHANT_ORDER_NO, 2599, "Flat white, large", CREATED_AT,
				EXPIRE_AT);
	}

	public static OrderEvent orderCancelledByBuyer() {
		return OrderEvent.cancelled(MCHID, OUT_TRADE_NO, Instant.parse("2026-11-23T02:10:00Z"), "buyer changed mind");
	}

	public static OrderEvent orderCancelled() {
		return OrderEvent.cancelled(MCHID, OUT_TRADE_NO, Instant.parse("2026-11-23T02:10:00Z"), null);
	}

	public static OrderPaymentState partiallyRefundedState() {
		return new OrderPaymentState(MCHID, OUT_TRADE_NO, MERCHANT_ORDER_NO, PaymentStatus.PARTIALLY_REFUNDED, 2599,
				"CNY", "Flat white, large", CREATED_AT, EXPIRE_AT, TRANSACTION_ID, PAID_AT, 2599L,
				NotificationSource.CALLBACK_V3, 1000,
				List.of(new Refund("R20261123000001", "50300002026112300000000001", 1000, RefundStatus.SUCCESS,
						Instant.parse("2026-11-23T03:00:00Z"), 924L),
						new Refund("R20261123000002", null, 500, RefundStatus.PROCESSING, null)),
				Instant.parse("2026-11-23T02:31:00Z"), "expired", 1, 4, Instant.parse("2026-11-23T03:00:01.007Z"),
				2399L);
	}

	public static OrderPaymentState bareState() {
		return new OrderPaymentState(MCHID, OUT_TRADE_NO, null, PaymentStatus.PENDING, 0, null, null, null, null, null,
				null, null, null, 0, null, null, null, 0, 0, null);
	}

	public static PaymentAnomaly duplicatePaymentAnomaly() {
		return new PaymentAnomaly(PaymentAnomaly.idOf(AnomalyType.DUPLICATE_PAYMENT, MCHID, OUT_TRADE_NO),
				AnomalyType.DUPLICATE_PAYMENT, MCHID, OUT_TRADE_NO, MERCHANT_ORDER_NO, "P20261123000002", 2599L, 2599L,
				SuggestedAction.REFUND, "Merchant order M20261123-0042 was paid twice; refund one payment",
				"stream-app", Instant.parse("2026-11-23T02:05:00Z"));
	}

	public static PaymentAnomaly unknownOrderAnomaly() {
		return new PaymentAnomaly(PaymentAnomaly.idOf(AnomalyType.UNKNOWN_ORDER, MCHID, OUT_TRADE_NO),
				AnomalyType.UNKNOWN_ORDER, MCHID, OUT_TRADE_NO, null, null, null, null, SuggestedAction.REVIEW, null,
				null, Instant.parse("2026-11-23T03:03:18Z"));
	}

	public static ExpiryCheck expiredOrderCheck() {
		return new ExpiryCheck(MCHID, OUT_TRADE_NO, ExpiryCheck.Reason.EXPIRED, CREATED_AT, EXPIRE_AT, 2,
				Instant.parse("2026-11-23T02:31:00Z"));
	}

	public static ExpiryCheck cancelledOrderCheck() {
		return new ExpiryCheck(MCHID, OUT_TRADE_NO, ExpiryCheck.Reason.CANCELLED, null, null, 1,
				Instant.parse("2026-11-23T02:10:00Z"));
	}

	public static PaymentStats busyMinuteStats() {
		return new PaymentStats(MCHID, CREATED_AT, CREATED_AT.plusSeconds(60), 12, 9, 1, 1, 31188, 23391, 1000, 1);
	}

	public static PaymentStats quietMinuteStats() {
		return new PaymentStats(MCHID, CREATED_AT, CREATED_AT.plusSeconds(60), 0, 0, 0, 0, 0, 0, 0, 0);
	}

	public static DailyStatement statementWithDifferences() {
		List<ClassTotal> differences = new ArrayList<>();
		for (DifferenceClass differenceClass : DifferenceClass.values()) {
			differences.add(switch (differenceClass) {
				case MATCHED -> new ClassTotal(differenceClass, 1180, 3066820);
				case MISSING_LOCALLY -> new ClassTotal(differenceClass, 2, 5198);
				case HELD_OVER -> new ClassTotal(differenceClass, 1, 2599);
				default -> new ClassTotal(differenceClass, 0, 0);
			});
		}
		return new DailyStatement(MCHID, LocalDate.of(2026, 11, 22), 1182, 3072018, 12, 31188, 18432108L, 1181, 3069419,
				1180, 3066820, 3022397892L, differences, 1, 2, Instant.parse("2026-11-23T01:15:02.250Z"), 3074018L,
				2000L, 31288L, 0L);
	}

	public static DailyStatement emptyStatement() {
		return new DailyStatement(MCHID, LocalDate.of(2026, 11, 22), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, 0, 0,
				Instant.parse("2026-11-23T01:15:00Z"));
	}

	public static StatementRun requestedRun() {
		return StatementRun.requested(MCHID, LocalDate.of(2026, 11, 22), "5f0c6a1e-8d0b-4f43-9d55-0b8f3f1c2a10",
				"finance.li", Instant.parse("2026-11-23T01:40:00Z"));
	}

	public static StatementRun retryingRun() {
		return requestedRun().with(StatementRunStatus.RETRYING, 1,
				"BILL_NOT_READY: WeChat is still creating the bill of 1900000109 for 2026-11-22",
				Instant.parse("2026-11-23T02:10:02Z"), Instant.parse("2026-11-23T01:40:02Z"));
	}

}
