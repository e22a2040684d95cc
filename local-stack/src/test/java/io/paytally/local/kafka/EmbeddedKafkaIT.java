package io.paytally.local.kafka;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.paytally.schemas.topics.Topic;
import io.paytally.schemas.topics.TopicSettings;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedKafkaIT {

	@Test
	void keepsItsLogsUnderTheDataDirectoryWithTheCatalogsTopicsAndNoAutoCreation(@TempDir Path data) throws Exception {
		Path dir = data.resolve("kafka");
		try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, TopicSettings.SINGLE_BROKER);
				Admin admin = Admin
					.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
			Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
			assertThat(topics).containsAll(Arrays.stream(Topic.values()).map(Topic::topicName).toList());
			String brokerId = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).iterator().next().idString();
			Map<String, String> config = admin
				.describeConfigs(Set.of(new ConfigResource(ConfigResource.Type.BROKER, brokerId)))
				.all()
				.get(30, TimeUnit.SECONDS)
				.values()
				.iterator()
				.next()
				.entries()
				.stream()
				.filter((entry) -> entry.value() != null)
				.collect(java.util.stream.Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
			assertThat(config).containsEntry("auto.create.topics.enable", "false")
				.containsEntry("transaction.state.log.replication.factor", "1")
				.containsEntry("transaction.state.log.min.isr", "1");
			assertThat(partitionDirectories(dir)).anyMatch((name) -> name.startsWith("orders.state-"));
		}
	}

	/**
	 * The directory names under the broker's log directory once orders.state's partitions
	 * are among them, or after 30 s: a partition's directory appears only when the broker
	 * takes the partition's leadership, after the topic is listed.
	 */
	private static List<String> partitionDirectories(Path dir) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (true) {
			List<String> names;
			try (var files = Files.walk(dir, 2)) {
				names = files.filter(Files::isDirectory).map((path) -> path.getFileName().toString()).toList();
			}
			catch (UncheckedIOException ex) {
				// a checkpoint file replaced while walking: look again
				names = List.of();
			}
			if (names.stream().anyMatch((name) -> name.startsWith("orders.state-")) || System.nanoTime() > deadline) {
				return names;
			}
			Thread.sleep(100);
		}
	}

}
