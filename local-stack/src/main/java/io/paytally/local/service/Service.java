package io.paytally.local.service;

import io.paytally.batch.BatchApplication;
import io.paytally.dashboard.DashboardApplication;
import io.paytally.ingest.NotifyIngestApplication;
import io.paytally.sandbox.SandboxApplication;
import io.paytally.stream.StreamApplication;

/**
 * The services paytally runs, with their application class, configuration file name and
 * default port.
 */
public enum Service {

	/** WeChat Pay's side, for the demo and tests. */
	SANDBOX("wechatpay-sandbox", SandboxApplication.class, "sandbox", 8090),

	/** WeChat Pay's callbacks in, verified notifications out to Kafka. */
	INGEST("notify-ingest", NotifyIngestApplication.class, "notify-ingest", 8081),

	/** The payment state machine, expiries, active queries and the payment intake API. */
	STREAM("stream-app", StreamApplication.class, "stream-app", 8082),

	/** The daily statement. */
	BATCH("batch-jobs", BatchApplication.class, "batch-jobs", 8083),

	/** The operations and finance web page, built from the state topics. */
	DASHBOARD("dashboard", DashboardApplication.class, "dashboard", 8084);

	private final String displayName;

	private final Class<?> applicationClass;

	private final String configName;

	private final int defaultPort;

	Service(String displayName, Class<?> applicationClass, String configName, int defaultPort) {
		this.displayName = displayName;
		this.applicationClass = applicationClass;
		this.configName = configName;
		this.defaultPort = defaultPort;
	}

	public String displayName() {
		return this.displayName;
	}

	public Class<?> applicationClass() {
		return this.applicationClass;
	}

	/** {@code spring.config.name}: the service's own {@code <name>.yml}. */
	public String configName() {
		return this.configName;
	}

	public int defaultPort() {
		return this.defaultPort;
	}

}
