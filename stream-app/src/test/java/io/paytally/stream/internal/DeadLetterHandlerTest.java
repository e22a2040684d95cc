package io.paytally.stream.internal;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterHandlerTest {

	@Test
	void sendsAnUnreadableRecordToTheDeadLetterTopicWithItsReasonAndResumes() {
		byte[] key = "A1".getBytes(StandardCharsets.UTF_8);
		byte[] value = "{not json".getBytes(StandardCharsets.UTF_8);
		ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("orders.events", 3, 42, key, value);

		DeserializationExceptionHandler.Response response = new DeadLetterHandler().handleError(context(key, value),
				record, new SerializationException("Cannot read OrderEvent from orders.events",
						new IllegalStateException("Unexpected character")));

		assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
		assertThat(response.deadLetterQueueRecords()).singleElement().satisfies((dlt) -> {
			assertThat(dlt.topic()).isEqualTo("paytally.dead-letters");
			assertThat(dlt.key()).isEqualTo(key);
			assertThat(dlt.value()).isEqualTo(value);
			assertThat(header(dlt, DeadLetterHandler.REASON))
				.isEqualTo("Cannot read OrderEvent from orders.events: Unexpected character");
			assertThat(header(dlt, DeadLetterHandler.EXCEPTION)).isEqualTo(SerializationException.class.getName());
			assertThat(header(dlt, DeadLetterHandler.ORIGIN)).isEqualTo("orders.events-3@42");
		});
	}

	static String header(ProducerRecord<byte[], byte[]> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	static ErrorHandlerContext context(byte[] key, byte[] value) {
		return new ErrorHandlerContext() {

			@Override
			public String topic() {
				return "orders.events";
			}

			@Override
			public int partition() {
				return 3;
			}

			@Override
			public long offset() {
				return 42;
			}

			@Override
			public Headers headers() {
				return new RecordHeaders();
			}

			@Override
			public String processorNodeId() {
				return "order-events";
			}

			@Override
			public TaskId taskId() {
				return new TaskId(0, 3);
			}

			@Override
			public long timestamp() {
				return 0;
			}

			@Override
			public byte[] sourceRawKey() {
				return key;
			}

			@Override
			public byte[] sourceRawValue() {
				return value;
			}

		};
	}

}
