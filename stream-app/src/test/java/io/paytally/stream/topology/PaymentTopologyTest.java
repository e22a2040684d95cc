package io.paytally.stream.topology;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.paytally.schemas.AnomalyType;
import io.paytally.schemas.ExpiryCheck;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.PaymentStats;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.RefundStatus;
import io.paytally.schemas.SuggestedAction;
import io.paytally.schemas.TradeState;
import io.paytally.stream.internal.DeadLetterHandler;
import io.paytally.stream.payment.OrderPayment;
import io.paytally.stream.payment.PaymentRules;
import io.paytally.stream.stats.StatsDelta;
import io.paytally.stream.stats.StatsWindows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every rule of the state machine through the real topology, wall-clock time advanced by
 * the test.
 */
class PaymentTopologyTest {

	static final String MCHID = "1900000001";

	static final Instant START = Instant.parse("2026-03-01T01:00:00Z");

	static final String OTHER_MCHID = "1900000002";

	static final PaymentRules RULES = new PaymentRules(Duration.ofSeconds(30), Duration.ofSeconds(90), 3,
			Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(10), 16);

	TopologyDriver t = new TopologyDriver(TopologySettings.DEFAULTS.withRules(RULES), START);

	@AfterEach
	void close() {
		this.t.close();
	}

	@Test
	void publishesACreatedOrderAsPending() {
		this.t.pipe(created("A1", "SO-1", 1250, Duration.ofMinutes(15)));

		assertThat(this.t.states()).containsExactly(OrderPaymentState.pending(MCHID, "A1", "SO-1", 1250, "CNY", "Demo",
				START, START.plus(Duration.ofMinutes(15))));
		assertThat(this.t.checks()).isEmpty();
		assertThat(this.t.anomalies()).isEmpty();
	}

	@Test
	void checksAnExpiredOrderOnTheFirstPunctuationAfterItsExpiry() {
		this.t.pipe(created("A1", "SO-1", 1250, Duration.ofSeconds(10)));
		this.t.states();

		this.t.advance(Duration.ofSeconds(9));
		assertThat(this.t.checks()).isEmpty();
		this.t.advanceBySeconds(1);

		Instant expiry = START.plusSeconds(10);
		assertThat(this.t.checks()).containsExactly(KeyValue.pair(MCHID + "@A1",
				new ExpiryCheck(MCHID, "A1", ExpiryCheck.Reason.EXPIRED, START, expiry, 1, expiry)));
		assertThat(this.t.states()).singleElement().satisfies((s) -> {
			assertThat(s.status()).isEqualTo(PaymentStatus.CHECKING);
			assertThat(s.expiryChecks()).isEqualTo(1);
			assertThat(s.version()).isEqualTo(2);
		});
	}

	/**
	 * The expiry index keeps milliseconds; an order event may carry a finer expiry. A
	 * punctuation in the very millisecond of the expiry, before it, must leave the order
	 * indexed: it once dropped the entry and the order stayed PENDING for ever.
	 */
	@Test
	void checksAnOrderWhoseSubMillisecondExpiryAPunctuationInItsMillisecondPreceded() {
		Duration payableFor = Duration.ofSeconds(1).plusNanos(456_789);
		this.t.pipe(created("A1", "SO-1", 1250, payableFor));
		this.t.states();

		this.t.advance(Duration.ofSeconds(1));
		assertThat(this.t.checks()).isEmpty();
		this.t.advanceBySeconds(1);

		Instant expiry = START.plus(payableFor);
		Instant checkedAt = START.plusSeconds(2);
		assertThat(this.t.checks()).containsExactly(KeyValue.pair(MCHID + "@A1",
				new ExpiryCheck(MCHID, "A1", ExpiryCheck.Reason.EXPIRED, START, expiry, 1, checkedAt)));
		assertThat(this.t.states()).singleElement().satisfies((s) -> {
			assertThat(s.status()).isEqualTo(PaymentStatus.CHECKING);
			assertThat(s.expiryChecks()).isEqualTo(1);
		});
		assertThat(this.t.stored(MCHID, "A1").dueAt()).isEqualTo(checkedAt.plus(RULES.recheckAfter(1)));
	}

