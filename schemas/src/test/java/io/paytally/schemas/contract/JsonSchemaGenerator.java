package io.paytally.schemas.contract;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.paytally.schemas.Samples;
import io.paytally.schemas.Samples.Sample;
import io.paytally.schemas.serde.Json;
import io.paytally.schemas.topics.Topic;

/**
 * Derives the JSON Schema (draft 2020-12) of a topic's value from its record, the way
 * {@link Json#mapper()} writes it: snake_case names, integers for amounts and counts, RFC
 * 3339 strings for instants, ISO dates, enum names. A property is required when paytally
 * always writes it: a primitive, or a component that every sample's constructor refuses
 * to leave {@code null} or fills in itself.
 */
final class JsonSchemaGenerator {

	static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final Map<Class<?>, List<Object>> instances = new LinkedHashMap<>();

	private JsonSchemaGenerator(List<Sample> samples) {
		for (Sample sample : samples) {
			collect(sample.value());
		}
	}

	/** The schema of a topic's value, as committed under src/main/resources/schemas. */
	static ObjectNode schemaOf(Topic topic) {
		JsonSchemaGenerator generator = new JsonSchemaGenerator(Samples.of(topic));
		Class<?> type = topic.valueType();
		ObjectNode schema = NODES.objectNode();
		schema.put("$schema", DRAFT);
		schema.put("title", type.getSimpleName());
		Javadocs.Doc doc = Javadocs.of(type);
		schema.put("description", doc.description() + " Record key: " + topic.key() + ".");
		Map<String, ObjectNode> defs = new LinkedHashMap<>();
		generator.describeRecord(type, doc, schema, defs);
		if (!defs.isEmpty()) {
			ObjectNode defsNode = schema.putObject("$defs");
			defs.forEach(defsNode::set);
		}
		return schema;
	}

	/**
	 * The JSON name of a record component (snake_case; the schema test checks it against
	 * what the mapper writes).
	 */
	static String jsonName(String componentName) {
		StringBuilder name = new StringBuilder();
		for (char c : componentName.toCharArray()) {
			if (Character.isUpperCase(c)) {
				name.append('_').append(Character.toLowerCase(c));
			}
			else {
				name.append(c);
			}
		}
		return name.toString();
	}

	private void describeRecord(Class<?> type, Javadocs.Doc doc, ObjectNode schema, Map<String, ObjectNode> defs) {
		schema.put("type", "object");
		ArrayNode required = schema.putArray("required");
		ObjectNode properties = schema.putObject("properties");
		for (RecordComponent component : type.getRecordComponents()) {
			String name = jsonName(component.getName());
			ObjectNode property = typeOf(component.getGenericType(), defs);
			String description = doc.params().get(component.getName());
			if (description != null) {
				ObjectNode described = NODES.objectNode();
				described.put("description", description);
				described.setAll(property);
				property = described;
			}
			properties.set(name, property);
			if (alwaysWritten(type, component)) {
				required.add(name);
			}
		}
	}

	private ObjectNode typeOf(Type type, Map<String, ObjectNode> defs) {
		ObjectNode node = NODES.objectNode();
		if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
			node.put("type", "array");
			node.set("items", typeOf(parameterized.getActualTypeArguments()[0], defs));
			return node;
		}
		if (!(type instanceof Class<?> raw)) {
			throw new IllegalArgumentException("No JSON Schema mapping for " + type);
		}
		if (raw == String.class) {
			node.put("type", "string");
		}
		else if (raw == long.class || raw == Long.class || raw == int.class || raw == Integer.class) {
			node.put("type", "integer");
		}
		else if (raw == boolean.class || raw == Boolean.class) {
			node.put("type", "boolean");
		}
		else if (raw == Instant.class) {
			node.put("type", "string");
			node.put("format", "date-time");
		}
		else if (raw == LocalDate.class) {
			node.put("type", "string");
			node.put("format", "date");
		}
		else if (raw.isEnum()) {
			node.put("type", "string");
			ArrayNode values = node.putArray("enum");
			Arrays.stream(raw.getEnumConstants()).map((value) -> ((Enum<?>) value).name()).forEach(values::add);
		}
		else if (raw.isRecord()) {
			if (!defs.containsKey(raw.getSimpleName())) {
				ObjectNode def = NODES.objectNode();
				Javadocs.Doc doc = Javadocs.of(raw);
				if (!doc.description().isEmpty()) {
					def.put("description", doc.description());
				}
				defs.put(raw.getSimpleName(), def);
				describeRecord(raw, doc, def, defs);
			}
			node.put("$ref", "#/$defs/" + raw.getSimpleName());
		}
		else {
			throw new IllegalArgumentException("No JSON Schema mapping for " + raw);
		}
		return node;
	}

	/**
	 * Whether paytally always writes a component: primitives always; references when
	 * every sample of the record refuses a {@code null} or replaces it.
	 */
	private boolean alwaysWritten(Class<?> type, RecordComponent component) {
		if (component.getType().isPrimitive()) {
			return true;
		}
		List<Object> samples = this.instances.getOrDefault(type, List.of());
		if (samples.isEmpty()) {
			throw new IllegalStateException("No sample of " + type.getSimpleName() + " to probe");
		}
		return samples.stream().allMatch((sample) -> refusesOrFillsNull(sample, component));
	}

	private static boolean refusesOrFillsNull(Object sample, RecordComponent target) {
		RecordComponent[] components = sample.getClass().getRecordComponents();
		Object[] args = new Object[components.length];
		Class<?>[] types = new Class<?>[components.length];
		for (int i = 0; i < components.length; i++) {
			types[i] = components[i].getType();
			args[i] = components[i].getName().equals(target.getName()) ? null : value(components[i], sample);
		}
		try {
			Constructor<?> constructor = sample.getClass().getDeclaredConstructor(types);
			constructor.setAccessible(true);
			Object built = constructor.newInstance(args);
			return value(target, built) != null;
		}
		catch (InvocationTargetException ex) {
			return true;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Object value(RecordComponent component, Object record) {
		try {
			component.getAccessor().setAccessible(true);
			return component.getAccessor().invoke(record);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void collect(Object value) {
		if (value == null) {
			return;
		}
		if (value instanceof Collection<?> collection) {
			collection.forEach(this::collect);
			return;
		}
		if (value.getClass().isRecord()) {
			this.instances.computeIfAbsent(value.getClass(), (k) -> new ArrayList<>()).add(value);
			for (RecordComponent component : value.getClass().getRecordComponents()) {
				collect(value(component, value));
			}
		}
	}

}
