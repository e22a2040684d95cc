package io.paytally.dashboard.view;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.paytally.schemas.AnomalyType;
import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.MerchantKey;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.PaymentStats;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.StatementRun;
import io.paytally.schemas.SuggestedAction;

/**
 * The questions the page asks of the views. Every answer reads the stores (range and
 * prefix scans), never the whole order set: the cost grows with what is shown.
 */
public class Views {

	/** Anomalies whose suggested action is not NONE still ask for someone to act. */
	public static final Comparator<PaymentAnomaly> OPEN_FIRST_NEWEST_FIRST = Comparator
		.comparing((PaymentAnomaly anomaly) -> !isOpen(anomaly))
		.thenComparing(PaymentAnomaly::detectedAt, Comparator.reverseOrder())
		.thenComparing(PaymentAnomaly::anomalyId);

	private final StoreAccess stores;

	public Views(StoreAccess stores) {
		this.stores = stores;
	}

	/** Whether an anomaly still asks for an action. */
	public static boolean isOpen(PaymentAnomaly anomaly) {
		return anomaly.action() != SuggestedAction.NONE;
	}

	/**
	 * The figures per minute in {@code [from, to)}, of one merchant or, when
	 * {@code mchid} is null, of all; minutes without a record are absent.
	 */
	public List<MinuteFigures> perMinute(String mchid, Instant from, Instant to) {
		TreeMap<Instant, MinuteFigures> minutes = new TreeMap<>();
		ReadOnlyKeyValueStore<String, PaymentStats> store = this.stores.store(Stores.STATS);
		try (KeyValueIterator<String, PaymentStats> it = store.range(Stores.time(from), Stores.time(to))) {
			while (it.hasNext()) {
				PaymentStats stats = it.next().value;
				if (stats.windowStart().isBefore(from) || !stats.windowStart().isBefore(to)
						|| (mchid != null && !mchid.equals(stats.mchid()))) {
					continue;
				}
				minutes.merge(stats.windowStart(), MinuteFigures.of(stats), MinuteFigures::plus);
			}
		}
		return new ArrayList<>(minutes.values());
	}

	/** The open and settled orders by state, of one merchant or of all. */
	public Map<PaymentStatus, Long> ordersByStatus(String mchid) {
		Map<PaymentStatus, Long> counts = new EnumMap<>(PaymentStatus.class);
		for (PaymentStatus status : PaymentStatus.values()) {
			counts.put(status, 0L);
		}
		each(Stores.STATUS_COUNTS, (KeyValue<String, Long> entry) -> {
			if (mchid == null || mchid.equals(Stores.first(entry.key))) {
				counts.merge(PaymentStatus.valueOf(Stores.last(entry.key)), entry.value, Long::sum);
			}
		});
		return counts;
	}

	/** Every merchant the views have seen, sorted. */
	public Set<String> merchants() {
		Set<String> merchants = new TreeSet<>();
		each(Stores.STATUS_COUNTS, (KeyValue<String, Long> entry) -> merchants.add(Stores.first(entry.key)));
		each(Stores.STATEMENTS, (KeyValue<String, DailyStatement> entry) -> merchants.add(entry.value.mchid()));
		return merchants;
	}

	/**
	 * The open orders (PENDING, CHECKING) that expire in {@code [from, until]}, soonest
	 * first. Orders already overdue are not counted: they are the CHECKING ones (or about
	 * to be), and counting them would cost a scan of every overdue order during an
	 * outage.
	 * @param limit at most this many are listed; {@link DueOrders#count()} counts them
	 * all
	 */
	public DueOrders dueForExpiry(String mchid, Instant from, Instant until, int limit) {
		// the latest-expiring of the soonest "limit" on top, so the list stays bounded
		PriorityQueue<DueOrder> soonest = new PriorityQueue<>(Comparator.comparing(DueOrder::expireAt).reversed());
		long count = 0;
		ReadOnlyKeyValueStore<String, String> store = this.stores.store(Stores.OPEN_BY_EXPIRY);
		try (KeyValueIterator<String, String> it = store.range(Stores.time(from), Stores.time(until.plusMillis(1)))) {
			while (it.hasNext()) {
				KeyValue<String, String> entry = it.next();
				MerchantKey order = MerchantKey.parse(Stores.last(entry.key));
				if (mchid != null && !mchid.equals(order.mchid())) {
					continue;
				}
				count++;
				soonest.add(new DueOrder(order, PaymentStatus.valueOf(entry.value),
						Instant.ofEpochMilli(Long.parseLong(Stores.first(entry.key)))));
				if (soonest.size() > limit) {
					soonest.poll();
				}
			}
		}
		List<DueOrder> due = new ArrayList<>(soonest);
		due.sort(Comparator.comparing(DueOrder::expireAt));
		return new DueOrders(count, due);
	}