	@Test
	void keepsCheckingAnUnansweredOrderLessOftenUntilWechatAnswersAndSaysItWaited() {
		this.t.pipe(created("A1", "SO-1", 1250, Duration.ofSeconds(1)));
		this.t.advanceBySeconds(1);
		assertThat(this.t.checks()).extracting((kv) -> kv.value.attempt()).containsExactly(1);

		// 30 s, then 60 s, then the 90 s ceiling, for as long as WeChat does not answer
		this.t.advance(Duration.ofSeconds(29));
		assertThat(this.t.checks()).isEmpty();
		this.t.advanceBySeconds(1);
		assertThat(this.t.checks()).extracting((kv) -> kv.value.attempt()).containsExactly(2);
		this.t.advance(Duration.ofSeconds(59));
		assertThat(this.t.checks()).isEmpty();
		this.t.advanceBySeconds(1);
		assertThat(this.t.checks()).extracting((kv) -> kv.value.attempt()).containsExactly(3);
		assertThat(this.t.anomalies()).isEmpty();
		this.t.advance(Duration.ofSeconds(90));
		assertThat(this.t.checks()).extracting((kv) -> kv.value.attempt()).containsExactly(4);
		assertThat(this.t.anomalies()).extracting(PaymentAnomaly::anomalyId, PaymentAnomaly::action)
			.containsExactly(tuple("QUERY_UNANSWERED:" + MCHID + "@A1", SuggestedAction.REVIEW));
		for (int hour = 0; hour < 2; hour++) {
			this.t.advance(Duration.ofMinutes(60));
		}
		assertThat(this.t.checks()).extracting((kv) -> kv.value.attempt()).containsExactly(5, 6);
		assertThat(this.t.anomalies()).isEmpty();

		this.t.pipe(activeQuery("A1", TradeState.CLOSED));

		assertThat(this.t.states()).last()
			.extracting(OrderPaymentState::status, OrderPaymentState::closeReason)
			.containsExactly(PaymentStatus.CLOSED, OrderPayment.CLOSED_EXPIRED);
		assertThat(this.t.anomalies()).extracting(PaymentAnomaly::anomalyId, PaymentAnomaly::action)
			.containsExactly(tuple("QUERY_UNANSWERED:" + MCHID + "@A1:answered", SuggestedAction.NONE));
		this.t.advance(Duration.ofMinutes(10));
		assertThat(this.t.checks()).isEmpty();
	}

	@Test
	void closesAnExpiredOrderWhenTheActiveQueryReportsItClosed() {
		this.t.pipe(created("A1", "SO-1", 1250, Duration.ofSeconds(1)));
		this.t.advanceBySeconds(1);
		this.t.states();
		this.t.checks();

		this.t.pipe(activeQuery("A1", TradeState.CLOSED));

		assertThat(this.t.states()).singleElement().satisfies((s) -> {
			assertThat(s.status()).isEqualTo(PaymentStatus.CLOSED);
			assertThat(s.closeReason()).isEqualTo(OrderPayment.CLOSED_EXPIRED);
			assertThat(s.closedAt()).isEqualTo(this.t.now());
			assertThat(s.version()).isEqualTo(3);
		});
		this.t.advance(Duration.ofSeconds(120));
		assertThat(this.t.checks()).isEmpty();
	}

	@Test
	void findsALostCallbackThroughTheActiveQuery() {
		this.t.pipe(created("A1", "SO-1", 1250, Duration.ofSeconds(1)));
		this.t.advanceBySeconds(1);
		this.t.states();
		this.t.checks();

		this.t.pipe(success("A1", NotificationSource.ACTIVE_QUERY, 1250, "TX1", START.plusMillis(500)));

		assertThat(this.t.states()).singleElement().satisfies((s) -> {
			assertThat(s.status()).isEqualTo(PaymentStatus.PAID);
			assertThat(s.paidSource()).isEqualTo(NotificationSource.ACTIVE_QUERY);
			assertThat(s.paidAt()).isEqualTo(START.plusMillis(500));
			assertThat(s.transactionId()).isEqualTo("TX1");
		});
		this.t.advance(Duration.ofSeconds(120));
		assertThat(this.t.checks()).isEmpty();
	}

