package io.paytally.schemas.contract;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.networknt.schema.Error;
import com.networknt.schema.ExecutionConfig;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.paytally.schemas.Samples;
import io.paytally.schemas.Samples.Sample;
import io.paytally.schemas.serde.Json;
import io.paytally.schemas.topics.Topic;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed JSON Schemas are those of the records, and every sample validates against
 * its schema.
 */
class JsonSchemaTest {

	private static final SchemaRegistry REGISTRY = SchemaRegistry
		.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	static List<Topic> jsonTopics() {
		return Arrays.stream(Topic.values()).filter((topic) -> topic.valueType() != byte[].class).toList();
	}

	static List<Sample> samples() {
		return Samples.all();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("jsonTopics")
	void committedSchemaIsTheRecordsSchema(Topic topic) {
		String generated = pretty(JsonSchemaGenerator.schemaOf(topic));
		boolean exists = Files.exists(Contracts.schemaFile(topic));
		if (Contracts.writeMode() && (!exists || !Contracts.read(Contracts.schemaFile(topic)).equals(generated))) {
			if (exists) {
				assertThat(SchemaCompatibility.problems(committedSchema(topic), JsonSchemaGenerator.schemaOf(topic)))
					.as("the record change breaks consumers of %s; the committed schema stays", topic.topicName())
					.isEmpty();
			}
			Contracts.write(Contracts.schemaFile(topic), generated);
		}
		assertThat(exists || Contracts.writeMode())
			.as("%s is missing: run %s", Contracts.schemaFile(topic), Contracts.WRITE_HINT)
			.isTrue();
		assertThat(Contracts.read(Contracts.schemaFile(topic)))
			.as("%s is out of date with %s: run %s", Contracts.schemaFileName(topic), topic.valueType().getSimpleName(),
					Contracts.WRITE_HINT)
			.isEqualTo(generated);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("samples")
	void sampleValidatesAgainstItsSchema(Sample sample) {
		assertThat(validate(sample.topic(), sample.json())).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("jsonTopics")
	void samplesWriteExactlyTheSchemasProperties(Topic topic) {
		Set<String> written = new LinkedHashSet<>();
		for (Sample sample : Samples.of(topic)) {
			written.addAll(Json.mapper().readTree(sample.json()).propertyNames());
		}

		assertThat(written)
			.as("the properties the samples of %s write; a new record field needs a value in Samples' full sample",
					topic.topicName())
			.containsExactlyInAnyOrderElementsOf(JsonSchemaGenerator.schemaOf(topic).get("properties").propertyNames());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("jsonTopics")
	void minimalSampleWritesOnlyTheRequiredProperties(Topic topic) {
		List<Sample> samples = Samples.of(topic);
		JsonNode minimal = Json.mapper().readTree(samples.get(samples.size() - 1).json());

		assertThat(minimal.propertyNames())
			.as("the properties of the minimal sample of %s (every optional field absent)", topic.topicName())
			.containsExactlyInAnyOrderElementsOf(values(JsonSchemaGenerator.schemaOf(topic).get("required")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("jsonTopics")
	void schemaRejectsAValueWithoutItsRequiredProperties(Topic topic) {
		assertThat(validate(topic, "{}")).isNotEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("jsonTopics")
	void schemaRejectsATimeThatIsNotRfc3339(Topic topic) {
		Sample full = Samples.of(topic).get(0);
		ObjectNode json = (ObjectNode) Json.mapper().valueToTree(full.value());
		String timeField = json.propertyNames()
			.stream()
			.filter((name) -> name.endsWith("_at") || name.endsWith("_time") || name.startsWith("window_"))
			.findFirst()
			.orElseThrow();
		json.put(timeField, "23/11/2026 10:00");

		assertThat(validate(topic, json.toString())).isNotEmpty();
	}

	/**
	 * The validation errors of a JSON value against the committed schema of its topic.
	 */
	static List<Error> validate(Topic topic, String json) {
		Schema schema = REGISTRY.getSchema(Contracts.read(Contracts.schemaFile(topic)), InputFormat.JSON);
		return schema.validate(json, InputFormat.JSON, (context) -> context
			.setExecutionConfig(ExecutionConfig.builder().formatAssertionsEnabled(true).build()));
	}

	private static List<String> values(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	static ObjectNode committedSchema(Topic topic) {
		return (ObjectNode) Json.mapper().readTree(Contracts.read(Contracts.schemaFile(topic)));
	}

	static String pretty(ObjectNode schema) {
		return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(schema) + "\n";
	}

}
