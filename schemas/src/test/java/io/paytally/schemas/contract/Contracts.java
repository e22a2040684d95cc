package io.paytally.schemas.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.paytally.schemas.topics.Topic;

/**
 * Where the committed contract files live, and whether the tests may (re)write them:
 * {@code ./mvnw -pl schemas test -Dpaytally.contracts.write=true} writes JSON Schemas and
 * TOPICS.md that are out of date (if the change is compatible) and golden samples that do
 * not exist yet. Golden samples are never overwritten: changing one is a breaking change.
 */
final class Contracts {

	static final String WRITE_PROPERTY = "paytally.contracts.write";

	static final String WRITE_HINT = "./mvnw -pl schemas test -D" + WRITE_PROPERTY + "=true";

	private Contracts() {
	}

	static Path moduleDir() {
		return Path.of(System.getProperty("basedir", "."));
	}

	/** The committed JSON Schema of a topic's value. */
	static Path schemaFile(Topic topic) {
		return moduleDir().resolve("src/main/resources/schemas").resolve(schemaFileName(topic));
	}

	static String schemaFileName(Topic topic) {
		return topic.topicName() + ".schema.json";
	}

	/** A committed golden sample. */
	static Path goldenFile(String fileStem) {
		return moduleDir().resolve("src/test/resources/contracts").resolve(fileStem + ".json");
	}

	static Path topicsDoc() {
		return moduleDir().resolve("TOPICS.md");
	}

	static boolean writeMode() {
		return Boolean.getBoolean(WRITE_PROPERTY);
	}

	static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void write(Path file, String content) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, content, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