	@Test
	void looksAgainShortlyWhileTheUserIsPaying() {
		this.t.pipe(created("A1", "SO-1", 1250, Duration.ofSeconds(1)));
		this.t.advanceBySeconds(1);
		this.t.checks();
		this.t.pipe(activeQuery("A1", TradeState.USERPAYING));

		this.t.advance(Duration.ofSeconds(9));
		assertThat(this.t.checks()).isEmpty();
		this.t.advanceBySeconds(1);
		assertThat(this.t.checks()).extracting((kv) -> kv.value.attempt()).containsExactly(2);
	}

	@Test
	void keepsFirstPaymentTimeOnRepeatedCallback() {
		this.t.pipe(created("A1", "SO-1", 1250, Duration.ofMinutes(15)));
		this.t.pipe(success("A1", NotificationSource.CALLBACK_V3, 1250, "TX1", START.plusSeconds(30)));
		this.t.advance(Duration.ofSeconds(60));
		this.t.pipe(success("A1", NotificationSource.CALLBACK_V3, 1250, "TX1", START.plusSeconds(31)));
		this.t.pipe(success("A1", NotificationSource.BILL, 1250, "TX1", START.plusSeconds(32)));

		assertThat(this.t.states()).extracting(OrderPaymentState::status, OrderPaymentState::paidAt)
			.containsExactly(tuple(PaymentStatus.PENDING, null), tuple(PaymentStatus.PAID, START.plusSeconds(30)));
		assertThat(this.t.stored(MCHID, "A1").state().paidAt()).isEqualTo(START.plusSeconds(30));
	}

	@Test
	void appliesANotificationThatCameBeforeItsOrder() {
		this.t.pipe(success("A1", NotificationSource.CALLBACK_V3, 1250, "TX1", START.plusSeconds(1)));
		assertThat(this.t.states()).isEmpty();

		this.t.advance(Duration.ofSeconds(2));
		this.t.pipe(created("A1", "SO-1", 1250, Duration.ofMinutes(15)));

		assertThat(this.t.states()).extracting(OrderPaymentState::status, OrderPaymentState::version)
			.containsExactly(tuple(PaymentStatus.PENDING, 1L), tuple(PaymentStatus.PAID, 2L));
		this.t.advance(Duration.ofMinutes(11));
		assertThat(this.t.anomalies()).isEmpty();
	}

	@Test
	void reportsAnUnknownOrderAfterTheGracePeriod() {
		this.t.pipe(success("X1", NotificationSource.CALLBACK_V3, 1250, "TX1", START.plusSeconds(1)));

		this.t.advance(Duration.ofMinutes(10).minusSeconds(1));
		assertThat(this.t.anomalies()).isEmpty();
		this.t.advanceBySeconds(1);

		assertThat(this.t.anomalies()).extracting(PaymentAnomaly::type, PaymentAnomaly::outTradeNo)
			.containsExactly(tuple(AnomalyType.UNKNOWN_ORDER, "X1"));
		assertThat(this.t.states()).isEmpty();
	}

	@Test
	void reportsAnAmountMismatchAndDoesNotCallItPaid() {
		this.t.pipe(created("A1", "SO-1", 1250, Duration.ofMinutes(15)));
		this.t.pipe(success("A1", NotificationSource.CALLBACK_V3, 1, "TX1", START));

		assertThat(this.t.states()).extracting(OrderPaymentState::status)
			.containsExactly(PaymentStatus.PENDING, PaymentStatus.AMOUNT_MISMATCH);
		assertThat(this.t.anomalies()).singleElement().satisfies((a) -> {
			assertThat(a.type()).isEqualTo(AnomalyType.AMOUNT_MISMATCH);
			assertThat(a.expectedAmount()).isEqualTo(1250L);
			assertThat(a.actualAmount()).isEqualTo(1L);
		});
	}

