package io.paytally.local.demo;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures a day while it is played: every second, the lag of the stream-app's consumer
 * group (committed offsets behind the last committed record of every partition it reads,
 * repartition topics included) and the heap in use; the worst of each is kept.
 */
final class DayMeter implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DayMeter.class);

	private static final long MB = 1024 * 1024;

	private final Admin admin;

	private final String groupId;

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private final ScheduledExecutorService timer;

	private final AtomicLong worstLag = new AtomicLong();

	private final AtomicLong peakHeap = new AtomicLong();

	private final long startNanos = System.nanoTime();

	private volatile long worstLagAtNanos;

	DayMeter(String bootstrapServers, String groupId) {
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.CLIENT_ID_CONFIG, "paytally-local-meter"));
		this.groupId = groupId;
		this.timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "paytally-day-meter");
			thread.setDaemon(true);
			return thread;
		});
		this.timer.scheduleWithFixedDelay(this::sample, 1, 1, TimeUnit.SECONDS);
	}

	private void sample() {
		this.peakHeap.accumulateAndGet(this.memory.getHeapMemoryUsage().getUsed(), Math::max);
		try {
			long lag = lag();
			if (lag > this.worstLag.get()) {
				this.worstLag.set(lag);
				this.worstLagAtNanos = System.nanoTime();
			}
		}
		catch (Exception ex) {
			logger.debug("No lag of {} this time: {}", this.groupId, ex.toString());
		}
	}

	/** Records the group has still to read, over every partition it committed. */
	long lag() throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(this.groupId)
			.partitionsToOffsetAndMetadata()
			.get(10, TimeUnit.SECONDS);
		if (committed.isEmpty()) {
			return 0;
		}
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		committed.keySet().forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
		var ends = this.admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
			.all()
			.get(10, TimeUnit.SECONDS);
		long lag = 0;
		for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
			if (entry.getValue() != null && ends.containsKey(entry.getKey())) {
				lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
			}
		}
		return lag;
	}

	/** The worst lag seen, in records. */
	long worstLag() {
		return this.worstLag.get();
	}

	/** When the worst lag was seen, after the meter started. */
	Duration worstLagAt() {
		return (this.worstLagAtNanos == 0) ? Duration.ZERO : Duration.ofNanos(this.worstLagAtNanos - this.startNanos);
	}

	/** The most heap seen in use, in MiB. */
	long peakHeapMb() {
		return this.peakHeap.get() / MB;
	}

	/** The heap in use after a full collection, in MiB. */
	long heapAfterGcMb() {
		System.gc();
		return this.memory.getHeapMemoryUsage().getUsed() / MB;
	}

	/** The most heap the JVM may use, in MiB. */
	long maxHeapMb() {
		return this.memory.getHeapMemoryUsage().getMax() / MB;
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
		this.admin.close(Duration.ofSeconds(2));
	}

}
