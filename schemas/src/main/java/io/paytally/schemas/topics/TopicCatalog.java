package io.paytally.schemas.topics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates the topics of {@link Topic} on a cluster. The only place topics are created:
 * the brokers have auto-creation off.
 */
public final class TopicCatalog {

	private final TopicSettings settings;

	public TopicCatalog(TopicSettings settings) {
		this.settings = settings;
	}

	/** The topics to create, with their partition counts and configs. */
	public List<NewTopic> newTopics() {
		List<NewTopic> topics = new ArrayList<>();
		for (Topic topic : Topic.values()) {
			topics.add(newTopic(topic));
		}
		return topics;
	}

	/** One topic to create. */
	public NewTopic newTopic(Topic topic) {
		Map<String, String> configs = new HashMap<>();
		configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, topic.cleanup().policy());
		configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(this.settings.minInsyncReplicas()));
		// a replica that fell behind never becomes the leader: no acknowledged write is
		// lost
		configs.put(TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false");
		if (topic.retention() != null) {
			configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retention().toMillis()));
		}
		return new NewTopic(topic.topicName(), this.settings.partitionsOf(topic), this.settings.replicationFactor())
			.configs(configs);
	}

	/**
	 * Creates the topics that do not exist yet; existing topics are left as they are.
	 * @param admin a client of the cluster
	 * @return the names of the topics created
	 */
	public List<String> createMissing(Admin admin) {
		try {
			Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
			List<NewTopic> missing = newTopics().stream().filter((t) -> !existing.contains(t.name())).toList();
			if (!missing.isEmpty()) {
				admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
			}
			return missing.stream().map(NewTopic::name).toList();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating topics", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not create the topics of the catalog", ex);
		}
	}

}