	@Test
	void reportsASuccessAfterCloseAndMarksItPaid() {
		this.t.pipe(created("A1", "SO-1", 1250, Duration.ofSeconds(1)));
		this.t.advanceBySeconds(1);
		this.t.pipe(activeQuery("A1", TradeState.CLOSED));
		this.t.states();

		this.t.pipe(success("A1", NotificationSource.CALLBACK_V3, 1250, "TX1", START.plusMillis(900)));

		assertThat(this.t.states()).extracting(OrderPaymentState::status).containsExactly(PaymentStatus.PAID);
		assertThat(this.t.anomalies()).extracting(PaymentAnomaly::type, PaymentAnomaly::action)
			.containsExactly(tuple(AnomalyType.PAID_AFTER_CLOSE, SuggestedAction.FULFIL_OR_REFUND));
	}

	@Test
	void reportsTwoPaidPaymentOrdersOfOneMerchantOrder() {
		this.t.pipe(created("A1", "SO-1", 1250, Duration.ofMinutes(15)));
		this.t.pipe(created("A2", "SO-1", 1250, Duration.ofMinutes(15)));
		this.t.pipe(created("B1", "SO-2", 1250, Duration.ofMinutes(15)));
		this.t.pipe(success("A1", NotificationSource.CALLBACK_V3, 1250, "TX1", START));
		this.t.pipe(success("B1", NotificationSource.CALLBACK_V3, 1250, "TX3", START));
		assertThat(this.t.anomalies()).isEmpty();

		this.t.pipe(success("A2", NotificationSource.CALLBACK_V3, 1250, "TX2", START.plusSeconds(5)));
		this.t.pipe(success("A2", NotificationSource.BILL, 1250, "TX2", START.plusSeconds(5)));

		assertThat(this.t.anomalies.readRecordsToList()).singleElement().satisfies((r) -> {
			assertThat(r.key()).isEqualTo(MCHID + "@A2");
			PaymentAnomaly a = r.value();
			assertThat(a.type()).isEqualTo(AnomalyType.DUPLICATE_PAYMENT);
			assertThat(a.outTradeNo()).isEqualTo("A2");
			assertThat(a.relatedOutTradeNo()).isEqualTo("A1");
			assertThat(a.merchantOrderNo()).isEqualTo("SO-1");
			assertThat(a.action()).isEqualTo(SuggestedAction.REFUND);
		});
	}

	@Test
	void closesTheNewerOpenAttemptAtOnceWhenAnOlderOneIsPaidAfterClose() {
		closeFirstAttemptAndOpenTheSecond("SO-7");

		this.t.pipe(success("SO-7-1", NotificationSource.CALLBACK_V3, 1250, "TX1", this.t.now()));

		Instant cancelledAt = this.t.now();
		assertThat(this.t.producedOrderEvents.readKeyValuesToList()).containsExactly(KeyValue.pair(MCHID + "@SO-7-2",
				OrderEvent.cancelled(MCHID, "SO-7-2", cancelledAt, "payment order SO-7-1 of merchant order SO-7 was "
						+ "paid after it was closed; SO-7-2 is closed so that it cannot be paid too")));
		assertThat(this.t.states()).extracting(OrderPaymentState::outTradeNo, OrderPaymentState::status)
			.containsExactly(tuple("SO-7-1", PaymentStatus.PAID), tuple("SO-7-2", PaymentStatus.CHECKING));
		assertThat(this.t.checks()).extracting((kv) -> kv.value.outTradeNo(), (kv) -> kv.value.reason())
			.containsExactly(tuple("SO-7-2", ExpiryCheck.Reason.CANCELLED));
		assertThat(this.t.anomalies()).extracting(PaymentAnomaly::outTradeNo, PaymentAnomaly::type)
			.containsExactly(tuple("SO-7-1", AnomalyType.PAID_AFTER_CLOSE));

		this.t.pipe(activeQuery("SO-7-2", TradeState.CLOSED));

		assertThat(this.t.states()).extracting(OrderPaymentState::outTradeNo, OrderPaymentState::status)
			.containsExactly(tuple("SO-7-2", PaymentStatus.CLOSED));
		assertThat(this.t.producedOrderEvents.isEmpty()).isTrue();
	}

