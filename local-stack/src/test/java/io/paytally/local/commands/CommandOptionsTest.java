package io.paytally.local.commands;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import io.paytally.schemas.topics.TopicSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every option of the commands for daily use reaches the service's properties (or the
 * command) with the value given.
 */
class CommandOptionsTest {

	private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

	@Test
	void streamGetsItsKafkaWechatNotifyUrlPortDataDirAndSpringPropertiesUnchanged() {
		ServiceCommand stream = parse(new ServiceCommand.Stream(), "--kafka", "broker:9092", "--wechat-base-url",
				"http://wechat.test:8090", "--mchid", "1900000009", "--notify-url",
				"http://ingest.test/wechatpay/v3/notify/{mchid}", "--port=9182", "--data-dir", "/var/paytally",
				"--spring.kafka.client-id=stream-1", "--paytally.stream.recheck-interval=15s");
		Map<String, Object> properties = stream.properties();
		assertThat(properties).containsEntry("spring.kafka.bootstrap-servers", "broker:9092")
			.containsEntry("paytally.wechat.base-url", "http://wechat.test:8090")
			.containsEntry("paytally.intake.notify-url", "http://ingest.test/wechatpay/v3/notify/{mchid}")
			.containsEntry("server.port", 9182)
			.containsEntry("spring.kafka.streams.state-dir", Path.of("/var/paytally/streams").toString())
			.containsEntry("spring.kafka.client-id", "stream-1")
			.containsEntry("paytally.stream.recheck-interval", "15s");
		assertThat(stream.options.mchid()).isEqualTo("1900000009");
	}

	@Test
	void batchGetsItsDatabaseAndRunsScheduled() {
		ServiceCommand batch = parse(new ServiceCommand.Batch(), "--kafka", "broker:9092", "--db",
				"jdbc:postgresql://db:5432/paytally", "--db-user", "paytally", "--db-password", "secret");
		Map<String, Object> properties = batch.properties();
		assertThat(properties).containsEntry("spring.datasource.url", "jdbc:postgresql://db:5432/paytally")
			.containsEntry("spring.datasource.username", "paytally")
			.containsEntry("spring.datasource.password", "secret")
			.containsEntry("server.port", 8083)
			.containsEntry("paytally.batch.schedule.enabled", "true");
	}

	@Test
	void dashboardGetsItsKafkaPortAndDataDirButNoMerchantKeys() {
		ServiceCommand dashboard = parse(new ServiceCommand.Dashboard(), "--kafka", "broker:9092", "--port", "9184",
				"--data-dir", "/var/paytally", "--paytally.dashboard.chart-span=6h");
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("server.port", 9184);
		expected.put("spring.kafka.bootstrap-servers", "broker:9092");
		expected.put("paytally.dashboard.state-dir", Path.of("/var/paytally/dashboard").toString());
		expected.put("paytally.dashboard.reports-dir", Path.of("/var/paytally/reports").toString());
		expected.put("paytally.dashboard.login.jdbc-url",
				"jdbc:h2:file:" + Path.of("/var/paytally/dashboard-users/users").toAbsolutePath());
		// it serves plain http: a Secure cookie would never come back (an HTTPS proxy in
		// front: --paytally.dashboard.login.secure-cookies=true)
		expected.put("paytally.dashboard.login.secure-cookies", false);
		expected.put("paytally.dashboard.chart-span", "6h");
		assertThat(dashboard.properties()).containsExactlyInAnyOrderEntriesOf(expected);
	}

	@Test
	void dashboardListensOn8084ByDefault() {
		assertThat(parse(new ServiceCommand.Dashboard(), "--kafka", "broker:9092").properties())
			.containsExactlyInAnyOrderEntriesOf(Map.of("server.port", 8084, "spring.kafka.bootstrap-servers",
					"broker:9092", "paytally.dashboard.login.secure-cookies", false));
	}

	@Test
	void aSpringPropertyOverridesWhatTheOptionsSet() {
		ServiceCommand ingest = parse(new ServiceCommand.Ingest(), "--port", "9181", "--server.port=9999");
		assertThat(ingest.properties()).containsEntry("server.port", "9999");
	}

	@Test
	void refusesAnArgumentThatIsNeitherAnOptionNorASpringPropertyNamingIt() {
		ServiceCommand stream = parse(new ServiceCommand.Stream(), "--kafak", "broker:9092", "--spring.kafka.client-id",
				"x");
		assertThatExceptionOfType(ParameterException.class).isThrownBy(stream::properties)
			.withMessage("Unknown options: '--kafak', 'broker:9092', '--spring.kafka.client-id', 'x'");
	}

