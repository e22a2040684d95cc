package io.paytally.schemas.serde;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one JSON mapping of paytally's records: snake_case names like WeChat's, times as
 * RFC 3339 strings, absent values left out, unknown fields ignored so that consumers
 * survive new fields. Instants in their usual forms are written and read by
 * {@link Rfc3339}, the same text Jackson's own {@code DateTimeFormatter} path gives, at a
 * tenth of its cost; any other form is read by Jackson.
 */
public final class Json {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.addModule(new SimpleModule("paytally-instants").addSerializer(Instant.class, new InstantWriter())
			.addDeserializer(Instant.class, new InstantReader()))
		.build();

	private Json() {
	}

	/** The shared, thread-safe mapper. */
	public static JsonMapper mapper() {
		return MAPPER;
	}

	private static final class InstantWriter extends ValueSerializer<Instant> {

		@Override
		public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) throws JacksonException {
			gen.writeString(Rfc3339.format(value));
		}

	}

	private static final class InstantReader extends ValueDeserializer<Instant> {

		@Override
		public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
			if (p.currentToken() == JsonToken.VALUE_STRING) {
				Instant usual = Rfc3339.parse(p.getString());
				if (usual != null) {
					return usual;
				}
			}
			return InstantDeserializer.INSTANT.deserialize(p, ctxt);
		}

	}

}
