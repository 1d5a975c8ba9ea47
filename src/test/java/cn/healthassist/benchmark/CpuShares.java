package cn.healthassist.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Where a round's processor time went, in milliseconds a case: this JVM's Java threads by what they do, its JIT
 * compiler's and garbage collector's threads (not Java threads: read from /proc), the rest of the JVM (its other
 * threads and threads that ended during the round), and the database server's processes when they run on this machine (every {@code mariadbd} or
 * {@code mysqld}, read from {@code /proc}). The
 * product and the baseline share the JVM and the database server but run one after the other, so each round's
 * figures are its own side's.
 */
final class CpuShares {

	/** The processor time of the benchmark's client threads, which end with their round: each adds its own. */
	static final LongAdder CLIENTS = new LongAdder();

	/** The start of the client threads' names; their time is in {@link #CLIENTS}, not read per thread. */
	static final String CLIENT_THREAD = "bench-client-";

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private static final com.sun.management.OperatingSystemMXBean PROCESS = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	/** Linux's clock ticks a second, the unit of /proc/[pid]/stat's times. */
	private static final long TICKS_PER_SECOND = 100;

	/** The kinds of thread, by the start of their names, in the order they are reported. */
	private static final Map<String, String> KINDS = new LinkedHashMap<>();

	static {
		KINDS.put("http-nio", "requests");
		KINDS.put("camundaTaskExecutor", "jobs");
		KINDS.put("pool-", "baseline jobs");
		KINDS.put("HttpClient", "HTTP client");
	}

	/**
	 * The processor time so far of each thread alive, by a key of its own ({@code java-12} for a Java thread,
	 * {@code task-3456} for one of the JVM's own), and of the process, the clients and the database.
	 */
	record Snapshot(long processNanos, long clientNanos, Map<String, ThreadTime> threads, long databaseNanos) {
	}

	/** One thread's kind and processor time so far. */
	record ThreadTime(String kind, long nanos) {
	}

	private CpuShares() {
	}

	static Snapshot take() {
		Map<String, ThreadTime> threads = new LinkedHashMap<>();
		for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
			if (info == null || info.getThreadName().startsWith(CLIENT_THREAD)) {
				continue;
			}
			long nanos = THREADS.getThreadCpuTime(info.getThreadId());
			if (nanos > 0) {
				threads.put("java-" + info.getThreadId(), new ThreadTime(kind(info.getThreadName()), nanos));
			}
		}
		threads.putAll(vmThreads());
		return new Snapshot(PROCESS.getProcessCpuTime(), CLIENTS.sum(), threads, databaseNanos());
	}

	/**
	 * The JVM's own threads, which are not Java threads, that tell what they do: the JIT compiler's and the garbage
	 * collector's (G1's or the parallel collector's), read from /proc/self/task by thread id (empty where it cannot be
	 * read).
	 */
	static Map<String, ThreadTime> vmThreads() {
		Map<String, ThreadTime> threads = new LinkedHashMap<>();
		try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
			tasks.forEach(task -> {
				try {
					String kind = vmKind(Files.readString(task.resolve("comm")).trim());
					long nanos = kind == null ? -1 : processNanos(task);
					if (nanos > 0) {
						threads.put("task-" + task.getFileName(), new ThreadTime(kind, nanos));
					}
				}
				catch (IOException | RuntimeException e) {
					// the thread ended while it was read
				}
			});
		}
		catch (IOException e) {
			// not Linux: the compiler and the collector stay in "the rest"
		}
		return threads;
	}

	/** The kind of one of the JVM's own threads by its system name, or null for a Java thread (read per thread above). */
	static String vmKind(String comm) {
		if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
			return "JIT compiler";
		}
		if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
			return "GC";
		}
		return null;
	}

	/** The kind of a thread by its name: "other" for the JVM's own and the rest. */
	static String kind(String threadName) {
		return KINDS.entrySet()
			.stream()
			.filter(k -> threadName.startsWith(k.getKey()))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse("other threads");
	}

	/**
	 * The round's processor time a case, by kind: "JVM 12.3 ms (requests 5.0, jobs 2.0, clients 1.0, ..., JIT compiler
	 * 2.0, GC 0.5, the rest 0.6); database 4.0 ms". Each kind adds the time of its threads alive at the round's end,
	 * less what each had at its start (all of it for a thread started during the round). The rest: the JVM's other
	 * threads and the round's time of threads that ended during it (the JVM stops compiler threads it no longer
	 * needs), which no thread's clock still shows.
	 */
	static String perCase(Snapshot before, Snapshot after, int cases) {
		double jvm = ms(after.processNanos() - before.processNanos(), cases);
		Map<String, Long> byKind = new LinkedHashMap<>();
		after.threads().forEach((key, now) -> {
			ThreadTime then = before.threads().get(key);
			byKind.merge(now.kind(), now.nanos() - (then == null ? 0 : then.nanos()), Long::sum);
		});
		StringBuilder parts = new StringBuilder();
		double counted = 0;
		for (Map.Entry<String, Long> e : byKind.entrySet()) {
			double share = ms(e.getValue(), cases);
			if (share > 0.05) {
				parts.append(String.format(", %s %.1f", e.getKey(), share));
				counted += share;
			}
		}
		double clients = ms(after.clientNanos() - before.clientNanos(), cases);
		counted += clients;
		String database = after.databaseNanos() < 0 || before.databaseNanos() < 0 ? "not on this machine"
				: String.format("%.1f ms", ms(after.databaseNanos() - before.databaseNanos(), cases));
		return String.format("processor a case: JVM %.1f ms (clients %.1f%s, the rest %.1f); database %s", jvm,
				clients, parts, Math.max(0, jvm - counted), database);
	}

	private static double ms(long nanos, int cases) {
		return nanos / 1e6 / cases;
	}

	/**
	 * The processor time of the database server's process (mariadbd or mysqld) on this machine, or -1 where there is
	 * none or /proc cannot be read.
	 */
	static long databaseNanos() {
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
				.filter(p -> isDatabaseServer(p))
				.mapToLong(CpuShares::processNanos)
				.filter(n -> n >= 0)
				.sum();
		}
		catch (IOException | RuntimeException e) {
			return -1;
		}
	}

	private static boolean isDatabaseServer(Path process) {
		try {
			String name = Files.readString(process.resolve("comm")).trim();
			return name.equals("mariadbd") || name.equals("mysqld");
		}
		catch (IOException e) {
			return false;
		}
	}

	/** utime + stime of /proc/[pid]/stat (fields 14 and 15, counted after the command's closing parenthesis). */
	static long processNanos(Path process) {
		try {
			return statNanos(Files.readString(process.resolve("stat")));
		}
		catch (IOException e) {
			return -1;
		}
	}

	static long statNanos(String stat) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		// fields[0] is the state (field 3); utime and stime are fields 14 and 15
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		return ticks * 1_000_000_000L / TICKS_PER_SECOND;
	}

}
