package io.paytally.schemas.contract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Whether a new JSON Schema still serves the consumers of an old one: every property of
 * the old schema exists with the same type and format, every property always written is
 * still always written, and every enum value still exists. New properties and new enum
 * values are allowed (consumers ignore unknown properties).
 */
final class SchemaCompatibility {

	private SchemaCompatibility() {
	}

	/** What breaks existing consumers, one line per problem; empty when compatible. */
	static List<String> problems(JsonNode oldSchema, JsonNode newSchema) {
		List<String> problems = new ArrayList<>();
		compare("$", oldSchema, oldSchema, newSchema, newSchema, problems);
		return problems;
	}

	private static void compare(String path, JsonNode oldRoot, JsonNode oldNode, JsonNode newRoot, JsonNode newNode,
			List<String> problems) {
		JsonNode oldResolved = resolve(oldRoot, oldNode);
		JsonNode newResolved = resolve(newRoot, newNode);
		if (!text(oldResolved, "type").equals(text(newResolved, "type"))) {
			problems
				.add(path + ": type changed from " + text(oldResolved, "type") + " to " + text(newResolved, "type"));
			return;
		}
		if (!text(oldResolved, "format").equals(text(newResolved, "format"))) {
			problems.add(path + ": format changed from " + text(oldResolved, "format") + " to "
					+ text(newResolved, "format"));
		}
		if (oldResolved.has("enum")) {
			Set<String> newValues = values(newResolved.get("enum"));
			for (String value : values(oldResolved.get("enum"))) {
				if (!newResolved.has("enum") || !newValues.contains(value)) {
					problems.add(path + ": enum value " + value + " removed");
				}
			}
		}
		if (oldResolved.has("required")) {
			Set<String> newRequired = values(newResolved.get("required"));
			for (String name : values(oldResolved.get("required"))) {
				if (!newRequired.contains(name)) {
					problems.add(path + "." + name + ": no longer always present");
				}
			}
		}
		if (oldResolved.has("properties")) {
			JsonNode newProperties = newResolved.get("properties");
			for (String name : oldResolved.get("properties").propertyNames()) {
				if (newProperties == null || !newProperties.has(name)) {
					problems.add(path + "." + name + ": removed");
				}
				else {
					compare(path + "." + name, oldRoot, oldResolved.get("properties").get(name), newRoot,
							newProperties.get(name), problems);
				}
			}
		}
		if (oldResolved.has("items")) {
			compare(path + "[]", oldRoot, oldResolved.get("items"), newRoot, newResolved.get("items"), problems);
		}
	}

	private static JsonNode resolve(JsonNode root, JsonNode node) {
		if (node != null && node.has("$ref")) {
			String ref = node.get("$ref").asString();
			return root.get("$defs").get(ref.substring(ref.lastIndexOf('/') + 1));
		}
		return node;
	}

	private static String text(JsonNode node, String field) {
		return (node != null && node.has(field)) ? node.get(field).asString() : "";
	}

	private static Set<String> values(JsonNode array) {
		Set<String> values = new HashSet<>();
		if (array != null) {
			array.forEach((value) -> values.add(value.asString()));
		}
		return values;
	}

}
