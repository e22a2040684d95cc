package io.paytally.ingest.verification;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strict JSON trees of callback bodies and decrypted resources: one document, an object,
 * nothing after it, numbers with a fraction or an exponent kept exact (as
 * {@code BigDecimal}) so that an amount is read as written.
 */
final class JsonTrees {

	private static final ObjectReader READER = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build()
		.reader();

	private JsonTrees() {
	}

	/**
	 * The JSON object of a body.
	 * @throws MalformedCallback if it is not one well-formed JSON object
	 */
	static JsonNode object(byte[] json) {
		try {
			return requireObject(READER.readTree(json));
		}
		catch (JacksonException ex) {
			throw new MalformedCallback("JSON");
		}
	}

	/**
	 * The JSON object of a text.
	 * @throws MalformedCallback if it is not one well-formed JSON object
	 */
	static JsonNode object(String json) {
		try {
			return requireObject(READER.readTree(json));
		}
		catch (JacksonException ex) {
			throw new MalformedCallback("JSON");
		}
	}

	private static JsonNode requireObject(JsonNode node) {
		if (node == null || !node.isObject()) {
			throw new MalformedCallback("JSON");
		}
		return node;
	}

}