	/**
	 * The anomalies, open first, newest first, of a type and merchant when given.
	 */
	public List<PaymentAnomaly> anomalies(AnomalyType type, String mchid, int limit) {
		List<PaymentAnomaly> anomalies = new ArrayList<>();
		each(Stores.ANOMALIES, (KeyValue<String, PaymentAnomaly> entry) -> {
			PaymentAnomaly anomaly = entry.value;
			if ((type == null || type == anomaly.type()) && (mchid == null || mchid.equals(anomaly.mchid()))) {
				anomalies.add(anomaly);
			}
		});
		anomalies.sort(OPEN_FIRST_NEWEST_FIRST);
		return anomalies.subList(0, Math.min(limit, anomalies.size()));
	}

	/** How many anomalies of each type, of one merchant or of all. */
	public Map<AnomalyType, Long> anomalyCounts(String mchid) {
		Map<AnomalyType, Long> counts = new EnumMap<>(AnomalyType.class);
		each(Stores.ANOMALIES, (KeyValue<String, PaymentAnomaly> entry) -> {
			if (mchid == null || mchid.equals(entry.value.mchid())) {
				counts.merge(entry.value.type(), 1L, Long::sum);
			}
		});
		return counts;
	}

	/**
	 * The orders whose out_trade_no or merchant order number is {@code number}, of every
	 * merchant, with their histories.
	 */
	public List<OrderView> lookup(String number) {
		Set<String> keys = new LinkedHashSet<>();
		ReadOnlyKeyValueStore<String, String> numbers = this.stores.store(Stores.NUMBERS);
		for (String kind : List.of("T", "M")) {
			try (KeyValueIterator<String, String> it = numbers.prefixScan(Stores.numberPrefix(kind, number),
					new StringSerializer())) {
				it.forEachRemaining((KeyValue<String, String> entry) -> keys.add(entry.value));
			}
		}
		ReadOnlyKeyValueStore<String, OrderPaymentState> orders = this.stores.store(Stores.ORDERS);
		ReadOnlyKeyValueStore<String, Transition> history = this.stores.store(Stores.HISTORY);
		List<OrderView> found = new ArrayList<>();
		for (String key : keys) {
			OrderPaymentState state = orders.get(key);
			if (state == null) {
				continue;
			}
			List<Transition> transitions = new ArrayList<>();
			try (KeyValueIterator<String, Transition> it = history.prefixScan(Stores.historyPrefix(key),
					new StringSerializer())) {
				it.forEachRemaining((KeyValue<String, Transition> entry) -> transitions.add(entry.value));
			}
			transitions.sort(Comparator.comparingLong(Transition::version));
			found.add(new OrderView(state, transitions));
		}
		found.sort(Comparator.comparing((OrderView view) -> view.state().mchid())
			.thenComparing((OrderView view) -> view.state().outTradeNo()));
		return found;
	}

	/** The statements, newest day first, of one merchant or of all. */
	public List<DailyStatement> statements(String mchid) {
		List<DailyStatement> statements = new ArrayList<>();
		each(Stores.STATEMENTS, (KeyValue<String, DailyStatement> entry) -> {
			if (mchid == null || mchid.equals(entry.value.mchid())) {
				statements.add(entry.value);
			}
		});
		statements.sort(Comparator.comparing(DailyStatement::billDate, Comparator.reverseOrder())
			.thenComparing(DailyStatement::mchid));
		return statements;
	}

	/**
	 * The latest request to run a statement of each merchant's day, newest day first, of
	 * one merchant or of all.
	 */
	public List<StatementRun> statementRuns(String mchid) {
		List<StatementRun> runs = new ArrayList<>();
		each(Stores.STATEMENT_RUNS, (KeyValue<String, StatementRun> entry) -> {
			if (mchid == null || mchid.equals(entry.value.mchid())) {
				runs.add(entry.value);
			}
		});
		runs.sort(Comparator.comparing(StatementRun::billDate, Comparator.reverseOrder())
			.thenComparing(StatementRun::mchid));
		return runs;
	}

	private <V> void each(String storeName, Consumer<KeyValue<String, V>> action) {
		ReadOnlyKeyValueStore<String, V> store = this.stores.store(storeName);
		try (KeyValueIterator<String, V> it = store.all()) {
			it.forEachRemaining(action);
		}
	}

	/**
	 * The open orders due for expiry.
	 *
	 * @param count how many
	 * @param soonest the first of them, soonest first
	 */
	public record DueOrders(long count, List<DueOrder> soonest) {

	}

}