	@Test
	void leavesAPaidNewerAttemptAloneWhenAnOlderOneIsPaidAfterClose() {
		closeFirstAttemptAndOpenTheSecond("SO-8");
		this.t.pipe(success("SO-8-2", NotificationSource.CALLBACK_V3, 1250, "TX2", this.t.now()));

		this.t.pipe(success("SO-8-1", NotificationSource.CALLBACK_V3, 1250, "TX1", this.t.now()));

		assertThat(this.t.producedOrderEvents.isEmpty()).isTrue();
		assertThat(this.t.anomalies()).extracting(PaymentAnomaly::outTradeNo, PaymentAnomaly::type)
			.containsExactly(tuple("SO-8-1", AnomalyType.PAID_AFTER_CLOSE),
					tuple("SO-8-1", AnomalyType.DUPLICATE_PAYMENT));
	}

	@Test
	void closesANewerAttemptWhoseCreationArrivesAfterThePaidAfterClose() {
		this.t.pipe(created("SO-9-1", "SO-9", 1250, Duration.ofSeconds(1)));
		this.t.advanceBySeconds(1);
		this.t.pipe(activeQuery("SO-9-1", TradeState.CLOSED));
		this.t.pipe(success("SO-9-1", NotificationSource.CALLBACK_V3, 1250, "TX1", this.t.now()));
		assertThat(this.t.producedOrderEvents.isEmpty()).isTrue();

		this.t.pipe(OrderEvent.created(MCHID, "SO-9-2", "SO-9", 1250, "Demo", this.t.now(),
				this.t.now().plus(Duration.ofMinutes(15))));

		assertThat(this.t.producedOrderEvents.readValuesToList()).extracting(OrderEvent::type, OrderEvent::outTradeNo)
			.containsExactly(tuple(OrderEvent.Type.CANCELLED, "SO-9-2"));
		assertThat(this.t.stored(MCHID, "SO-9-2").status()).isEqualTo(PaymentStatus.CHECKING);
	}

	@Test
	void cancelsNothingWhenTheOnlyAttemptIsPaidAfterClose() {
		this.t.pipe(created("SO-10-1", "SO-10", 1250, Duration.ofSeconds(1)));
		this.t.advanceBySeconds(1);
		this.t.pipe(activeQuery("SO-10-1", TradeState.CLOSED));

		this.t.pipe(success("SO-10-1", NotificationSource.CALLBACK_V3, 1250, "TX1", this.t.now()));

		assertThat(this.t.producedOrderEvents.isEmpty()).isTrue();
		assertThat(this.t.stored(MCHID, "SO-10-1").status()).isEqualTo(PaymentStatus.PAID);
	}

	/** Attempt 1 of a merchant order expires and is closed; attempt 2 is open. */
	private void closeFirstAttemptAndOpenTheSecond(String merchantOrderNo) {
		this.t.pipe(created(merchantOrderNo + "-1", merchantOrderNo, 1250, Duration.ofSeconds(1)));
		this.t.advanceBySeconds(1);
		this.t.pipe(activeQuery(merchantOrderNo + "-1", TradeState.CLOSED));
		this.t.advance(Duration.ofMinutes(1));
		this.t.pipe(OrderEvent.created(MCHID, merchantOrderNo + "-2", merchantOrderNo, 1250, "Demo", this.t.now(),
				this.t.now().plus(Duration.ofMinutes(15))));
		this.t.states();
		this.t.checks();
		assertThat(this.t.stored(MCHID, merchantOrderNo + "-1").status()).isEqualTo(PaymentStatus.CLOSED);
	}

	@Test
	void accumulatesRefundsKeyedByOutRefundNoOnTheirOrder() {
		this.t.pipe(created("A1", "SO-1", 1250, Duration.ofMinutes(15)));
		this.t.pipe(success("A1", NotificationSource.CALLBACK_V3, 1250, "TX1", START));
		this.t.states();

		this.t.pipe(refund("A1", "R1", RefundStatus.SUCCESS, 500));
		this.t.pipe(refund("A1", "R1", RefundStatus.SUCCESS, 500));
		this.t.pipe(refund("A1", "R2", RefundStatus.SUCCESS, 750));
		this.t.pipe(refund("A1", "R3", RefundStatus.SUCCESS, 1));

		assertThat(this.t.states()).extracting(OrderPaymentState::status, OrderPaymentState::refundedAmount)
			.containsExactly(tuple(PaymentStatus.PARTIALLY_REFUNDED, 500L), tuple(PaymentStatus.REFUNDED, 1250L),
					tuple(PaymentStatus.REFUNDED, 1251L));
		assertThat(this.t.anomalies()).extracting(PaymentAnomaly::type).containsExactly(AnomalyType.OVER_REFUND);
	}

