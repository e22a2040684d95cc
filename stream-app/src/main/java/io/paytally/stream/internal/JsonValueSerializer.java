package io.paytally.stream.internal;

import org.apache.kafka.common.serialization.Serializer;

import io.paytally.schemas.serde.Json;

/**
 * Writes any topic record as paytally's JSON (the same bytes as its {@code JsonSerde});
 * byte arrays pass through unchanged (dead letters).
 */
public class JsonValueSerializer implements Serializer<Object> {

	@Override
	public byte[] serialize(String topic, Object data) {
		if (data == null) {
			return null;
		}
		if (data instanceof byte[] bytes) {
			return bytes;
		}
		return Json.mapper().writeValueAsBytes(data);
	}

}
