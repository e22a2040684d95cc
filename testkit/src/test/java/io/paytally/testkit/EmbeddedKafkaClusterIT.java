package io.paytally.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.paytally.schemas.topics.Topic;
import io.paytally.schemas.topics.TopicSettings;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedKafkaClusterIT {

	@Test
	void threeBrokersKeepEveryTopicOnThreeReplicasAndAcceptWritesWhileOneIsDown() throws Exception {
		try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(3);
				Admin admin = Admin
					.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
			assertThat(kafka.bootstrapServers().split(",")).hasSize(3);
			TopicDescription state = admin.describeTopics(List.of(Topic.ORDER_STATE.topicName()))
				.allTopicNames()
				.get(30, TimeUnit.SECONDS)
				.get(Topic.ORDER_STATE.topicName());
			assertThat(state.partitions()).hasSize(6).allSatisfy((partition) -> {
				assertThat(partition.replicas()).hasSize(3);
				assertThat(partition.isr()).hasSize(3);
			});
			assertThat(topicConfig(admin, Topic.ORDER_STATE.topicName())).containsEntry("min.insync.replicas", "2")
				.containsEntry("unclean.leader.election.enable", "false");
			assertThat(brokerConfig(admin, "0")).containsEntry("transaction.state.log.replication.factor", "3")
				.containsEntry("transaction.state.log.min.isr", "2")
				.containsEntry("offsets.topic.replication.factor", "3")
				.containsEntry("min.insync.replicas", "2")
				.containsEntry("unclean.leader.election.enable", "false")
				.containsEntry("auto.create.topics.enable", "false");

			kafka.stopBroker(1);
			assertThat(kafka.isRunning(1)).isFalse();
			RecordMetadata written = write(kafka, "1900000001@T-1");
			assertThat(written.offset()).isNotNegative();

			kafka.restartBroker(1);
			assertThat(kafka.isRunning(1)).isTrue();
			assertThat(write(kafka, "1900000001@T-2").offset()).isNotNegative();
		}
	}

	@Test
	void oneBrokerKeepsItsLogsUnderTheGivenDirectoryWithTheCatalogsTopics(@TempDir Path data) throws Exception {
		Path dir = data.resolve("kafka");
		try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(1, TopicSettings.SINGLE_BROKER, dir);
				Admin admin = Admin
					.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
			Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
			assertThat(topics).containsAll(Stream.of(Topic.values()).map(Topic::topicName).toList());
			assertThat(brokerConfig(admin, "0")).containsEntry("transaction.state.log.replication.factor", "1")
				.containsEntry("transaction.state.log.min.isr", "1")
				.containsEntry("auto.create.topics.enable", "false");
			assertThat(partitionDirectories(dir)).anyMatch((name) -> name.startsWith("orders.state-"));
		}
		assertThat(dir).isDirectory();
	}

	private static RecordMetadata write(EmbeddedKafkaCluster kafka, String key) throws Exception {
		Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
				ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 35_000);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
				new StringSerializer())) {
			return producer.send(new ProducerRecord<>(Topic.ORDER_EVENTS.topicName(), key, "{}"))
				.get(40, TimeUnit.SECONDS);
		}
	}

	private static Map<String, String> brokerConfig(Admin admin, String brokerId) throws Exception {
		return config(admin, new ConfigResource(ConfigResource.Type.BROKER, brokerId));
	}

	private static Map<String, String> topicConfig(Admin admin, String topic) throws Exception {
		return config(admin, new ConfigResource(ConfigResource.Type.TOPIC, topic));
	}

	private static Map<String, String> config(Admin admin, ConfigResource resource) throws Exception {
		return admin.describeConfigs(Set.of(resource))
			.all()
			.get(30, TimeUnit.SECONDS)
			.get(resource)
			.entries()
			.stream()
			.filter((entry) -> entry.value() != null)
			.collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
	}

	/**
	 * The directory names under the broker's log directory once orders.state's partitions
	 * are among them, or after 30 s: a partition's directory appears only when the broker
	 * takes the partition's leadership.
	 */
	private static List<String> partitionDirectories(Path dir) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (true) {
			List<String> names;
			try (Stream<Path> files = Files.walk(dir, 2)) {
				names = files.filter(Files::isDirectory).map((path) -> path.getFileName().toString()).toList();
			}
			catch (java.io.UncheckedIOException ex) {
				names = List.of();
			}
			if (names.stream().anyMatch((name) -> name.startsWith("orders.state-")) || System.nanoTime() > deadline) {
				return names;
			}
			Thread.sleep(100);
		}
	}

}
