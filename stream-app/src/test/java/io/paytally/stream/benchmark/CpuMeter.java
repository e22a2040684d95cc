package io.paytally.stream.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this process and of its threads by role between two points, so that a
 * figure taken on a shared machine can be read as CPU per event, which the other
 * processes of the machine do not change much.
 */
final class CpuMeter {

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private final Map<Long, Long> startByThread = new HashMap<>();

	private final long startProcess;

	private final long startWall;

	CpuMeter() {
		this.startWall = System.nanoTime();
		this.startProcess = processCpu();
		for (long id : this.threads.getAllThreadIds()) {
			this.startByThread.put(id, this.threads.getThreadCpuTime(id));
		}
	}

	/** What was spent since this meter was made, per event, printed. */
	void print(long events) {
		long process = processCpu() - this.startProcess;
		double wall = (System.nanoTime() - this.startWall) / 1e9;
		Map<String, Long> byRole = new LinkedHashMap<>();
		for (String role : new String[] { "stream threads", "their producer", "broker", "benchmark clients" }) {
			byRole.put(role, 0L);
		}
		long threadsTotal = 0;
		for (long id : this.threads.getAllThreadIds()) {
			long now = this.threads.getThreadCpuTime(id);
			ThreadInfo info = this.threads.getThreadInfo(id);
			if (now < 0 || info == null) {
				continue;
			}
			long spent = now - this.startByThread.getOrDefault(id, 0L);
			threadsTotal += spent;
			byRole.merge(role(info.getThreadName()), spent, Long::sum);
		}
		byRole.put("JIT, GC, JVM", Math.max(0, process - threadsTotal));
		System.out.printf("  CPU: %.1f s in %.1f s (%.2f cores), %.0f us per event:", process / 1e9, wall,
				process / 1e9 / wall, process / 1e3 / events);
		byRole.forEach((role, nanos) -> System.out.printf(" %s %.0f us,", role, nanos / 1e3 / events));
		System.out.println();
	}

	static String role(String name) {
		if (name.contains("StreamThread") && name.contains("producer")) {
			return "their producer";
		}
		if (name.contains("StreamThread") || name.contains("StateUpdater")) {
			return "stream threads";
		}
		if (name.startsWith("data-plane") || name.startsWith("kafka-") && !name.startsWith("kafka-producer")
				|| name.startsWith("Txn") || name.startsWith("AddPartitions") || name.startsWith("group-coordinator")
				|| name.startsWith("quorum") || name.startsWith("broker") || name.startsWith("controller")
				|| name.startsWith("ExpirationReaper") || name.startsWith("executor") || name.startsWith("raft")) {
			return "broker";
		}
		return "benchmark clients";
	}

	private static long processCpu() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

}
