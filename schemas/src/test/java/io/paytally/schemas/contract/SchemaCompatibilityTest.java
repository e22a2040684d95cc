package io.paytally.schemas.contract;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.paytally.schemas.serde.Json;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaCompatibilityTest {

	private static final String OLD = """
			{"type":"object","required":["id","amount"],
			 "properties":{
			   "id":{"type":"string"},
			   "amount":{"type":"integer"},
			   "note":{"type":"string"},
			   "status":{"type":"string","enum":["A","B"]},
			   "items":{"type":"array","items":{"$ref":"#/$defs/Item"}}},
			 "$defs":{"Item":{"type":"object","required":[],"properties":{"at":{"type":"string","format":"date-time"}}}}}
			""";

	@Test
	void acceptsTheSameSchema() {
		assertThat(SchemaCompatibility.problems(json(OLD), json(OLD))).isEmpty();
	}

	@Test
	void acceptsNewPropertiesAndEnumValues() {
		String added = OLD
			.replace("\"note\":{\"type\":\"string\"},",
					"\"note\":{\"type\":\"string\"},\"extra\":{\"type\":\"integer\"},")
			.replace("[\"A\",\"B\"]", "[\"A\",\"B\",\"C\"]");

		assertThat(SchemaCompatibility.problems(json(OLD), json(added))).isEmpty();
	}

	@Test
	void reportsARemovedProperty() {
		String removed = OLD.replace("\"note\":{\"type\":\"string\"},", "");

		assertThat(SchemaCompatibility.problems(json(OLD), json(removed))).containsExactly("$.note: removed");
	}

	@Test
	void reportsARetypedProperty() {
		String retyped = OLD.replace("\"amount\":{\"type\":\"integer\"}", "\"amount\":{\"type\":\"string\"}");

		assertThat(SchemaCompatibility.problems(json(OLD), json(retyped)))
			.containsExactly("$.amount: type changed from integer to string");
	}

	@Test
	void reportsARemovedEnumValue() {
		String fewer = OLD.replace("[\"A\",\"B\"]", "[\"A\"]");

		assertThat(SchemaCompatibility.problems(json(OLD), json(fewer)))
			.containsExactly("$.status: enum value B removed");
	}

	@Test
	void reportsAPropertyNoLongerAlwaysWritten() {
		String optional = OLD.replace("[\"id\",\"amount\"]", "[\"id\"]");

		assertThat(SchemaCompatibility.problems(json(OLD), json(optional)))
			.containsExactly("$.amount: no longer always present");
	}

	@Test
	void reportsAChangedFormatInANestedRecord() {
		String date = OLD.replace("\"format\":\"date-time\"", "\"format\":\"date\"");

		assertThat(SchemaCompatibility.problems(json(OLD), json(date)))
			.containsExactly("$.items[].at: format changed from date-time to date");
	}

	private static JsonNode json(String text) {
		return Json.mapper().readTree(text);
	}

}
