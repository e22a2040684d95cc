package io.paytally.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine is there for Testcontainers. Asked once per JVM; without any
 * sign of Docker (no {@code DOCKER_HOST}, no socket, no Testcontainers configuration)
 * Testcontainers is not even asked, which keeps its error logging out of the test output.
 */
final class Docker {

	private static volatile Boolean available;

	private Docker() {
	}

	static boolean isAvailable() {
		Boolean result = available;
		if (result == null) {
			synchronized (Docker.class) {
				result = available;
				if (result == null) {
					result = probe();
					available = result;
				}
			}
		}
		return result;
	}

	private static boolean probe() {
		String home = System.getProperty("user.home", "");
		boolean hint = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
				|| Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
				|| Files.exists(Path.of(home, ".testcontainers.properties"));
		if (!hint) {
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

}
