package io.paytally.local.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import io.paytally.schemas.topics.Topic;
import io.paytally.schemas.topics.TopicCatalog;
import io.paytally.schemas.topics.TopicSettings;

/**
 * Creates the catalog's topics on a cluster (the brokers never auto-create them): at the
 * demo's start and as {@code paytally topics}, the init step of docker compose.
 */
public final class KafkaTopics {

	private KafkaTopics() {
	}

	/**
	 * Creates the missing catalog topics and waits until every partition has a leader.
	 * @return the topics created
	 */
	public static List<String> createCatalog(String bootstrapServers, TopicSettings settings) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				30_000))) {
			List<String> created = new TopicCatalog(settings).createMissing(admin);
			awaitLeaders(admin, Duration.ofSeconds(60));
			return created;
		}
	}

	/**
	 * {@link #createCatalog} with retries while the cluster is not reachable yet (a
	 * container that has just started).
	 */
	public static List<String> createCatalog(String bootstrapServers, TopicSettings settings, Duration patience) {
		long deadline = System.nanoTime() + patience.toNanos();
		while (true) {
			try {
				return createCatalog(bootstrapServers, settings);
			}
			catch (RuntimeException ex) {
				if (System.nanoTime() - deadline > 0) {
					throw ex;
				}
				sleep(Duration.ofSeconds(2));
			}
		}
	}

	private static void awaitLeaders(Admin admin, Duration timeout) {
		List<String> names = java.util.Arrays.stream(Topic.values()).map(Topic::topicName).toList();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			try {
				boolean led = admin.describeTopics(names)
					.allTopicNames()
					.get(10, TimeUnit.SECONDS)
					.values()
					.stream()
					.flatMap((topic) -> topic.partitions().stream())
					.allMatch((partition) -> partition.leader() != null && !partition.leader().isEmpty());
				if (led) {
					return;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for partition leaders", ex);
			}
			catch (Exception ex) {
				if (System.nanoTime() - deadline > 0) {
					throw new IllegalStateException("The catalog's topics have no leaders after " + timeout, ex);
				}
			}
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("The catalog's topics have no leaders after " + timeout);
			}
			sleep(Duration.ofMillis(200));
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