	@Test
	void checksACancelledUnpaidOrderAtOnce() {
		this.t.pipe(created("A1", "SO-1", 1250, Duration.ofMinutes(15)));
		this.t.advance(Duration.ofSeconds(3));
		this.t.pipe(OrderEvent.cancelled(MCHID, "A1", this.t.now(), "customer left"));

		assertThat(this.t.checks()).containsExactly(KeyValue.pair(MCHID + "@A1", new ExpiryCheck(MCHID, "A1",
				ExpiryCheck.Reason.CANCELLED, START, START.plus(Duration.ofMinutes(15)), 1, this.t.now())));
	}

	@Test
	void countsPerMerchantInOneMinuteWindows() {
		this.t.pipe(created("A1", "SO-1", 1250, Duration.ofMinutes(15)));
		this.t.pipe(created("A2", "SO-2", 800, Duration.ofSeconds(1)));
		this.t.pipe(success("A1", NotificationSource.CALLBACK_V3, 1250, "TX1", START));
		this.t.advanceBySeconds(1);
		this.t.pipe(activeQuery("A2", TradeState.CLOSED));
		this.t.pipe(refund("A1", "R1", RefundStatus.SUCCESS, 250));

		List<TestRecord<String, PaymentStats>> stats = this.t.stats.readRecordsToList();
		assertThat(stats).last().satisfies((r) -> {
			assertThat(r.key()).isEqualTo(MCHID + "@" + START);
			assertThat(r.value())
				.isEqualTo(new PaymentStats(MCHID, START, START.plusSeconds(60), 2, 1, 1, 1, 2050, 1250, 250, 0));
		});
	}

	@Test
	void countsEveryMinuteOfABacklogWhosePartitionsArriveOutOfOrder() {
		// catching up with two hours: the task of one input partition runs ahead of
		// another's, so the statistics see 03:00's orders before 01:00's
		Instant early = START.plusSeconds(10);
		Instant later = START.plus(Duration.ofHours(2)).plusSeconds(5);
		this.t.pipe(OrderEvent.created(MCHID, "B1", "SO-2", 800, "Demo", later, later.plus(Duration.ofMinutes(15))),
				later);
		this.t.pipe(success("B1", NotificationSource.CALLBACK_V3, 800, "TX2", later.plusSeconds(20)),
				later.plusSeconds(20));
		this.t.pipe(created("A1", "SO-1", 1250, Duration.ofMinutes(15)), early);
		this.t.pipe(success("A1", NotificationSource.CALLBACK_V3, 1250, "TX1", early.plusSeconds(30)),
				early.plusSeconds(30));

		Instant laterMinute = START.plus(Duration.ofHours(2));
		assertThat(latestStats())
			.containsExactly(
					entry(MCHID + "@" + laterMinute,
							new PaymentStats(MCHID, laterMinute, laterMinute.plusSeconds(60), 1, 1, 0, 0, 800, 800, 0,
									0)),
					entry(MCHID + "@" + START,
							new PaymentStats(MCHID, START, START.plusSeconds(60), 1, 1, 0, 0, 1250, 1250, 0, 0)));
	}

	@Test
	void dropsTheRecordsOfAMinuteFurtherBehindThanTheGrace() {
		this.t.close();
		this.t = new TopologyDriver(TopologySettings.DEFAULTS.withRules(RULES)
			.withStats(StatsWindows.DEFAULTS.withGrace(Duration.ofHours(1))), START);
		Instant later = START.plus(Duration.ofHours(2));
		this.t.pipe(OrderEvent.created(MCHID, "B1", "SO-2", 800, "Demo", later, later.plus(Duration.ofMinutes(15))),
				later);
		this.t.pipe(created("A1", "SO-1", 1250, Duration.ofMinutes(15)), START);

		assertThat(this.t.states()).extracting(OrderPaymentState::outTradeNo).containsExactly("B1", "A1");
		assertThat(latestStats()).containsOnlyKeys(MCHID + "@" + later);
	}

