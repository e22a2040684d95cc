package io.paytally.batch.request;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.paytally.batch.internal.KafkaClients;
import io.paytally.schemas.topics.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class StatementRequestConsumerTest {

	private static final String TOPIC = Topic.STATEMENT_RUNS.topicName();

	private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

	/**
	 * The stop of a busy machine: the stopping thread is slow to go on after it woke the
	 * consumer up, which meanwhile reaches its close. The consumer behaves as Kafka's: an
	 * interrupt during its close is thrown as an {@link InterruptException}.
	 */
	@Test
	void stoppingWhileItPollsClosesTheConsumerWithoutInterruptingItAndEndsPromptly() throws Exception {
		@SuppressWarnings("unchecked")
		KafkaConsumer<String, byte[]> kafka = mock(KafkaConsumer.class);
		when(kafka.partitionsFor(eq(TOPIC), any(Duration.class)))
			.thenReturn(List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
		when(kafka.endOffsets(anyCollection())).thenReturn(Map.of(PARTITION, 0L));
		when(kafka.position(PARTITION)).thenReturn(0L);
		CountDownLatch polling = new CountDownLatch(1);
		CountDownLatch wokenUp = new CountDownLatch(1);
		when(kafka.poll(any(Duration.class))).thenAnswer((invocation) -> {
			polling.countDown();
			if (wokenUp.await(10, TimeUnit.SECONDS)) {
				throw new WakeupException();
			}
			return ConsumerRecords.empty();
		});
		doAnswer((invocation) -> {
			wokenUp.countDown();
			Thread.sleep(300);
			return null;
		}).when(kafka).wakeup();
		List<String> closes = new CopyOnWriteArrayList<>();
		doAnswer((invocation) -> {
			try {
				Thread.sleep(600);
				closes.add("closed");
				return null;
			}
			catch (InterruptedException ex) {
				closes.add("interrupted");
				throw new InterruptException(ex);
			}
		}).when(kafka).close(any(Duration.class));
		KafkaClients clients = mock(KafkaClients.class);
		when(clients.consumer(500)).thenReturn(kafka);
		List<Throwable> uncaught = new CopyOnWriteArrayList<>();
		Thread.UncaughtExceptionHandler handler = Thread.getDefaultUncaughtExceptionHandler();
		Thread.setDefaultUncaughtExceptionHandler((thread, ex) -> uncaught.add(ex));
		try {
			StatementRequestConsumer consumer = new StatementRequestConsumer(clients, mock(StatementRequestRuns.class),
					Duration.ofMillis(200));
			consumer.start();
			assertThat(polling.await(10, TimeUnit.SECONDS)).isTrue();

			long stopping = System.nanoTime();
			consumer.stop();

			assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(3));
			assertThat(consumer.isRunning()).isFalse();
			assertThat(closes).containsExactly("closed");
			assertThat(uncaught).isEmpty();
			verify(kafka).close(any(Duration.class));
		}
		finally {
			Thread.setDefaultUncaughtExceptionHandler(handler);
		}
	}

}
