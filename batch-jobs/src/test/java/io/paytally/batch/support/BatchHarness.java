package io.paytally.batch.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.paytally.batch.BatchApplication;
import io.paytally.batch.schedule.DailyStatementRunner;
import io.paytally.schemas.topics.TopicSettings;
import io.paytally.testkit.KafkaTestBroker;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * batch-jobs as its job tests run it: a Kafka broker of the testkit (topics of three
 * partitions), bills and reports in a temporary folder, the application on a database
 * with the test's settings and its bill sources; closed with the broker.
 */
public final class BatchHarness implements AutoCloseable {

	private final Path files;

	private final KafkaTestBroker broker;

	private final ConfigurableApplicationContext context;

	private BatchHarness(Path files, KafkaTestBroker broker, ConfigurableApplicationContext context) {
		this.files = files;
		this.broker = broker;
		this.context = context;
	}

	/**
	 * Starts the broker and the application.
	 * @param name the prefix of the temporary folder
	 * @param database the datasource properties ({@link Databases})
	 * @param settings more properties of the test, e.g. {@code paytally.batch.chunk-size}
	 * @param sources configuration classes added to the application (the bills)
	 * @return the running harness
	 * @throws IOException if the temporary folder cannot be made
	 */
	public static BatchHarness start(String name, Map<String, ?> database, Map<String, ?> settings, Class<?>... sources)
			throws IOException {
		Path files = Files.createTempDirectory(name);
		KafkaTestBroker broker = KafkaTestBroker.start(new TopicSettings(3, (short) 1, 1, Map.of()));
		try {
			Map<String, Object> properties = new HashMap<>(database);
			properties.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
			properties.put("paytally.batch.bill-dir", files.resolve("bills").toString());
			properties.put("paytally.batch.report-dir", files.resolve("reports").toString());
			properties.put("paytally.batch.kafka.poll-timeout", "200ms");
			properties.put("logging.level.org.apache.kafka", "WARN");
			properties.putAll(settings);
			ConfigurableApplicationContext context = BatchApplication.builder()
				.sources(sources)
				.web(WebApplicationType.NONE)
				.run(properties.entrySet()
					.stream()
					.map((e) -> "--" + e.getKey() + "=" + e.getValue())
					.toArray(String[]::new));
			return new BatchHarness(files, broker, context);
		}
		catch (RuntimeException ex) {
			broker.close();
			throw ex;
		}
	}

	/** The temporary folder of bills and reports. */
	public Path files() {
		return this.files;
	}

	public KafkaTestBroker broker() {
		return this.broker;
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	public JdbcTemplate jdbc() {
		return this.context.getBean(JdbcTemplate.class);
	}

	public DailyStatementRunner runner() {
		return this.context.getBean(DailyStatementRunner.class);
	}

	@Override
	public void close() {
		try {
			this.context.close();
		}
		finally {
			this.broker.close();
		}
	}

}
