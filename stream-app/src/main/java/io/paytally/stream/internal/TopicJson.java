package io.paytally.stream.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import io.paytally.schemas.serde.Json;

/**
 * The JSON of the public topics as the topology reads and writes it: paytally's mapper
 * ({@link Json#mapper()}, the same bytes as the schemas' {@code JsonSerde}) with a faster
 * path for instants in their usual form ({@code 2026-03-01T01:00:00.123Z}), where
 * Jackson's {@code DateTimeFormatter} took 40% of the JSON time. Any other form is read
 * by Jackson's own deserializer.
 */
public final class TopicJson {

	private static final JsonMapper MAPPER = Json.mapper()
		.rebuild()
		.addModule(new SimpleModule("paytally-fast-instants").addSerializer(Instant.class, new InstantWriter())
			.addDeserializer(Instant.class, new InstantReader()))
		.build();

	private TopicJson() {
	}

	/** The mapper. */
	public static JsonMapper mapper() {
		return MAPPER;
	}

	/** A serde of one public topic's records. */
	public static <T> Serde<T> serde(Class<T> type) {
		return new TopicSerde<>(type);
	}

	/** An instant as {@code DateTimeFormatter.ISO_INSTANT} writes it. */
	static String format(Instant instant) {
		long seconds = instant.getEpochSecond();
		if (seconds < -62167219200L || seconds > 253402300799L) {
			// outside years 0000 to 9999
			return instant.toString();
		}
		LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
		int nano = instant.getNano();
		char[] out = new char[30];
		int i = 0;
		i = digits(out, i, t.getYear(), 4);
		out[i++] = '-';
		i = digits(out, i, t.getMonthValue(), 2);
		out[i++] = '-';
		i = digits(out, i, t.getDayOfMonth(), 2);
		out[i++] = 'T';
		i = digits(out, i, t.getHour(), 2);
		out[i++] = ':';
		i = digits(out, i, t.getMinute(), 2);
		out[i++] = ':';
		i = digits(out, i, t.getSecond(), 2);
		if (nano != 0) {
			out[i++] = '.';
			if (nano % 1_000_000 == 0) {
				i = digits(out, i, nano / 1_000_000, 3);
			}
			else if (nano % 1_000 == 0) {
				i = digits(out, i, nano / 1_000, 6);
			}
			else {
				i = digits(out, i, nano, 9);
			}
		}
		out[i++] = 'Z';
		return new String(out, 0, i);
	}

	/**
	 * Reads {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}; {@code null} for any other form.
	 */
	static Instant parse(String text) {
		int length = text.length();
		if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
				|| text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
				|| text.charAt(16) != ':') {
			return null;
		}
		int year = number(text, 0, 4);
		int month = number(text, 5, 7);
		int day = number(text, 8, 10);
		int hour = number(text, 11, 13);
		int minute = number(text, 14, 16);
		int second = number(text, 17, 19);
		if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
				|| minute > 59 || second < 0 || second > 59) {
			return null;
		}
		int nano = 0;
		if (length > 20) {
			if (text.charAt(19) != '.' || length == 21) {
				return null;
			}
			int fraction = number(text, 20, length - 1);
			if (fraction < 0) {
				return null;
			}
			nano = fraction;
			for (int digits = length - 21; digits < 9; digits++) {
				nano *= 10;
			}
		}
		else if (text.charAt(19) != 'Z') {
			return null;
		}
		if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
			return null;
		}
		return LocalDateTime.of(year, month, day, hour, minute, second, nano).toInstant(ZoneOffset.UTC);
	}

	private static int number(String text, int from, int to) {
		int value = 0;
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static int digits(char[] out, int at, int value, int width) {
		for (int i = at + width - 1; i >= at; i--) {
			out[i] = (char) ('0' + value % 10);
			value /= 10;
		}
		return at + width;
	}

	private static final class InstantWriter extends ValueSerializer<Instant> {

		@Override
		public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) throws JacksonException {
			gen.writeString(format(value));
		}

	}

	private static final class InstantReader extends ValueDeserializer<Instant> {

		@Override
		public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
			if (p.currentToken() == JsonToken.VALUE_STRING) {
				Instant fast = parse(p.getString());
				if (fast != null) {
					return fast;
				}
			}
			return InstantDeserializer.INSTANT.deserialize(p, ctxt);
		}

	}

	private static final class TopicSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

		private final Class<T> type;

		private final ObjectWriter writer;

		private final ObjectReader reader;

		TopicSerde(Class<T> type) {
			this.type = type;
			this.writer = MAPPER.writerFor(type);
			this.reader = MAPPER.readerFor(type);
		}

		@Override
		public byte[] serialize(String topic, T data) {
			if (data == null) {
				return null;
			}
			try {
				return this.writer.writeValueAsBytes(data);
			}
			catch (JacksonException ex) {
				throw new SerializationException("Cannot write " + this.type.getSimpleName() + " to " + topic, ex);
			}
		}

		@Override
		public T deserialize(String topic, byte[] data) {
			if (data == null) {
				return null;
			}
			try {
				return this.reader.readValue(data);
			}
			catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
				throw new SerializationException("Cannot read " + this.type.getSimpleName() + " from " + topic, ex);
			}
		}

		@Override
		public Serializer<T> serializer() {
			return this;
		}

		@Override
		public Deserializer<T> deserializer() {
			return this;
		}

		@Override
		public void configure(Map<String, ?> configs, boolean isKey) {
		}

		@Override
		public void close() {
		}

	}

}
