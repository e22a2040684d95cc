package io.paytally.dashboard.it;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.paytally.schemas.AnomalyType;
import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.DifferenceClass;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.PaymentStats;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.SuggestedAction;
import io.paytally.schemas.topics.Topic;
import io.paytally.testkit.KafkaTestBroker;
import org.apache.kafka.streams.KeyValue;

/**
 * A small day played through the real topics, as stream-app and batch-jobs write them: an
 * order's versions (created, expired and checked, paid through the active query), open
 * orders, three minutes of figures, a statement with a difference.
 */
final class SmallDay {

	static final String MCHID = "1900000001";

	static final String OTHER_MCHID = "1900000002";

	static final String ORDER = "PT20261201000042";

	static final String MERCHANT_ORDER = "SO-42";

	static final LocalDate BILL_DATE = LocalDate.of(2026, 11, 30);

	final Instant now;

	final Instant minute;

	SmallDay(Instant now) {
		this.now = now;
		this.minute = now.truncatedTo(ChronoUnit.MINUTES);
	}

	void play(KafkaTestBroker broker) {
		broker.sendAll(Topic.ORDER_STATE, orderVersions());
		broker.sendAll(Topic.STATS, minutes());
		broker.sendAll(Topic.STATEMENTS, List.of(KeyValue.pair(DailyStatement.key(MCHID, BILL_DATE), statement())));
	}

	List<KeyValue<String, OrderPaymentState>> orderVersions() {
		Instant created = this.now.minusSeconds(1200);
		Instant expire = created.plusSeconds(600);
		OrderPaymentState pending = state(MCHID, ORDER, MERCHANT_ORDER, PaymentStatus.PENDING, created, expire, 1,
				created);
		OrderPaymentState checking = state(MCHID, ORDER, MERCHANT_ORDER, PaymentStatus.CHECKING, created, expire, 2,
				expire);
		OrderPaymentState paid = new OrderPaymentState(MCHID, ORDER, MERCHANT_ORDER, PaymentStatus.PAID, 12345, "CNY",
				"green tea", created, expire, "4200000042", created.plusSeconds(30), 12345L,
				NotificationSource.ACTIVE_QUERY, 0, List.of(), null, null, 1, 3, expire.plusSeconds(2));
		OrderPaymentState open1 = state(MCHID, "PT-OPEN-1", "SO-1", PaymentStatus.PENDING, this.now,
				this.now.plusSeconds(120), 1, this.now);
		OrderPaymentState open2 = state(OTHER_MCHID, "PT-OPEN-2", "SO-2", PaymentStatus.PENDING, this.now,
				this.now.plusSeconds(7200), 1, this.now);
		return List.of(KeyValue.pair(pending.key(), pending), KeyValue.pair(checking.key(), checking),
				KeyValue.pair(paid.key(), paid), KeyValue.pair(open1.key(), open1), KeyValue.pair(open2.key(), open2));
	}

	static OrderPaymentState state(String mchid, String outTradeNo, String merchantOrderNo, PaymentStatus status,
			Instant created, Instant expire, long version, Instant updated) {
		return new OrderPaymentState(mchid, outTradeNo, merchantOrderNo, status, 12345, "CNY", "green tea", created,
				expire, null, null, null, null, 0, List.of(), null, null, (int) version - 1, version, updated);
	}

	/**
	 * Three minutes: 2 payments of 100.01, 1 of 0.99, 4 of 12.00 and 3.45 yuan in all;
	 * one order closed; a refund of 50.00, then two of the other merchant's, 3.07 yuan in
	 * all.
	 */
	List<KeyValue<String, PaymentStats>> minutes() {
		PaymentStats first = stats(MCHID, this.minute.minusSeconds(120), 3, 2, 10001 * 2, 1, 1, 5000);
		PaymentStats second = stats(MCHID, this.minute.minusSeconds(60), 1, 1, 99, 0, 0, 0);
		PaymentStats third = stats(OTHER_MCHID, this.minute, 5, 4, 1200 + 345, 0, 2, 307);
		return List.of(KeyValue.pair(PaymentStats.key(first.mchid(), first.windowStart()), first),
				KeyValue.pair(PaymentStats.key(second.mchid(), second.windowStart()), second),
				KeyValue.pair(PaymentStats.key(third.mchid(), third.windowStart()), third));
	}

	/** All merchants: 7 paid of 9 created, 216.46 yuan. */
	static final long PAID = 7;

	static final String AMOUNT_PAID = "216.46";

	/** All merchants: 3 refunds, 53.07 yuan; 1 order closed. */
	static final long REFUNDS = 3;

	static final String AMOUNT_REFUNDED = "53.07";

	static final long CLOSED = 1;

	static PaymentStats stats(String mchid, Instant start, long created, long paid, long amountPaid, long closed,
			long refunds, long amountRefunded) {
		return new PaymentStats(mchid, start, start.plusSeconds(60), created, paid, closed, refunds, amountPaid + 500,
				amountPaid, amountRefunded, 0);
	}

	DailyStatement statement() {
		return new DailyStatement(MCHID, BILL_DATE, 951, 23849270, 60, 951832, 137384628, 951, 23849270, 949, 23802342,
				22760053372L,
				List.of(new DailyStatement.ClassTotal(DifferenceClass.MATCHED, 949, 23802342),
						new DailyStatement.ClassTotal(DifferenceClass.AMOUNT_MISMATCH, 1, 16645),
						new DailyStatement.ClassTotal(DifferenceClass.DUPLICATE_PAYMENT, 1, 30283)),
				0, 0, this.now);
	}

	PaymentAnomaly paidAfterClose(String outTradeNo) {
		return new PaymentAnomaly(PaymentAnomaly.idOf(AnomalyType.PAID_AFTER_CLOSE, MCHID, outTradeNo),
				AnomalyType.PAID_AFTER_CLOSE, MCHID, outTradeNo, "SO-9", null, 30283L, 30283L, SuggestedAction.REFUND,
				"Paid 302.83 yuan after the order was closed: refund the payer", "stream-app", this.now);
	}

}