	@Test
	void keepsAWindowsSumForTheRetentionOnly() {
		// without the cache in front, the window store itself answers
		Properties uncached = new Properties();
		uncached.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
		this.t.close();
		this.t = new TopologyDriver(TopologySettings.DEFAULTS.withRules(RULES), START, uncached);
		this.t.pipe(created("A1", "SO-1", 1250, Duration.ofMinutes(15)), START);
		WindowStore<String, StatsDelta> sums = this.t.driver.getWindowStore(PaymentTopology.STATS_STORE);
		assertThat(sums.fetch(MCHID, START.toEpochMilli())).isNotNull();

		Instant afterRetention = START.plus(StatsWindows.DEFAULTS.retention()).plusSeconds(60);
		this.t.pipe(OrderEvent.created(MCHID, "B1", "SO-2", 800, "Demo", afterRetention,
				afterRetention.plus(Duration.ofMinutes(15))), afterRetention);

		assertThat(sums.fetch(MCHID, START.toEpochMilli())).isNull();
		assertThat(sums.fetch(MCHID, afterRetention.toEpochMilli())).isNotNull();
	}

	private Map<String, PaymentStats> latestStats() {
		Map<String, PaymentStats> latest = new LinkedHashMap<>();
		this.t.stats.readRecordsToList().forEach((r) -> latest.put(r.key(), r.value()));
		return latest;
	}

	@Test
	void skipsAnUnreadableRecordAndGoesOn() {
		// the dead letter itself: DeadLetterHandlerTest (TopologyTestDriver does not
		// capture dead letters of deserialization errors) and StreamAppIT
		this.t.rawOrderEvents.pipeInput("A1".getBytes(StandardCharsets.UTF_8),
				"{not json".getBytes(StandardCharsets.UTF_8));
		this.t.pipe(created("A2", "SO-2", 800, Duration.ofMinutes(15)));

		assertThat(this.t.states()).extracting(OrderPaymentState::outTradeNo).containsExactly("A2");
	}

	@Test
	void sendsARecordThatFailsProcessingToTheDeadLetterTopicAndGoesOn() {
		PaymentNotification keyless = success("A1", NotificationSource.CALLBACK_V3, 1250, "TX1", START);
		this.t.payments.pipeInput(new TestRecord<>(null, keyless, START));
		this.t.pipe(created("A2", "SO-2", 800, Duration.ofMinutes(15)));

		assertThat(this.t.deadLetters.readRecordsToList()).singleElement()
			.satisfies((r) -> assertThat(
					new String(r.headers().lastHeader(DeadLetterHandler.PROCESSOR).value(), StandardCharsets.UTF_8))
				.isEqualTo("order-payment"));
		assertThat(this.t.states()).extracting(OrderPaymentState::outTradeNo).containsExactly("A2");
	}

	@Test
	void keepsTwoMerchantsWithTheSameOrderNumbersApart() {
		this.t.pipe(created("A1", "SO-1", 1250, Duration.ofMinutes(15)));
		this.t.pipe(OrderEvent.created(OTHER_MCHID, "A1", "SO-1", 990, "Other", START, START.plusSeconds(10)));
		this.t.pipe(success("A1", NotificationSource.CALLBACK_V3, 1250, "TX1", START));
		this.t.advanceBySeconds(10);

		List<TestRecord<String, OrderPaymentState>> states = this.t.stateRecords();
		assertThat(states)
			.extracting(TestRecord::key, (r) -> r.value().mchid(), (r) -> r.value().status(),
					(r) -> r.value().amountTotal())
			.containsExactly(tuple(MCHID + "@A1", MCHID, PaymentStatus.PENDING, 1250L),
					tuple(OTHER_MCHID + "@A1", OTHER_MCHID, PaymentStatus.PENDING, 990L),
					tuple(MCHID + "@A1", MCHID, PaymentStatus.PAID, 1250L),
					tuple(OTHER_MCHID + "@A1", OTHER_MCHID, PaymentStatus.CHECKING, 990L));
		assertThat(this.t.checks()).extracting((c) -> c.key).containsExactly(OTHER_MCHID + "@A1");
		assertThat(this.t.anomalies()).isEmpty();
	}

