package io.paytally.schemas.topics;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicCatalogTest {

	private final TopicCatalog catalog = new TopicCatalog(
			new TopicSettings(12, (short) 3, 2, Map.of("orders.stats", 3, "recon.statements", 1)));

	@Test
	void declaresEveryTopicOnce() {
		List<NewTopic> topics = this.catalog.newTopics();

		assertThat(topics).extracting(NewTopic::name)
			.containsExactly("wxpay.payment-notifications", "wxpay.refund-notifications", "wxpay.unknown-notifications",
					"orders.events", "orders.state", "orders.anomalies", "orders.expiry-checks", "orders.stats",
					"recon.statements", "recon.statement-runs", "paytally.dead-letters");
	}

	@Test
	void givesEveryTopicItsPartitionsAndReplicas() {
		assertThat(this.catalog.newTopics()).allSatisfy((topic) -> {
			assertThat(topic.replicationFactor()).isEqualTo((short) 3);
			assertThat(topic.numPartitions()).isEqualTo(switch (topic.name()) {
				case "orders.stats" -> 3;
				case "recon.statements" -> 1;
				default -> 12;
			});
		});
	}

	@Test
	void compactsTheTopicsKeyedByWhatTheyDescribe() {
		assertThat(configsOf(Topic.PAYMENT_NOTIFICATIONS))
			.isEqualTo(Map.of("cleanup.policy", "compact", "min.insync.replicas", "2"));
		assertThat(configsOf(Topic.REFUND_NOTIFICATIONS))
			.isEqualTo(Map.of("cleanup.policy", "compact", "min.insync.replicas", "2"));
		assertThat(configsOf(Topic.ORDER_STATE))
			.isEqualTo(Map.of("cleanup.policy", "compact", "min.insync.replicas", "2"));
		assertThat(configsOf(Topic.STATS)).isEqualTo(Map.of("cleanup.policy", "compact", "min.insync.replicas", "2"));
		assertThat(configsOf(Topic.STATEMENTS))
			.isEqualTo(Map.of("cleanup.policy", "compact", "min.insync.replicas", "2"));
		assertThat(configsOf(Topic.STATEMENT_RUNS))
			.isEqualTo(Map.of("cleanup.policy", "compact", "min.insync.replicas", "2"));
	}

	@Test
	void deletesEventsAfterTheirRetention() {
		assertThat(configsOf(Topic.ORDER_EVENTS)).isEqualTo(Map.of("cleanup.policy", "delete", "min.insync.replicas",
				"2", "retention.ms", Long.toString(Duration.ofDays(30).toMillis())));
		assertThat(configsOf(Topic.ANOMALIES)).isEqualTo(Map.of("cleanup.policy", "delete", "min.insync.replicas", "2",
				"retention.ms", Long.toString(Duration.ofDays(90).toMillis())));
		assertThat(configsOf(Topic.EXPIRY_CHECKS)).isEqualTo(Map.of("cleanup.policy", "delete", "min.insync.replicas",
				"2", "retention.ms", Long.toString(Duration.ofDays(7).toMillis())));
		assertThat(configsOf(Topic.DEAD_LETTERS)).isEqualTo(Map.of("cleanup.policy", "delete", "min.insync.replicas",
				"2", "retention.ms", Long.toString(Duration.ofDays(30).toMillis())));
	}

	@Test
	void keepsCompactedTopicsForeverAndDeleteTopicsForAWhile() {
		assertThat(Topic.values()).allSatisfy((topic) -> assertThat(Optional.ofNullable(topic.retention()).isPresent())
			.isEqualTo(topic.cleanup() == Topic.Cleanup.DELETE));
	}

	@Test
	void namesTopicsUniquely() {
		assertThat(Arrays.stream(Topic.values()).map(Topic::topicName)).doesNotHaveDuplicates();
	}

	@Test
	void keysTheOrderTopicsByMerchantAndOutTradeNoSoThatTheyAreCoPartitioned() {
		assertThat(List.of(Topic.PAYMENT_NOTIFICATIONS, Topic.ORDER_EVENTS, Topic.ORDER_STATE, Topic.ANOMALIES,
				Topic.EXPIRY_CHECKS))
			.extracting(Topic::key)
			.containsOnly("mchid@out_trade_no");
	}

	@Test
	void neverLetsAReplicaThatFellBehindLeadAnyTopic() {
		assertThat(this.catalog.newTopics()).allSatisfy(
				(topic) -> assertThat(topic.configs()).containsEntry("unclean.leader.election.enable", "false"));
	}

	/** A topic's configs but the unclean leader election, which every topic has off. */
	private Map<String, String> configsOf(Topic topic) {
		Map<String, String> configs = new HashMap<>(this.catalog.newTopic(topic).configs());
		configs.remove("unclean.leader.election.enable");
		return configs;
	}

}
