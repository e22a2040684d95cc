package io.paytally.local.service;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A service started by {@link ServiceLauncher}.
 *
 * @param service which one
 * @param context its Spring context
 */
public record RunningService(Service service, ConfigurableApplicationContext context) implements AutoCloseable {

	/** The HTTP port it listens on, 0 when it has no web server. */
	public int port() {
		return this.context.getEnvironment().getProperty("local.server.port", Integer.class, 0);
	}

	/** A bean of the service's context. */
	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		if (this.context.isActive()) {
			this.context.close();
		}
	}

}
