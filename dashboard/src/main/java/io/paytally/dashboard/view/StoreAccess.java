package io.paytally.dashboard.view;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Opens a view store for reading: over all local partitions in the service, a test
 * driver's store in unit tests.
 */
public interface StoreAccess {

	/**
	 * The named store.
	 * @throws ViewsNotReadyException while the stores are restoring or rebalancing
	 */
	<V> ReadOnlyKeyValueStore<String, V> store(String name);

}
