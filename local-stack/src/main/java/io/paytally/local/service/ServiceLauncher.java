package io.paytally.local.service;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts one service as its own Spring context in this JVM, reading its own
 * {@code <name>.yml}, with the given properties on top of everything else (its file and
 * the environment). The one way local-stack starts a service.
 */
public final class ServiceLauncher {

	private static final Logger logger = LoggerFactory.getLogger(ServiceLauncher.class);

	private ServiceLauncher() {
	}

	/**
	 * Starts a service.
	 * @param service which one
	 * @param properties properties that win over the service's file and the environment
	 * @param args arguments for the application (e.g. a batch command)
	 * @return the running service; close it to stop it
	 */
	public static RunningService start(Service service, Map<String, Object> properties, String... args) {
		long started = System.nanoTime();
		Map<String, Object> overrides = new LinkedHashMap<>(properties);
		overrides.put("spring.config.name", service.configName());
		SpringApplicationBuilder builder = new SpringApplicationBuilder(service.applicationClass())
			.properties(Map.of("spring.config.name", service.configName()))
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.initializers((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("paytally-local-" + service.configName(), overrides)));
		if ("false".equals(String.valueOf(properties.get("paytally.local.web")))) {
			builder.web(WebApplicationType.NONE);
		}
		ConfigurableApplicationContext context = builder.run(args);
		RunningService running = new RunningService(service, context);
		logger.info("{} started in {} ms{}", service.displayName(), (System.nanoTime() - started) / 1_000_000,
				(running.port() > 0) ? " on port " + running.port() : "");
		return running;
	}

}
