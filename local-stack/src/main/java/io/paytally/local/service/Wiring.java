package io.paytally.local.service;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.paytally.local.keys.MerchantCredentials;

/**
 * How the services reach each other: the Kafka brokers, WeChat Pay (or the sandbox), the
 * merchants and their callback URL, the database and where files go. Turns into each
 * service's properties; anything left null is left to the service's own file and the
 * environment (e.g. {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}).
 *
 * @param kafka {@code spring.kafka.bootstrap-servers}
 * @param wechatBaseUrl {@code paytally.wechat.base-url}
 * @param merchants {@code paytally.wechat.merchants[i].*}
 * @param notifyUrl the callback URL template, {@code {mchid}} replaced per merchant
 * @param jdbcUrl batch-jobs' {@code spring.datasource.url}
 * @param jdbcUser its user (null = batch-jobs' default)
 * @param jdbcPassword its password (null = batch-jobs' default)
 * @param dataDir where state, bills and reports go (null = the services' defaults); the
 * dashboard links the reports found there
 * @param extra further properties per service
 */
public record Wiring(String kafka, URI wechatBaseUrl, List<MerchantCredentials> merchants, String notifyUrl,
		String jdbcUrl, String jdbcUser, String jdbcPassword, Path dataDir, Map<Service, Map<String, Object>> extra) {

	/** The callback path notify-ingest serves, per merchant. */
	public static final String NOTIFY_PATH = "/wechatpay/v3/notify/{mchid}";

	/**
	 * The callback path notify-ingest serves per merchant for WeChat Pay's legacy v2 XML
	 * callbacks (payments and refunds).
	 */
	public static final String V2_NOTIFY_PATH = "/wechatpay/v2/notify/{mchid}";

	public Wiring {
		merchants = (merchants != null) ? List.copyOf(merchants) : List.of();
		extra = (extra != null) ? Map.copyOf(extra) : Map.of();
	}

	/** The H2 file database of the embedded stack, under {@code dataDir/db}. */
	public static String h2FileUrl(Path dataDir) {
		return "jdbc:h2:file:" + dataDir.resolve("db").resolve("paytally").toAbsolutePath() + ";AUTO_SERVER=TRUE";
	}

	/** The notify URL template of a notify-ingest at {@code http://host:port}. */
	public static String notifyUrl(String host, int port) {
		return "http://" + host + ":" + port + NOTIFY_PATH;
	}

	/** The v2 notify URL template of a notify-ingest at {@code http://host:port}. */
	public static String v2NotifyUrl(String host, int port) {
		return "http://" + host + ":" + port + V2_NOTIFY_PATH;
	}

	/** The properties of a service listening on {@code port} (0 = any free port). */
	public Map<String, Object> properties(Service service, int port) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", port);
		if (this.kafka != null) {
			properties.put("spring.kafka.bootstrap-servers", this.kafka);
		}
		// the sandbox plays WeChat and the dashboard only reads the topics: neither gets
		// the merchants' keys
		if (service != Service.SANDBOX && service != Service.DASHBOARD) {
			if (this.wechatBaseUrl != null) {
				properties.put("paytally.wechat.base-url", this.wechatBaseUrl.toString());
			}
			for (int i = 0; i < this.merchants.size(); i++) {
				properties.putAll(this.merchants.get(i).springProperties(i, this.notifyUrl));
			}
		}
		switch (service) {
			case INGEST -> {
				if (port == 0) {
					// its health, metrics and Prometheus on a free port too (8091
					// otherwise)
					properties.put("management.server.port", 0);
				}
			}
			case STREAM -> {
				if (this.notifyUrl != null) {
					properties.put("paytally.intake.notify-url", this.notifyUrl);
				}
				if (this.dataDir != null) {
					properties.put("spring.kafka.streams.state-dir", this.dataDir.resolve("streams").toString());
				}
			}
			case BATCH -> {
				if (this.jdbcUrl != null) {
					properties.put("spring.datasource.url", this.jdbcUrl);
					// not given: batch-jobs' own default (sa, no password, as the
					// embedded H2)
					if (this.jdbcUser != null) {
						properties.put("spring.datasource.username", this.jdbcUser);
					}
					if (this.jdbcPassword != null) {
						properties.put("spring.datasource.password", this.jdbcPassword);
					}
				}
				if (this.dataDir != null) {
					properties.put("paytally.batch.bill-dir", this.dataDir.resolve("bills").toString());
					properties.put("paytally.batch.report-dir", this.dataDir.resolve("reports").toString());
				}
			}
			case DASHBOARD -> {
				if (port == 0) {
					// its health, metrics and Prometheus on a free port too (8094
					// otherwise)
					properties.put("management.server.port", 0);
				}
				if (this.dataDir != null) {
					properties.put("paytally.dashboard.state-dir", this.dataDir.resolve("dashboard").toString());
					properties.put("paytally.dashboard.reports-dir", this.dataDir.resolve("reports").toString());
					properties.put("paytally.dashboard.login.jdbc-url", "jdbc:h2:file:"
							+ this.dataDir.resolve("dashboard-users").resolve("users").toAbsolutePath());
				}
				// the embedded stack serves plain http on the loopback address: a Secure
				// cookie would never come back
				properties.put("paytally.dashboard.login.secure-cookies", false);
			}
			default -> {
			}
		}
		properties.putAll(this.extra.getOrDefault(service, Map.of()));
		return properties;
	}

}