	@Test
	void doesNotCallTwoMerchantsPayingTheSameMerchantOrderNumberADuplicate() {
		this.t.pipe(created("A1", "SO-1", 1250, Duration.ofMinutes(15)));
		this.t.pipe(OrderEvent.created(OTHER_MCHID, "B1", "SO-1", 1250, "Other", START, START.plusSeconds(900)));
		this.t.pipe(success("A1", NotificationSource.CALLBACK_V3, 1250, "TX1", START));
		this.t.pipe(new PaymentNotification("EV-B1", NotificationSource.CALLBACK_V3, OTHER_MCHID, "wx0000000000demo02",
				"B1", "TX2", TradeState.SUCCESS, "JSAPI", "OTHERS", 1250, 1250L, "CNY", START, null, this.t.now()));

		assertThat(this.t.states()).extracting(OrderPaymentState::mchid, OrderPaymentState::status)
			.containsExactly(tuple(MCHID, PaymentStatus.PENDING), tuple(OTHER_MCHID, PaymentStatus.PENDING),
					tuple(MCHID, PaymentStatus.PAID), tuple(OTHER_MCHID, PaymentStatus.PAID));
		assertThat(this.t.anomalies()).isEmpty();
	}

	@Test
	void deadLettersANotificationKeyedForAnotherMerchantsOrder() {
		this.t.pipe(created("A1", "SO-1", 1250, Duration.ofMinutes(15)));
		PaymentNotification othersSuccess = new PaymentNotification("EV-X", NotificationSource.CALLBACK_V3, OTHER_MCHID,
				"wx0000000000demo02", "A1", "TX9", TradeState.SUCCESS, "JSAPI", "OTHERS", 1250, 1250L, "CNY", START,
				null, this.t.now());
		this.t.payments.pipeInput(new TestRecord<>(MCHID + "@A1", othersSuccess, START));

		assertThat(this.t.states()).extracting(OrderPaymentState::status).containsExactly(PaymentStatus.PENDING);
		assertThat(this.t.deadLetters.readRecordsToList()).singleElement()
			.satisfies((r) -> assertThat(
					new String(r.headers().lastHeader(DeadLetterHandler.REASON).value(), StandardCharsets.UTF_8))
				.contains("keyed " + MCHID + "@A1", OTHER_MCHID + "@A1"));
	}

	// ------------------------------------------------------------------ fixtures

	OrderEvent created(String outTradeNo, String merchantOrderNo, long amount, Duration payableFor) {
		return OrderEvent.created(MCHID, outTradeNo, merchantOrderNo, amount, "Demo", START, START.plus(payableFor));
	}

	PaymentNotification success(String outTradeNo, NotificationSource source, long amount, String transactionId,
			Instant successTime) {
		return new PaymentNotification("EV-" + outTradeNo, source, MCHID, "wx0000000000demo01", outTradeNo,
				transactionId, TradeState.SUCCESS, "JSAPI", "OTHERS", amount, amount, "CNY", successTime, null,
				this.t.now());
	}

	PaymentNotification activeQuery(String outTradeNo, TradeState tradeState) {
		return new PaymentNotification("AQ-" + outTradeNo, NotificationSource.ACTIVE_QUERY, MCHID, "wx0000000000demo01",
				outTradeNo, null, tradeState, null, null, 1250, null, "CNY", null, null, this.t.now());
	}

	RefundNotification refund(String outTradeNo, String outRefundNo, RefundStatus status, long amount) {
		return new RefundNotification("EV-" + outRefundNo, NotificationSource.CALLBACK_V3, MCHID, outTradeNo, "TX1",
				outRefundNo, "503" + outRefundNo, status, 1250, amount, 1250L, amount, this.t.now(), this.t.now());
	}

}
