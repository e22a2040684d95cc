package io.paytally.local.demo;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.paytally.local.Paytally;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command in a JVM of its own runs the code of this one: paytally's executable jar with
 * {@code -jar}, a class path (the tests') with paytally's entry point on it.
 */
class PaytallyJvmTest {

	@TempDir
	Path files;

	@Test
	void runsTheExecutableJarWithDashJar() throws IOException {
		Path jar = jar("local-stack-exec.jar", "org.springframework.boot.loader.launch.JarLauncher",
				Paytally.class.getName());

		List<String> command = PaytallyJvm.javaCommand(jar.toString());

		assertThat(command).endsWith("-jar", jar.toAbsolutePath().toString());
		assertThat(command.subList(1, command.size() - 2)).isEqualTo(PaytallyJvm.JVM_OPTIONS);
		assertThat(Path.of(command.get(0)).getFileName().toString()).startsWith("java");
	}

	@Test
	void runsTheEntryPointOnAClassPath() {
		String classPath = String.join(File.pathSeparator, "target/classes", "target/test-classes", "lib/a.jar");

		assertThat(PaytallyJvm.javaCommand(classPath)).endsWith("-cp", classPath, Paytally.class.getName());
	}

	@Test
	void runsTheEntryPointOnAPlainJar() throws IOException {
		Path jar = jar("local-stack.jar", null, null);

		assertThat(PaytallyJvm.javaCommand(jar.toString())).endsWith("-cp", jar.toString(), Paytally.class.getName());
	}

	private Path jar(String name, String mainClass, String startClass) throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		if (mainClass != null) {
			manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
			manifest.getMainAttributes().putValue("Start-Class", startClass);
		}
		Path jar = this.files.resolve(name);
		try (OutputStream out = Files.newOutputStream(jar);
				JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
			// the manifest alone
		}
		return jar;
	}

}
