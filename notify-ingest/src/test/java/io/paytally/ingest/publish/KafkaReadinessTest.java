package io.paytally.ingest.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.paytally.schemas.topics.Topic;
import io.paytally.schemas.topics.TopicCatalog;
import io.paytally.schemas.topics.TopicSettings;
import io.paytally.testkit.MutableClock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeConfigsResult;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class KafkaReadinessTest {

	private static final String PAYMENTS = Topic.PAYMENT_NOTIFICATIONS.topicName();

	private static final String REFUNDS = Topic.REFUND_NOTIFICATIONS.topicName();

	private static final String UNKNOWN = Topic.UNKNOWN_NOTIFICATIONS.topicName();

	private static final List<Node> NODES = List.of(new Node(0, "k0", 9092), new Node(1, "k1", 9092),
			new Node(2, "k2", 9092));

	@Test
	void isReadyWhileEveryPartitionHasItsTopicsMinInsyncReplicasInSync() {
		Health health = KafkaReadiness.decide(2,
				List.of(topic(PAYMENTS, 3, 2), topic(REFUNDS, 3, 2), topic(UNKNOWN, 3, 3)),
				Map.of(PAYMENTS, 2, REFUNDS, 2, UNKNOWN, 2));

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsExactlyEntriesOf(Map.of("nodes", 2));
	}

	@Test
	void isNotReadyNamingEachPartitionWithFewerInSyncReplicasThanItsTopicsMinInsyncReplicas() {
		TopicDescription payments = new TopicDescription(PAYMENTS, false,
				List.of(partition(0, 3), partition(1, 1), partition(2, 2)));

		Health health = KafkaReadiness.decide(1, List.of(payments, topic(REFUNDS, 2, 1), topic(UNKNOWN, 2, 1)),
				Map.of(PAYMENTS, 2, REFUNDS, 2, UNKNOWN, 1));

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("nodes", 1)
			.containsEntry("reason", "fewer in-sync replicas than min.insync.replicas: a callback cannot be written")
			.containsEntry("belowMinIsr",
					List.of(Map.of("topic", PAYMENTS, "partition", 1, "isr", 1, "minIsr", 2),
							Map.of("topic", REFUNDS, "partition", 0, "isr", 1, "minIsr", 2),
							Map.of("topic", REFUNDS, "partition", 1, "isr", 1, "minIsr", 2)));
	}

	@Test
	void readsMinInsyncReplicasFromTheTopicsConfigAndReusesACheckForItsTtl() {
		MutableClock clock = new MutableClock(Instant.parse("2026-12-02T03:00:00Z"));
		Admin admin = mock(Admin.class);
		DescribeClusterResult cluster = mock(DescribeClusterResult.class);
		when(cluster.nodes()).thenReturn(KafkaFuture.completedFuture(NODES));
		when(admin.describeCluster(any())).thenReturn(cluster);
		DescribeConfigsResult configs = mock(DescribeConfigsResult.class);
		when(configs.all()).thenReturn(KafkaFuture.completedFuture(KafkaReadiness.WRITTEN_TOPICS.stream()
			.collect(Collectors.toMap((name) -> new ConfigResource(ConfigResource.Type.TOPIC, name),
					(name) -> new Config(List.of(new ConfigEntry("min.insync.replicas", "2")))))));
		when(admin.describeConfigs(anyCollection(), any())).thenReturn(configs);
		DescribeTopicsResult inSync = described(3);
		DescribeTopicsResult oneInSync = described(1);
		when(admin.describeTopics(anyCollection(), any())).thenReturn(inSync, oneInSync, inSync);
		// the catalog's setting says 1: the topics' config (2) decides
		KafkaReadiness readiness = new KafkaReadiness(admin,
				new TopicBootstrap(new TopicCatalog(new TopicSettings(6, (short) 3, 1, Map.of())), admin, false), clock,
				Duration.ofSeconds(2), Duration.ofSeconds(1), 1);

		for (int probe = 0; probe < 100; probe++) {
			assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
		}
		clock.advance(Duration.ofSeconds(2));
		Health belowMinIsr = readiness.health();
		clock.advance(Duration.ofSeconds(1));
		assertThat(readiness.health()).isSameAs(belowMinIsr);
		clock.advance(Duration.ofSeconds(1));
		Health recovered = readiness.health();

		assertThat(belowMinIsr.getStatus()).isEqualTo(Status.DOWN);
		assertThat(belowMinIsr.getDetails().get("belowMinIsr"))
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.hasSize(18);
		assertThat(recovered.getStatus()).isEqualTo(Status.UP);
		verify(admin, times(3)).describeTopics(anyCollection(), any());
		verify(admin, times(1)).describeConfigs(anyCollection(), any());
	}

	private static DescribeTopicsResult described(int inSync) {
		DescribeTopicsResult result = mock(DescribeTopicsResult.class);
		Map<String, TopicDescription> topics = KafkaReadiness.WRITTEN_TOPICS.stream()
			.collect(Collectors.toMap((name) -> name, (name) -> topic(name, 6, inSync)));
		when(result.allTopicNames()).thenReturn(KafkaFuture.completedFuture(topics));
		return result;
	}

	/** A topic of that many partitions, each with that many replicas in sync (of 3). */
	private static TopicDescription topic(String name, int partitions, int inSync) {
		return new TopicDescription(name, false,
				IntStream.range(0, partitions).mapToObj((p) -> partition(p, inSync)).toList());
	}

	private static TopicPartitionInfo partition(int partition, int inSync) {
		return new TopicPartitionInfo(partition, NODES.get(0), NODES, NODES.subList(0, inSync));
	}

}
