package io.paytally.schemas.topics;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TopicSettingsTest {

	@Test
	void singleBrokerHasSixPartitionsAndOneReplica() {
		assertThat(TopicSettings.SINGLE_BROKER).isEqualTo(new TopicSettings(6, (short) 1, 1, Map.of()));
	}

	@Test
	void aClusterHasThreeReplicasTwoOfThemInSyncForAWrite() {
		assertThat(TopicSettings.CLUSTER).isEqualTo(new TopicSettings(6, (short) 3, 2, Map.of()));
		assertThat(TopicSettings.forBrokers(5)).isEqualTo(TopicSettings.CLUSTER);
	}

	@Test
	void aClusterOfFewerThanThreeBrokersHasAsManyReplicasAsBrokers() {
		assertThat(TopicSettings.forBrokers(2)).isEqualTo(new TopicSettings(6, (short) 2, 2, Map.of()));
		assertThat(TopicSettings.forBrokers(1)).isEqualTo(TopicSettings.SINGLE_BROKER);
	}

	@Test
	void givesEveryTopicTheDefaultPartitionsUnlessOverridden() {
		TopicSettings settings = new TopicSettings(12, (short) 3, 2, Map.of("orders.stats", 3));

		assertThat(settings.partitionsOf(Topic.STATS)).isEqualTo(3);
		assertThat(settings.partitionsOf(Topic.ORDER_STATE)).isEqualTo(12);
	}

	@Test
	void copiesTheOverrides() {
		Map<String, Integer> overrides = new HashMap<>(Map.of("orders.stats", 3));
		TopicSettings settings = new TopicSettings(12, (short) 3, 2, overrides);
		overrides.put("orders.state", 1);

		assertThat(settings.partitionOverrides()).isEqualTo(Map.of("orders.stats", 3));
	}

	@Test
	void treatsMissingOverridesAsNone() {
		assertThat(new TopicSettings(1, (short) 1, 1, null).partitionOverrides()).isEmpty();
	}

	@Test
	void refusesNoPartitions() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TopicSettings(0, (short) 1, 1, Map.of()))
			.withMessage("partitions must be at least 1");
	}

	@Test
	void refusesNoReplicas() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TopicSettings(1, (short) 0, 1, Map.of()))
			.withMessage("replicationFactor must be at least 1");
	}

	@Test
	void refusesMoreInSyncReplicasThanReplicas() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TopicSettings(1, (short) 2, 3, Map.of()))
			.withMessage("minInsyncReplicas must be between 1 and the replication factor");
		assertThatIllegalArgumentException().isThrownBy(() -> new TopicSettings(1, (short) 2, 0, Map.of()))
			.withMessage("minInsyncReplicas must be between 1 and the replication factor");
	}

}
