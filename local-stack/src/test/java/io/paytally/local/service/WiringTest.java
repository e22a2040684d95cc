package io.paytally.local.service;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.paytally.local.keys.MerchantCredentials;

import static org.assertj.core.api.Assertions.assertThat;

class WiringTest {

	static final MerchantCredentials MERCHANT = new MerchantCredentials("1900000001", "wx0000000000demo01", "ABC123",
			"PRIVATE PEM", "v3key", "v2key", "PUBLIC PEM", "PUB_KEY_ID_01");

	static final Wiring WIRING = new Wiring("localhost:9092", URI.create("http://127.0.0.1:8090"), List.of(MERCHANT),
			"http://127.0.0.1:8081/wechatpay/v3/notify/{mchid}", "jdbc:h2:file:/d/db/paytally", "sa", null,
			Path.of("/d"), Map.of(Service.STREAM, Map.of("paytally.stream.close-not-before", "1s")));

	@Test
	void wiresTheSandboxToKafkaOnly() {
		assertThat(WIRING.properties(Service.SANDBOX, 8090))
			.isEqualTo(Map.of("server.port", 8090, "spring.kafka.bootstrap-servers", "localhost:9092"));
	}

	@Test
	void wiresIngestToKafkaWeChatAndTheMerchant() {
		Map<String, Object> expected = new LinkedHashMap<>(common(8081));
		assertThat(WIRING.properties(Service.INGEST, 8081)).isEqualTo(expected);
	}

	@Test
	void wiresStreamWithItsNotifyUrlStateDirectoryAndExtras() {
		Map<String, Object> expected = new LinkedHashMap<>(common(8082));
		expected.put("paytally.intake.notify-url", "http://127.0.0.1:8081/wechatpay/v3/notify/{mchid}");
		expected.put("spring.kafka.streams.state-dir", Path.of("/d/streams").toString());
		expected.put("paytally.stream.close-not-before", "1s");
		assertThat(WIRING.properties(Service.STREAM, 8082)).isEqualTo(expected);
	}

	@Test
	void wiresBatchWithItsDatabaseAndDirectories() {
		Map<String, Object> expected = new LinkedHashMap<>(common(8083));
		expected.put("spring.datasource.url", "jdbc:h2:file:/d/db/paytally");
		expected.put("spring.datasource.username", "sa");
		expected.put("paytally.batch.bill-dir", Path.of("/d/bills").toString());
		expected.put("paytally.batch.report-dir", Path.of("/d/reports").toString());
		assertThat(WIRING.properties(Service.BATCH, 8083)).isEqualTo(expected);
	}

	@Test
	void wiresTheDashboardToKafkaItsStateTheReportsAndItsUsersButNoMerchantKeys() {
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("server.port", 8084);
		expected.put("spring.kafka.bootstrap-servers", "localhost:9092");
		expected.put("paytally.dashboard.state-dir", Path.of("/d/dashboard").toString());
		expected.put("paytally.dashboard.reports-dir", Path.of("/d/reports").toString());
		expected.put("paytally.dashboard.login.jdbc-url",
				"jdbc:h2:file:" + Path.of("/d/dashboard-users/users").toAbsolutePath());
		expected.put("paytally.dashboard.login.secure-cookies", false);
		assertThat(WIRING.properties(Service.DASHBOARD, 8084)).isEqualTo(expected);
	}

	@Test
	void leavesWhatIsNotGivenToTheServicesOwnFilesAndTheEnvironment() {
		assertThat(new Wiring(null, null, null, null, null, null, null, null, null).properties(Service.BATCH, 8083))
			.isEqualTo(Map.of("server.port", 8083));
	}

	@Test
	void placesTheEmbeddedDatabaseUnderTheDataDirectory() {
		assertThat(Wiring.h2FileUrl(Path.of("/d")))
			.isEqualTo("jdbc:h2:file:" + Path.of("/d/db/paytally").toAbsolutePath() + ";AUTO_SERVER=TRUE");
	}

	private static Map<String, Object> common(int port) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", port);
		properties.put("spring.kafka.bootstrap-servers", "localhost:9092");
		properties.put("paytally.wechat.base-url", "http://127.0.0.1:8090");
		String m = "paytally.wechat.merchants[0].";
		properties.put(m + "mchid", "1900000001");
		properties.put(m + "appid", "wx0000000000demo01");
		properties.put(m + "merchant-serial-number", "ABC123");
		properties.put(m + "private-key", "PRIVATE PEM");
		properties.put(m + "api-v3-key", "v3key");
		properties.put(m + "api-v2-key", "v2key");
		properties.put(m + "verification", "PUBLIC_KEY");
		properties.put(m + "platform-public-key", "PUBLIC PEM");
		properties.put(m + "platform-public-key-id", "PUB_KEY_ID_01");
		properties.put(m + "notify-url", "http://127.0.0.1:8081/wechatpay/v3/notify/1900000001");
		return properties;
	}

}
