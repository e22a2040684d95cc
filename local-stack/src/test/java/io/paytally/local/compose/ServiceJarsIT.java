package io.paytally.local.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service's own jar, the one its container runs ({@code Dockerfile}), starts the
 * service and carries neither the sandbox, nor the embedded broker, nor a test library:
 * those belong to the all-in-one launcher of the demo and the trial. Reads the jars the
 * reactor built ({@code <module>/target/<module>-*-exec.jar}).
 */
class ServiceJarsIT {

	private static final List<String> FORBIDDEN = List.of("wechatpay-sandbox-", "testkit-", "spring-kafka-test-",
			"kafka_2.13-", "kafka-server-", "-test.jar", "-tests.jar", "junit-", "mockito-", "assertj-", "awaitility-",
			"spring-boot-test-", "spring-test-");

	@ParameterizedTest
	@CsvSource({ "notify-ingest, io.paytally.ingest.NotifyIngestApplication",
			"stream-app, io.paytally.stream.StreamApplication", "batch-jobs, io.paytally.batch.BatchApplication",
			"dashboard, io.paytally.dashboard.DashboardApplication" })
	void runsTheServiceAloneWithoutSandboxBrokerOrTestLibraries(String module, String application) throws IOException {
		Path jar = execJar(module);
		try (JarFile file = new JarFile(jar.toFile())) {
			assertThat(file.getManifest().getMainAttributes().getValue("Start-Class")).isEqualTo(application);
			List<String> libraries = file.stream()
				.map((entry) -> entry.getName())
				.filter((name) -> name.startsWith("BOOT-INF/lib/"))
				.map((name) -> name.substring("BOOT-INF/lib/".length()))
				.toList();
			assertThat(libraries).as(jar.toString()).isNotEmpty().anyMatch((name) -> name.startsWith("kafka-clients-"));
			for (String forbidden : FORBIDDEN) {
				assertThat(libraries).as(jar + " holds no " + forbidden).noneMatch((name) -> name.contains(forbidden));
			}
		}
	}

	private static Path execJar(String module) throws IOException {
		Path target = Path.of("..", module, "target");
		assertThat(target).as("build %s first: ./mvnw -pl %s,local-stack -am verify", module, module).isDirectory();
		try (Stream<Path> files = Files.list(target)) {
			List<Path> jars = files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar")).toList();
			assertThat(jars).as("the repackaged jar of %s in %s", module, target).hasSize(1);
			return jars.get(0);
		}
	}

}