	@Test
	void refusesSandboxAndKeysTogether() {
		ServiceCommand stream = parse(new ServiceCommand.Stream(), "--sandbox", "http://127.0.0.1:8090", "--keys",
				"./keys");
		assertThatExceptionOfType(ParameterException.class).isThrownBy(stream::properties)
			.withMessage("Give --sandbox or --keys, not both");
	}

	@Test
	void sandboxGetsItsPortAddressTimeScaleLedgerAndSpringProperties() {
		SandboxCommand sandbox = parse(new SandboxCommand(), "--port", "9090", "--address", "0.0.0.0", "--time-scale",
				"0.01", "--persist", "/data/ledger.json", "--sandbox.bill-ready-hour=0");
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("server.port", 9090);
		expected.put("server.address", "0.0.0.0");
		expected.put("sandbox.time-scale", 0.01);
		expected.put("sandbox.persist-file", Path.of("/data/ledger.json").toString());
		expected.put("sandbox.bill-ready-hour", "0");
		assertThat(sandbox.properties()).containsExactlyEntriesOf(expected);
	}

	@Test
	void sandboxListensOnLoopback8090ByDefault() {
		assertThat(parse(new SandboxCommand()).properties())
			.containsExactlyInAnyOrderEntriesOf(Map.of("server.port", 8090, "server.address", "127.0.0.1"));
	}

	@Test
	void statementAsksBatchJobsForTheDateAndMerchantGiven() {
		StatementCommand statement = parse(new StatementCommand(), "--date", "2026-11-21", "--mchid", "1900000009",
				"--kafka", "broker:9092", "--paytally.batch.bill-ready-hour=0");
		assertThat(statement.command()).containsExactly("dailyStatement", "--date=2026-11-21", "--mchid=1900000009");
		assertThat(statement.properties()).containsEntry("spring.kafka.bootstrap-servers", "broker:9092")
			.containsEntry("paytally.batch.bill-ready-hour", "0");
		assertThat(parse(new StatementCommand()).command()).containsExactly("dailyStatement");
	}

	@Test
	void topicsGetsItsPartitionsReplicationMinIsrAndWait() {
		TopicsCommand topics = parse(new TopicsCommand(NOWHERE), "--kafka", "kafka:9092", "--partitions", "12",
				"--replication-factor", "3", "--min-insync-replicas", "2", "--wait", "90s");
		assertThat(topics.kafka).isEqualTo("kafka:9092");
		assertThat(topics.settings()).isEqualTo(new TopicSettings(12, (short) 3, 2, Map.of()));
		assertThat(topics.wait).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void topicsDefaultsToTheSingleBrokerSettings() {
		TopicsCommand topics = parse(new TopicsCommand(NOWHERE), "--replication-factor", "3");
		assertThat(topics.settings())
			.isEqualTo(new TopicSettings(TopicSettings.SINGLE_BROKER.partitions(), (short) 3, 2, Map.of()));
		assertThat(parse(new TopicsCommand(NOWHERE)).settings())
			.isEqualTo(new TopicSettings(TopicSettings.SINGLE_BROKER.partitions(), (short) 1, 1, Map.of()));
		assertThat(parse(new TopicsCommand(NOWHERE)).wait).isEqualTo(Duration.ofSeconds(120));
	}

	@Test
	void keygenReadsItsIdsAndNeedsADirectory() {
		KeygenCommand keygen = parse(new KeygenCommand(NOWHERE), "--out", "/keys", "--mchid", "1900000009", "--appid",
				"wx0000000000demo09", "--serial-number", "3775B6A4", "--platform-key-id",
				"PUB_KEY_ID_0100000000000000000000000009");
		assertThat(List.of(keygen.dir, keygen.mchid, keygen.appid, keygen.serialNumber, keygen.platformKeyId))
			.containsExactly(Path.of("/keys"), "1900000009", "wx0000000000demo09", "3775B6A4",
					"PUB_KEY_ID_0100000000000000000000000009");
		assertThatExceptionOfType(ParameterException.class)
			.isThrownBy(() -> parse(new KeygenCommand(NOWHERE), "--mchid", "1900000009"))
			.withMessage("Missing required option: '--out=DIR'");
	}

	private static <T> T parse(T command, String... args) {
		new CommandLine(command).parseArgs(args);
		return command;
	}

}
