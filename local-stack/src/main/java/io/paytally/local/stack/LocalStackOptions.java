package io.paytally.local.stack;

import java.nio.file.Path;
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
 * @param mchid the merchant the sandbox serves
 * @param appid its app id
 * @param ports the port of each service (0 = any free port)
 * @param timeScale the sandbox's callback retry time scale
 * @param sandboxClock the sandbox's business clock
 * @param extra further properties per service
 * @param startBatch whether batch-jobs is started
 */
public record LocalStackOptions(Path dataDir, String kafka, String jdbcUrl, String jdbcUser, String jdbcPassword,
		String mchid, String appid, Map<Service, Integer> ports, double timeScale, DayClock sandboxClock,
		Map<Service, Map<String, Object>> extra, boolean startBatch) {

	/** The demo merchant. */
	public static final String DEMO_MCHID = "1900000001";

	/** The demo merchant's app id. */
	public static final String DEMO_APPID = "wx0000000000demo01";

	public LocalStackOptions {
		ports = (ports != null) ? Map.copyOf(ports) : Map.of();
		extra = (extra != null) ? Map.copyOf(extra) : Map.of();
	}

	/** The port of a service: as given, else its default. */
	public int port(Service service) {
		return this.ports.getOrDefault(service, service.defaultPort());
	}

}
