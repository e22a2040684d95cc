package io.paytally.local.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trial for real, where a Docker engine and Compose v2 run: the image builds once,
 * every service becomes healthy ({@code up --wait}), and keygen run again keeps the keys
 * it wrote. Skipped, printing why, where no engine answers ({@code docker info} fails),
 * as on machines without a Docker daemon; {@link DockerComposeConfigIT} and
 * {@link RealMerchantStartIT} cover the files there.
 */
class DockerComposeRunIT {

	private static final String PROJECT = "paytally-run-it";

	private static final Path ROOT = DockerComposeFileTest.COMPOSE_FILE.toAbsolutePath().normalize().getParent();

	private static boolean engine;

	@BeforeEach
	void requireDockerEngine() throws InterruptedException {
		Run info = run(List.of("docker", "info", "--format", "{{.ServerVersion}}"), 30);
		if (info.exitCode() != 0) {
			String reason = "no Docker engine answers (docker info: " + info.output().strip() + ")";
			System.out.println("DockerComposeRunIT skipped: " + reason);
			Assumptions.abort(reason);
		}
		Run compose = run(List.of("docker", "compose", "version"), 30);
		if (compose.exitCode() != 0) {
			String reason = "the Docker engine has no Compose v2 plugin (docker compose version: "
					+ compose.output().strip() + ")";
			System.out.println("DockerComposeRunIT skipped: " + reason);
			Assumptions.abort(reason);
		}
		engine = true;
	}

	@AfterAll
	static void removeEverything() throws InterruptedException {
		if (engine) {
			run(compose("down", "-v", "--remove-orphans"), 300);
		}
	}

	@Test
	void runsTheTrialUntilEveryServiceIsHealthyAndKeepsItsKeys() throws InterruptedException {
		Run up = run(compose("up", "-d", "--build", "--wait", "--wait-timeout", "900"), 1200);
		assertThat(up.exitCode()).as(up.output()).isZero();

		Run ps = run(compose("ps", "--format", "{{.Service}} {{.Health}}"), 60);
		assertThat(ps.output()).contains("notify-ingest healthy", "stream-app healthy", "sandbox healthy",
				"kafka healthy", "postgres healthy");

		Run keygen = run(compose("run", "--rm", "keygen"), 300);
		assertThat(keygen.exitCode()).as(keygen.output()).isZero();
		assertThat(keygen.output()).contains("the trial key files of merchant 1900000001 exist in /keys (kept)");
	}

	private static List<String> compose(String... arguments) {
		List<String> command = new ArrayList<>(
				List.of("docker", "compose", "-p", PROJECT, "--env-file", ROOT.resolve("trial.env").toString()));
		command.addAll(List.of(arguments));
		return command;
	}

	private static Run run(List<String> command, int timeoutSeconds) throws InterruptedException {
		try {
			Path log = Files.createTempFile("docker-compose-run", ".log");
			Process process = new ProcessBuilder(command).directory(ROOT.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
			if (!done) {
				process.destroyForcibly().waitFor();
			}
			String output = Files.readString(log, StandardCharsets.UTF_8);
			Files.delete(log);
			return done ? new Run(process.exitValue(), output)
					: new Run(-1, output + "\n(timed out after " + timeoutSeconds + " s)");
		}
		catch (IOException ex) {
			return new Run(-1, ex.getMessage());
		}
	}

	private record Run(int exitCode, String output) {
	}

}
