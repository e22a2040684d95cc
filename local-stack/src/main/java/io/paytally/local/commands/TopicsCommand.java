package io.paytally.local.commands;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import io.paytally.local.cli.DurationConverter;
import io.paytally.local.kafka.KafkaTopics;
import io.paytally.schemas.topics.TopicSettings;

/**
 * {@code paytally topics}: creates the catalog's topics, waiting for the cluster.
 */
@Command(name = "topics", sortOptions = false,
		description = "Create the topic catalog's topics on a cluster (docker compose's init step).")
public final class TopicsCommand implements Callable<Integer> {

	private final PrintStream out;

	@Spec
	private CommandSpec command;

	@Option(names = "--kafka", paramLabel = "HOST:PORT", defaultValue = "${env:SPRING_KAFKA_BOOTSTRAP_SERVERS}",
			description = "The Kafka brokers (default: SPRING_KAFKA_BOOTSTRAP_SERVERS).")
	String kafka;

	@Option(names = "--partitions", paramLabel = "N",
			description = "Partitions of each topic (default: ${DEFAULT-VALUE}).")
	int partitions = TopicSettings.SINGLE_BROKER.partitions();

	@Option(names = "--replication-factor", paramLabel = "R",
			description = "Replicas of each partition (default: ${DEFAULT-VALUE}).")
	short replicationFactor = 1;

	@Option(names = "--min-insync-replicas", paramLabel = "N",
			description = "min.insync.replicas of each topic (default: the replication factor less one, at least 1).")
	Integer minInsyncReplicas;

	@Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class,
			description = "How long to wait for the cluster to answer (default: 120s).")
	Duration wait = Duration.ofSeconds(120);

	public TopicsCommand(PrintStream out) {
		this.out = out;
	}

	/** The topics' settings from the command line. */
	TopicSettings settings() {
		int minIsr = (this.minInsyncReplicas != null) ? this.minInsyncReplicas
				: Math.max(1, this.replicationFactor - 1);
		return new TopicSettings(this.partitions, this.replicationFactor, minIsr, Map.of());
	}

	@Override
	public Integer call() {
		if (this.kafka == null || this.kafka.isBlank()) {
			throw new ParameterException(this.command.commandLine(), "topics needs --kafka HOST:PORT");
		}
		List<String> created = KafkaTopics.createCatalog(this.kafka, settings(), this.wait);
		this.out.println(created.isEmpty() ? "paytally: every topic of the catalog exists on " + this.kafka
				: "paytally: created " + String.join(", ", created) + " on " + this.kafka);
		return 0;
	}

}
