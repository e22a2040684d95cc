package io.paytally.dashboard.view;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.paytally.dashboard.DashboardSettings;
import io.paytally.schemas.AnomalyType;
import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.DifferenceClass;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.PaymentStats;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.RefundStatus;
import io.paytally.schemas.StatementRun;
import io.paytally.schemas.StatementRunStatus;
import io.paytally.schemas.SuggestedAction;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class ViewsTest {

	static final Instant T0 = Instant.parse("2026-12-01T02:00:00Z");

	@TempDir
	Path stateDir;

	TopologyTestDriver driver;

	TestInputTopic<String, OrderPaymentState> states;

	TestInputTopic<String, PaymentStats> stats;

	TestInputTopic<String, PaymentAnomaly> anomalies;

	TestInputTopic<String, DailyStatement> statements;

	List<ViewChanges.View> changes = new ArrayList<>();

	Views views;

	@BeforeEach
	void start() {
		DashboardSettings settings = new DashboardSettings(this.stateDir, 1, Duration.ofSeconds(1),
				Duration.ofMinutes(10), Duration.ofHours(3), Duration.ofMillis(500), null);
		ViewChanges recorder = new ViewChanges() {

			@Override
			public void changed(View view) {
				ViewsTest.this.changes.add(view);
			}

			@Override
			public void anomaly(PaymentAnomaly anomaly) {
			}

		};
		this.driver = new TopologyTestDriver(ViewTopology.build(recorder),
				ViewStreams.properties(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "dashboard-test",
						StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, List.of("unused:9092")), settings));
		StringSerializer keys = new StringSerializer();
		this.states = this.driver.createInputTopic(Topic.ORDER_STATE.topicName(), keys,
				Serdes.orderPaymentState().serializer());
		this.stats = this.driver.createInputTopic(Topic.STATS.topicName(), keys, Serdes.paymentStats().serializer());
		this.anomalies = this.driver.createInputTopic(Topic.ANOMALIES.topicName(), keys,
				Serdes.paymentAnomaly().serializer());
		this.statements = this.driver.createInputTopic(Topic.STATEMENTS.topicName(), keys,
				Serdes.dailyStatement().serializer());
		this.views = new Views(new StoreAccess() {

			@Override
			@SuppressWarnings("unchecked")
			public <V> ReadOnlyKeyValueStore<String, V> store(String name) {
				return ViewsTest.this.driver.<String, V>getKeyValueStore(name);
			}

		});
	}

	@AfterEach
	void stop() {
		this.driver.close();
	}

	static OrderPaymentState order(String mchid, String outTradeNo, String merchantOrderNo, PaymentStatus status,
			long version) {
		boolean paid = status == PaymentStatus.PAID;
		return new OrderPaymentState(mchid, outTradeNo, merchantOrderNo, status, 1999, "CNY", "tea", T0,
				T0.plusSeconds(1800), paid ? "4200" + outTradeNo : null, paid ? T0.plusSeconds(60 * version) : null,
				paid ? 1999L : null, paid ? NotificationSource.ACTIVE_QUERY : null, 0, List.of(),
				(status == PaymentStatus.CLOSED) ? T0.plusSeconds(1900) : null, null, (int) version - 1, version,
				T0.plusSeconds(60 * version));
	}

	void put(OrderPaymentState state) {
		this.states.pipeInput(state.key(), state);
	}

	@Test
	void keepsEveryVersionOfAnOrderAndFindsItByEitherNumber() {
		put(order("1900000001", "T1", "M1", PaymentStatus.PENDING, 1));
		put(order("1900000001", "T1", "M1", PaymentStatus.CHECKING, 2));
		put(order("1900000001", "T1", "M1", PaymentStatus.PAID, 3));

		List<OrderView> byTradeNo = this.views.lookup("T1");
		assertThat(byTradeNo).hasSize(1);
		assertThat(byTradeNo.get(0).state().status()).isEqualTo(PaymentStatus.PAID);
		assertThat(byTradeNo.get(0).transitions())
			.extracting(Transition::version, Transition::status, Transition::paidSource)
			.containsExactly(tuple(1L, PaymentStatus.PENDING, null), tuple(2L, PaymentStatus.CHECKING, null),
					tuple(3L, PaymentStatus.PAID, NotificationSource.ACTIVE_QUERY));
		assertThat(this.views.lookup("M1")).isEqualTo(byTradeNo);
		assertThat(this.views.lookup("T")).isEmpty();
	}

	@Test
	void keepsTheRefundsOfEveryVersionSoTheLookupTellsWhichRefundChanged() {
		OrderPaymentState paid = order("1900000001", "T1", "M1", PaymentStatus.PAID, 1);
		OrderPaymentState.Refund refund = new OrderPaymentState.Refund("R1", "5030000001", 500, RefundStatus.SUCCESS,
				T0.plusSeconds(300), 500L);
		put(paid);
		put(paid.withStatus(PaymentStatus.PARTIALLY_REFUNDED)
			.withRefunds(500, List.of(refund))
			.withVersion(2, T0.plusSeconds(301)));

		List<Transition> transitions = this.views.lookup("T1").get(0).transitions();
		assertThat(transitions).extracting(Transition::refundList).containsExactly(List.of(), List.of(refund));
		assertThat(Road.of(transitions.get(0), transitions.get(1), T0.plusSeconds(1800)))
			.isEqualTo(new Road(Road.Way.REFUND_NOTIFICATION, Road.Said.REFUND_SUCCESS, 500L));
	}

	@Test
	void findsTheSameOrderNumberOfTwoMerchantsApart() {
		put(order("1900000001", "T1", "M1", PaymentStatus.PAID, 1));
		put(order("1900000002", "T1", "X9", PaymentStatus.PENDING, 1));

		assertThat(this.views.lookup("T1")).extracting((view) -> view.state().mchid(), (view) -> view.state().status())
			.containsExactly(tuple("1900000001", PaymentStatus.PAID), tuple("1900000002", PaymentStatus.PENDING));
		assertThat(this.views.merchants()).containsExactly("1900000001", "1900000002");
	}

	@Test
	void countsOrdersByStateAndIgnoresAVersionSeenBefore() {
		put(order("1900000001", "T1", "M1", PaymentStatus.PENDING, 1));
		put(order("1900000001", "T2", "M2", PaymentStatus.PENDING, 1));
		put(order("1900000001", "T1", "M1", PaymentStatus.PAID, 2));
		put(order("1900000001", "T1", "M1", PaymentStatus.PENDING, 1));
		put(order("1900000002", "T3", "M3", PaymentStatus.CLOSED, 4));

		assertThat(this.views.ordersByStatus(null)).containsEntry(PaymentStatus.PENDING, 1L)
			.containsEntry(PaymentStatus.PAID, 1L)
			.containsEntry(PaymentStatus.CLOSED, 1L)
			.containsEntry(PaymentStatus.CHECKING, 0L);
		assertThat(this.views.ordersByStatus("1900000002")).containsEntry(PaymentStatus.CLOSED, 1L)
			.containsEntry(PaymentStatus.PENDING, 0L);
		assertThat(this.views.lookup("T1").get(0).transitions()).hasSize(2);
	}

	@Test
	void forgetsAnOrderOnItsTombstone() {
		put(order("1900000001", "T1", "M1", PaymentStatus.PENDING, 1));
		this.states.pipeInput("1900000001@T1", null);

		assertThat(this.views.lookup("T1")).isEmpty();
		assertThat(this.views.ordersByStatus(null)).containsEntry(PaymentStatus.PENDING, 0L);
		assertThat(this.views.dueForExpiry(null, T0, T0.plusSeconds(86400), 10).count()).isZero();
	}

	@Test
	void listsOpenOrdersDueForExpiryInTheNextMinutesSoonestFirst() {
		put(order("1900000001", "T1", "M1", PaymentStatus.PENDING, 1));
		OrderPaymentState later = order("1900000001", "T2", "M2", PaymentStatus.PENDING, 1);
		put(new OrderPaymentState(later.mchid(), later.outTradeNo(), later.merchantOrderNo(), later.status(), 100,
				"CNY", null, T0, T0.plusSeconds(3600), null, null, null, null, 0, null, null, null, 0, 1, T0));
		put(order("1900000001", "T3", "M3", PaymentStatus.CHECKING, 2));
		put(order("1900000001", "T4", "M4", PaymentStatus.PAID, 2));

		Views.DueOrders due = this.views.dueForExpiry(null, T0, T0.plusSeconds(1800), 10);

		assertThat(due.count()).isEqualTo(2);
		assertThat(due.soonest()).extracting((order) -> order.order().number(), DueOrder::status)
			.containsExactlyInAnyOrder(tuple("T1", PaymentStatus.PENDING), tuple("T3", PaymentStatus.CHECKING));
		assertThat(this.views.dueForExpiry(null, T0, T0.plusSeconds(3600), 10).count()).isEqualTo(3);
		assertThat(this.views.dueForExpiry(null, T0.plusSeconds(1801), T0.plusSeconds(3600), 10).soonest())
			.extracting((order) -> order.order().number())
			.containsExactly("T2");
		assertThat(this.views.dueForExpiry("1900000002", T0, T0.plusSeconds(3600), 10).count()).isZero();
	}

	static PaymentStats minute(String mchid, int minute, long paid, long amountPaid) {
		Instant start = T0.plusSeconds(60L * minute);
		return new PaymentStats(mchid, start, start.plusSeconds(60), paid + 1, paid, 0, 0, amountPaid + 100, amountPaid,
				0, 0);
	}

	@Test
	void sumsTheMinutesOfAllMerchantsAndKeepsTheLatestRecordOfAWindow() {
		for (PaymentStats stats : List.of(minute("1900000001", 0, 2, 3000), minute("1900000002", 0, 1, 1),
				minute("1900000001", 1, 1, 500), minute("1900000001", 1, 3, 1500), minute("1900000001", 5, 9, 9))) {
			this.stats.pipeInput(PaymentStats.key(stats.mchid(), stats.windowStart()), stats);
		}

		List<MinuteFigures> all = this.views.perMinute(null, T0, T0.plusSeconds(300));
		assertThat(all).extracting(MinuteFigures::windowStart, MinuteFigures::ordersPaid, MinuteFigures::amountPaid)
			.containsExactly(tuple(T0, 3L, 3001L), tuple(T0.plusSeconds(60), 3L, 1500L));
		assertThat(this.views.perMinute("1900000002", T0, T0.plusSeconds(600))).extracting(MinuteFigures::ordersPaid)
			.containsExactly(1L);
		assertThat(this.changes).contains(ViewChanges.View.STATS);
	}

	static PaymentAnomaly anomaly(AnomalyType type, String mchid, String outTradeNo, SuggestedAction action,
			int minute) {
		return new PaymentAnomaly(PaymentAnomaly.idOf(type, mchid, outTradeNo), type, mchid, outTradeNo, "M", null,
				1999L, 2999L, action, "something to look at", "stream-app", T0.plusSeconds(60L * minute));
	}

	@Test
	void listsOpenAnomaliesFirstNewestFirstAndCountsThemByType() {
		List<PaymentAnomaly> sent = List.of(
				anomaly(AnomalyType.AMOUNT_MISMATCH, "1900000001", "T1", SuggestedAction.REVIEW, 1),
				anomaly(AnomalyType.QUERY_FAILED, "1900000001", "T2", SuggestedAction.NONE, 9),
				anomaly(AnomalyType.PAID_AFTER_CLOSE, "1900000002", "T3", SuggestedAction.REFUND, 5),
				anomaly(AnomalyType.PAID_AFTER_CLOSE, "1900000002", "T3", SuggestedAction.REFUND, 5));
		sent.forEach((anomaly) -> this.anomalies.pipeInput(anomaly.key(), anomaly));

		assertThat(this.views.anomalies(null, null, 10)).extracting(PaymentAnomaly::outTradeNo)
			.containsExactly("T3", "T1", "T2");
		assertThat(this.views.anomalies(AnomalyType.PAID_AFTER_CLOSE, null, 10)).hasSize(1);
		assertThat(this.views.anomalies(null, "1900000001", 1)).extracting(PaymentAnomaly::outTradeNo)
			.containsExactly("T1");
		assertThat(this.views.anomalyCounts(null)).isEqualTo(Map.of(AnomalyType.AMOUNT_MISMATCH, 1L,
				AnomalyType.QUERY_FAILED, 1L, AnomalyType.PAID_AFTER_CLOSE, 1L));
	}

	@Test
	void keepsTheLatestStatementOfADayNewestDayFirst() {
		DailyStatement first = statement("1900000001", LocalDate.of(2026, 11, 30), 3);
		DailyStatement rerun = statement("1900000001", LocalDate.of(2026, 11, 30), 0);
		DailyStatement next = statement("1900000001", LocalDate.of(2026, 12, 1), 0);
		for (DailyStatement statement : List.of(first, next, rerun)) {
			this.statements.pipeInput(DailyStatement.key(statement.mchid(), statement.billDate()), statement);
		}

		assertThat(this.views.statements(null)).containsExactly(next, rerun);
	}

	@Test
	void keepsWhereTheLatestRequestOfEachMerchantsDayStandsAndForgetsItOnItsTombstone() {
		TestInputTopic<String, StatementRun> runs = this.driver.createInputTopic(Topic.STATEMENT_RUNS.topicName(),
				new StringSerializer(), Serdes.statementRun().serializer());
		StatementRun asked = StatementRun.requested("1900000001", LocalDate.of(2026, 11, 30), "r1", "finance.li", T0);
		StatementRun other = StatementRun.requested("1900000002", LocalDate.of(2026, 12, 1), "r2", "finance.li", T0);
		StatementRun retrying = asked.with(StatementRunStatus.RETRYING, 1, "BILL_NOT_READY: not yet",
				T0.plusSeconds(1800), T0.plusSeconds(2));
		StatementRun done = asked.with(StatementRunStatus.DONE, 2, null, null, T0.plusSeconds(1802));
		runs.pipeInput(asked.key(), asked);
		runs.pipeInput(other.key(), other);
		runs.pipeInput(asked.key(), retrying);

		assertThat(this.views.statementRuns(null)).containsExactly(other, retrying);
		assertThat(this.views.statementRuns("1900000001")).containsExactly(retrying);
		assertThat(this.changes).contains(ViewChanges.View.STATEMENT_RUNS);

		runs.pipeInput(asked.key(), done);
		runs.pipeInput(other.key(), null);
		assertThat(this.views.statementRuns(null)).containsExactly(done);
	}

	static DailyStatement statement(String mchid, LocalDate day, long missing) {
		return new DailyStatement(mchid, day, 10, 19990, 1, 1999, 119940, 10, 19990, 10 - missing, 19990, 17871060,
				List.of(new DailyStatement.ClassTotal(DifferenceClass.MATCHED, 10 - missing, 19990),
						new DailyStatement.ClassTotal(DifferenceClass.MISSING_LOCALLY, missing, missing * 1999)),
				0, missing, T0);
	}

}
