package io.paytally.local.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.paytally.local.service.Service;

/**
 * How the embedded stack starts.
 *
 * @param dataDir where Kafka's logs, the H2 database, stream state, bills, reports and
 * logs go
 * @param kafka an existing cluster's bootstrap servers; null = start the in-JVM broker
 * under {@code dataDir/kafka}
 * @param jdbcUrl batch-jobs' database; null = the H2 file {@code dataDir/db/paytally}
 * @param jdbcUser its user (null = none)
 * @param jdbcPassword its password (null = none)
 * @param merchants the merchants the sandbox and the services serve, the first being the
 * demo's main merchant
 * @param ports the port of each service (0 = any free port)
 * @param timeScale the sandbox's callback retry time scale
 * @param sandboxClock the sandbox's business clock
 * @param extra further properties per service
 * @param startBatch whether batch-jobs is started
 * @param cluster how many brokers (of the in-JVM Kafka, or of the given one) and
 * instances of notify-ingest and stream-app
 */
public record LocalStackOptions(Path dataDir, String kafka, String jdbcUrl, String jdbcUser, String jdbcPassword,
		List<Merchant> merchants, Map<Service, Integer> ports, double timeScale, DayClock sandboxClock,
		Map<Service, Map<String, Object>> extra, boolean startBatch, ClusterShape cluster) {

	/** The demo merchant. */
	public static final String DEMO_MCHID = "1900000001";

	/** The demo merchant's app id. */
	public static final String DEMO_APPID = "wx0000000000demo01";

	/**
	 * The demo's two merchants, served by one deployment as a service provider or a group
	 * with several merchant ids would be; their order numbers overlap. The second one
	 * still gets WeChat Pay's legacy v2 XML callbacks (payments and refunds).
	 */
	public static final List<Merchant> DEMO_MERCHANTS = List.of(new Merchant(DEMO_MCHID, DEMO_APPID),
			new Merchant("1900000002", "wx0000000000demo02", true));

	public LocalStackOptions {
		if (merchants == null || merchants.isEmpty()) {
			throw new IllegalArgumentException("at least one merchant");
		}
		merchants = List.copyOf(merchants);
		ports = (ports != null) ? Map.copyOf(ports) : Map.of();
		extra = (extra != null) ? Map.copyOf(extra) : Map.of();
		cluster = (cluster != null) ? cluster : ClusterShape.SINGLE;
	}

	/** One broker, one instance of each service. */
	public LocalStackOptions(Path dataDir, String kafka, String jdbcUrl, String jdbcUser, String jdbcPassword,
			List<Merchant> merchants, Map<Service, Integer> ports, double timeScale, DayClock sandboxClock,
			Map<Service, Map<String, Object>> extra, boolean startBatch) {
		this(dataDir, kafka, jdbcUrl, jdbcUser, jdbcPassword, merchants, ports, timeScale, sandboxClock, extra,
				startBatch, ClusterShape.SINGLE);
	}

	/** These options with another number of brokers and instances. */
	public LocalStackOptions withCluster(ClusterShape shape) {
		return new LocalStackOptions(this.dataDir, this.kafka, this.jdbcUrl, this.jdbcUser, this.jdbcPassword,
				this.merchants, this.ports, this.timeScale, this.sandboxClock, this.extra, this.startBatch, shape);
	}

	/** The main merchant (the first). */
	public String mchid() {
		return this.merchants.get(0).mchid();
	}

	/**
	 * A merchant served by the stack.
	 *
	 * @param mchid the merchant id
	 * @param appid its app id
	 * @param v2Callbacks whether WeChat Pay (the sandbox) sends its callbacks as legacy
	 * v2 XML to notify-ingest's v2 endpoint, rather than v3 JSON
	 */
	public record Merchant(String mchid, String appid, boolean v2Callbacks) {

		/** A merchant with v3 callbacks. */
		public Merchant(String mchid, String appid) {
			this(mchid, appid, false);
		}

	}

	/** Whether the merchant {@code mchid} gets v2 callbacks. */
	public boolean v2Callbacks(String mchid) {
		return this.merchants.stream().anyMatch((merchant) -> merchant.mchid().equals(mchid) && merchant.v2Callbacks());
	}

	/** The port of a service: as given, else its default. */
	public int port(Service service) {
		return this.ports.getOrDefault(service, service.defaultPort());
	}

}
