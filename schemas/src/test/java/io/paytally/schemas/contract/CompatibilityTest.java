package io.paytally.schemas.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import io.paytally.schemas.Samples;
import io.paytally.schemas.Samples.Sample;
import io.paytally.schemas.serde.Json;
import io.paytally.schemas.serde.JsonSerde;
import io.paytally.schemas.topics.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Fails when a change to a record would break an existing consumer: a removed or retyped
 * field, a field no longer always written, a removed enum value. Two guards: the
 * committed golden samples (src/test/resources/contracts, never regenerated) must still
 * be read and written with every field and JSON type, and the committed JSON Schemas must
 * still fit the records.
 */
class CompatibilityTest {

	static List<Path> goldenFiles() {
		Path dir = Contracts.goldenFile("x").getParent();
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter((file) -> file.toString().endsWith(".json")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<Sample> samples() {
		return Samples.all();
	}

	static List<Topic> jsonTopics() {
		return JsonSchemaTest.jsonTopics();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("samples")
	void everySampleHasAGolden(Sample sample) {
		Path golden = Contracts.goldenFile(sample.fileStem());
		if (!Files.exists(golden) && Contracts.writeMode()) {
			Contracts.write(golden,
					Json.mapper()
						.writerWithDefaultPrettyPrinter()
						.writeValueAsString(Json.mapper().readTree(sample.json())) + "\n");
		}
		assertThat(golden).as("no golden sample %s: run %s", golden, Contracts.WRITE_HINT).exists();
	}

	@Test
	void goldenSamplesExist() {
		assertThat(goldenFiles()).hasSizeGreaterThanOrEqualTo(Samples.all().size());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("goldenFiles")
	void goldenSampleIsStillReadAndWrittenWithEveryField(Path golden) {
		Topic topic = topicOf(golden);
		String json = Contracts.read(golden);
		@SuppressWarnings("unchecked")
		JsonSerde<Object> serde = (JsonSerde<Object>) JsonSerde.of(topic.valueType());

		Object read;
		try {
			read = serde.deserialize(topic.topicName(), json.getBytes(StandardCharsets.UTF_8));
		}
		catch (RuntimeException ex) {
			fail("%s can no longer be read as %s: %s", golden.getFileName(), topic.valueType().getSimpleName(), ex);
			return;
		}
		JsonNode rewritten = Json.mapper().readTree(serde.serialize(topic.topicName(), read));

		List<String> problems = new ArrayList<>();
		compare("$", Json.mapper().readTree(json), rewritten, problems);
		assertThat(problems).as("fields of %s a consumer relies on", golden.getFileName()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("jsonTopics")
	void committedSchemaStillFitsTheRecord(Topic topic) {
		assertThat(SchemaCompatibility.problems(JsonSchemaTest.committedSchema(topic),
				JsonSchemaGenerator.schemaOf(topic)))
			.as("changes to %s that break consumers of %s", topic.valueType().getSimpleName(), topic.topicName())
			.isEmpty();
	}

	/** Every field of the golden is still written, with the same JSON type. */
	private static void compare(String path, JsonNode golden, JsonNode actual, List<String> problems) {
		if (actual == null || actual.isMissingNode()) {
			problems.add(path + " is no longer written");
			return;
		}
		if (golden.getNodeType() != actual.getNodeType()) {
			problems.add(path + " was " + golden.getNodeType() + ", is " + actual.getNodeType());
			return;
		}
		if (golden.isObject()) {
			for (String name : golden.propertyNames()) {
				compare(path + "." + name, golden.get(name), actual.get(name), problems);
			}
		}
		else if (golden.isArray()) {
			Iterator<JsonNode> actualItems = actual.iterator();
			int index = 0;
			for (JsonNode item : golden) {
				compare(path + "[" + index++ + "]", item, actualItems.hasNext() ? actualItems.next() : null, problems);
			}
		}
		else if (golden.isNumber() && golden.isIntegralNumber() != actual.isIntegralNumber()) {
			problems.add(path + " changed between integer and decimal");
		}
	}

	private static Topic topicOf(Path golden) {
		String name = golden.getFileName().toString();
		return Arrays.stream(Topic.values())
			.filter((topic) -> name.startsWith(topic.topicName() + "."))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No topic for golden sample " + name));
	}

}
