package io.paytally.local.demo;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import io.paytally.local.Paytally;

/**
 * A {@code paytally} command line in a JVM of its own, as an operator starts it: the same
 * java executable and the same code as this JVM (the executable jar {@code ./paytally}
 * runs, or the class path of a test), its output in a log file. It can be killed without
 * a clean shutdown ({@link #kill()}, SIGKILL).
 */
final class PaytallyJvm {

	/** A short command: the client compiler only, a serial collector. */
	static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

	private final Process process;

	private final Path log;

	private PaytallyJvm(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts {@code paytally <arguments>}.
	 * @param arguments the command line after {@code paytally}
	 * @param environment variables added to this JVM's environment (secrets go here, not
	 * on the command line)
	 * @param log where the output goes (replaced)
	 * @return the running command
	 */
	static PaytallyJvm start(List<String> arguments, Map<String, String> environment, Path log) {
		List<String> command = new ArrayList<>(javaCommand(System.getProperty("java.class.path")));
		command.addAll(arguments);
		try {
			Files.createDirectories(log.toAbsolutePath().getParent());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
			builder.environment().putAll(environment);
			return new PaytallyJvm(builder.start(), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + String.join(" ", command), ex);
		}
	}

	/**
	 * The java command that runs paytally's entry point with the code of a JVM whose
	 * class path is {@code classPath}: {@code -jar} when it is paytally's executable jar
	 * (a Spring Boot jar, which names the entry point {@code Start-Class}), the entry
	 * point on that class path otherwise.
	 */
	static List<String> javaCommand(String classPath) {
		String java = ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(JVM_OPTIONS);
		if (isExecutableJar(classPath)) {
			command.add("-jar");
			command.add(Path.of(classPath).toAbsolutePath().toString());
		}
		else {
			command.add("-cp");
			command.add(classPath);
			command.add(Paytally.class.getName());
		}
		return command;
	}

	private static boolean isExecutableJar(String classPath) {
		if (classPath == null || classPath.isEmpty() || classPath.contains(File.pathSeparator)
				|| !classPath.endsWith(".jar") || !Files.isRegularFile(Path.of(classPath))) {
			return false;
		}
		try (JarFile jar = new JarFile(classPath)) {
			Manifest manifest = jar.getManifest();
			return manifest != null && manifest.getMainAttributes().getValue("Start-Class") != null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the manifest of " + classPath, ex);
		}
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** Its exit code; only once it ended. */
	int exitValue() {
		return this.process.exitValue();
	}

	/**
	 * Kills the JVM at once (SIGKILL: no shutdown hook runs, nothing is flushed or
	 * closed) and waits for it to end.
	 * @return its exit code (137 after SIGKILL)
	 */
	int kill() throws InterruptedException {
		this.process.destroyForcibly();
		return this.process.waitFor();
	}

	/** The end of its output, for messages. */
	String output() {
		try {
			String text = Files.readString(this.log, StandardCharsets.UTF_8);
			return text.substring(Math.max(0, text.length() - 3000));
		}
		catch (IOException ex) {
			return "(no output: " + ex.getMessage() + ")";
		}
	}

	Path log() {
		return this.log;
	}

}
