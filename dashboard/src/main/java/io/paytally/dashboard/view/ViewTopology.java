package io.paytally.dashboard.view;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import io.paytally.schemas.topics.Topic;

/**
 * The dashboard's topology: one source per state topic, each feeding its processor and
 * its persistent (RocksDB) stores. Nothing is written back to our topics; the stores'
 * changelogs let a new instance restore without reading the topics' whole history.
 */
public final class ViewTopology {

	private ViewTopology() {
	}

	/** The topology, telling {@code changes} of every change. */
	public static Topology build(ViewChanges changes) {
		Serde<String> keys = Serdes.String();
		Topology topology = new Topology();

		topology.addSource("order-state", keys.deserializer(),
				io.paytally.schemas.serde.Serdes.orderPaymentState().deserializer(), Topic.ORDER_STATE.topicName());
		topology.addProcessor("order-views", () -> new OrderStateProcessor(changes), "order-state");
		topology.addStateStore(store(Stores.ORDERS, io.paytally.schemas.serde.Serdes.orderPaymentState()),
				"order-views");
		topology.addStateStore(store(Stores.HISTORY, io.paytally.schemas.serde.JsonSerde.of(Transition.class)),
				"order-views");
		topology.addStateStore(store(Stores.NUMBERS, Serdes.String()), "order-views");
		topology.addStateStore(store(Stores.OPEN_BY_EXPIRY, Serdes.String()), "order-views");
		topology.addStateStore(store(Stores.STATUS_COUNTS, Serdes.Long()), "order-views");

		topology.addSource("stats", keys.deserializer(), io.paytally.schemas.serde.Serdes.paymentStats().deserializer(),
				Topic.STATS.topicName());
		topology.addProcessor("stats-view", () -> new StatsProcessor(changes), "stats");
		topology.addStateStore(store(Stores.STATS, io.paytally.schemas.serde.Serdes.paymentStats()), "stats-view");

		topology.addSource("anomalies", keys.deserializer(),
				io.paytally.schemas.serde.Serdes.paymentAnomaly().deserializer(), Topic.ANOMALIES.topicName());
		topology.addProcessor("anomaly-view", () -> new AnomalyProcessor(changes), "anomalies");
		topology.addStateStore(store(Stores.ANOMALIES, io.paytally.schemas.serde.Serdes.paymentAnomaly()),
				"anomaly-view");

		topology.addSource("statements", keys.deserializer(),
				io.paytally.schemas.serde.Serdes.dailyStatement().deserializer(), Topic.STATEMENTS.topicName());
		topology.addProcessor("statement-view", () -> new StatementProcessor(changes), "statements");
		topology.addStateStore(store(Stores.STATEMENTS, io.paytally.schemas.serde.Serdes.dailyStatement()),
				"statement-view");

		topology.addSource("statement-runs", keys.deserializer(),
				io.paytally.schemas.serde.Serdes.statementRun().deserializer(), Topic.STATEMENT_RUNS.topicName());
		topology.addProcessor("statement-run-view", () -> new StatementRunProcessor(changes), "statement-runs");
		topology.addStateStore(store(Stores.STATEMENT_RUNS, io.paytally.schemas.serde.Serdes.statementRun()),
				"statement-run-view");
		return topology;
	}

	private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
		return org.apache.kafka.streams.state.Stores
			.keyValueStoreBuilder(org.apache.kafka.streams.state.Stores.persistentKeyValueStore(name), Serdes.String(),
					values)
			.withCachingEnabled();
	}

}
