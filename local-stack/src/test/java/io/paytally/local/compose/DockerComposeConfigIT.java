package io.paytally.local.compose;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose config -q} accepts the root {@code docker-compose.yml}, offline
 * (no Docker engine needed). Skipped, saying so, where no {@code docker-compose} is
 * installed ({@code apt-get install -y --no-install-recommends docker-compose}).
 */
class DockerComposeConfigIT {

	@Test
	void composeFileIsValid() throws IOException, InterruptedException {
		File binary = findOnPath("docker-compose");
		Assumptions.assumeTrue(binary != null,
				"docker-compose is not installed: apt-get install -y --no-install-recommends docker-compose");
		Process process = new ProcessBuilder(binary.getPath(), "-f",
				DockerComposeFileTest.COMPOSE_FILE.toAbsolutePath().normalize().toString(), "config", "-q")
			.redirectErrorStream(true)
			.start();
		boolean done = process.waitFor(120, TimeUnit.SECONDS);
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(done).as("docker-compose config finished").isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).isEmpty();
	}

	private static File findOnPath(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String dir : path.split(File.pathSeparator)) {
			File candidate = new File(dir, name);
			if (candidate.canExecute()) {
				return candidate;
			}
		}
		return null;
	}

}
