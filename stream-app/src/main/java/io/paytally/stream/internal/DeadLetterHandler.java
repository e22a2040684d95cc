package io.paytally.stream.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paytally.schemas.topics.Topic;

/**
 * A record that cannot be read or processed goes to {@code paytally.dead-letters} with
 * its original key and value bytes and the reason in headers, and the application goes
 * on. The dead letter is written in the same transaction as the task's other output.
 */
public class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {

	/** Header: why the record was dead-lettered. */
	public static final String REASON = "paytally.dlt.reason";

	/** Header: the exception's class. */
	public static final String EXCEPTION = "paytally.dlt.exception";

	/** Header: where the record came from ({@code topic-partition@offset}). */
	public static final String ORIGIN = "paytally.dlt.origin";

	/** Header: the processor that failed (processing errors only). */
	public static final String PROCESSOR = "paytally.dlt.processor";

	private static final Logger log = LoggerFactory.getLogger(DeadLetterHandler.class);

	@Override
	public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
			ConsumerRecord<byte[], byte[]> record, Exception exception) {
		log.warn("Unreadable record {}-{}@{} sent to {}: {}", context.topic(), context.partition(), context.offset(),
				Topic.DEAD_LETTERS.topicName(), reason(exception));
		return DeserializationExceptionHandler.Response
			.resume(List.of(deadLetter(context, record.key(), record.value(), exception, null)));
	}

	@Override
	public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
			Exception exception) {
		log.warn("Record {}-{}@{} failed in {} and was sent to {}: {}", context.topic(), context.partition(),
				context.offset(), context.processorNodeId(), Topic.DEAD_LETTERS.topicName(), reason(exception));
		return ProcessingExceptionHandler.Response.resume(List.of(deadLetter(context, context.sourceRawKey(),
				context.sourceRawValue(), exception, context.processorNodeId())));
	}

	static ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, byte[] key, byte[] value,
			Exception exception, String processor) {
		Headers headers = new RecordHeaders();
		headers.add(REASON, utf8(reason(exception)));
		headers.add(EXCEPTION, utf8(exception.getClass().getName()));
		headers.add(ORIGIN, utf8(context.topic() + "-" + context.partition() + "@" + context.offset()));
		if (processor != null) {
			headers.add(PROCESSOR, utf8(processor));
		}
		return new ProducerRecord<>(Topic.DEAD_LETTERS.topicName(), null, key, value, headers);
	}

	static String reason(Throwable exception) {
		StringBuilder reason = new StringBuilder(String.valueOf(exception.getMessage()));
		Throwable cause = exception.getCause();
		while (cause != null && cause != exception) {
			reason.append(": ").append(cause.getMessage());
			exception = cause;
			cause = cause.getCause();
		}
		return (reason.length() > 1000) ? reason.substring(0, 1000) : reason.toString();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void configure(Map<String, ?> configs) {
	}

}
