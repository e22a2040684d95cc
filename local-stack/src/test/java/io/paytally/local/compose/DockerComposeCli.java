package io.paytally.local.compose;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The {@code docker-compose} command (1.29 from Debian renders files offline, no engine
 * needed), run the way an operator runs it: in a project directory, with nothing from the
 * build's environment. Missing, it skips the calling test, saying so, except under CI
 * ({@code PAYTALLY_CI=true}, set by {@code .ci/run}), where it fails it.
 */
final class DockerComposeCli {

	private final File binary;

	private DockerComposeCli(File binary) {
		this.binary = binary;
	}

	/** The installed docker-compose; skips (or, under CI, fails) the test without one. */
	static DockerComposeCli require() {
		File binary = findOnPath("docker-compose");
		if (binary == null) {
			String reason = "docker-compose is not installed (apt-get install -y --no-install-recommends docker-compose)";
			if ("true".equals(System.getenv("PAYTALLY_CI"))) {
				fail(reason + ": CI (PAYTALLY_CI=true) requires it, .ci/run installs it");
			}
			System.out.println("skipped: " + reason);
			Assumptions.abort(reason);
		}
		return new DockerComposeCli(binary);
	}

	/** A project as an operator sets it up: the compose file and their {@code .env}. */
	static Path operatorProject(Path project, String env) throws IOException {
		Files.createDirectories(project);
		Files.copy(DockerComposeFileTest.COMPOSE_FILE, project.resolve("docker-compose.yml"));
		Files.writeString(project.resolve(".env"), env);
		return project;
	}

	/** {@code docker-compose config} of a project, parsed; asserts it succeeds. */
	Map<String, Object> render(Path project, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(arguments));
		command.add("config");
		Result result = run(project, command);
		assertThat(result.exitCode()).as(result.errors()).isZero();
		return DockerComposeFileTest.map(new Yaml(new LoaderOptions()).load(result.output()));
	}

	/** The rendered environment of one service. */
	static Map<String, Object> environment(Map<String, Object> rendered, String service) {
		return DockerComposeFileTest
			.map(DockerComposeFileTest.map(DockerComposeFileTest.map(rendered.get("services")).get(service))
				.get("environment"));
	}

	Result run(Path directory, List<String> arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(this.binary.getPath()));
		command.addAll(arguments);
		Path errors = Files.createTempFile("docker-compose", ".err");
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectError(errors.toFile());
		// only the project's files decide: nothing from the environment the build runs in
		builder.environment().keySet().removeIf((name) -> name.startsWith("PAYTALLY_") || name.startsWith("COMPOSE_"));
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("docker-compose finished").isTrue();
		String error = Files.readString(errors);
		Files.delete(errors);
		return new Result(process.exitValue(), output, error);
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

	/** stdout (the rendered file) and stderr (warnings, errors) apart. */
	record Result(int exitCode, String output, String errors) {
	}

}
