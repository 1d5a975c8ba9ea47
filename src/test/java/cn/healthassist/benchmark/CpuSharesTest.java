package cn.healthassist.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The benchmark's processor time a case: read from /proc as Linux writes it, and told per kind of thread. */
class CpuSharesTest {

	@Test
	void readsUserAndSystemTime_afterACommandWithSpacesAndParentheses() {
		// pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
		String stat = "812 (mariadbd (x) y) S 1 812 812 0 -1 4194560 9125 0 12 0 1234 566 0 0 20 0 12 0 1021 0";

		assertThat(CpuShares.statNanos(stat)).isEqualTo((1234 + 566) * 10_000_000L);
	}

	@Test
	void tellsThreadsByWhatTheyDo() {
		assertThat(CpuShares.kind("http-nio-auto-1-exec-3")).isEqualTo("requests");
		assertThat(CpuShares.kind("camundaTaskExecutor-2")).isEqualTo("jobs");
		assertThat(CpuShares.kind("pool-4-thread-1")).isEqualTo("baseline jobs");
		assertThat(CpuShares.kind("HttpClient-7-Worker-0")).isEqualTo("HTTP client");
		assertThat(CpuShares.kind("Signal Dispatcher")).isEqualTo("other threads");
	}

	@Test
	void tellsTheJitCompilerAndTheCollectorFromJavaThreads_byTheirSystemNames() {
		assertThat(CpuShares.vmKind("C2 CompilerThre")).isEqualTo("JIT compiler");
		assertThat(CpuShares.vmKind("C1 CompilerThre")).isEqualTo("JIT compiler");
		assertThat(CpuShares.vmKind("GC Thread#1")).isEqualTo("GC");
		assertThat(CpuShares.vmKind("G1 Conc#0")).isEqualTo("GC");
		assertThat(CpuShares.vmKind("G1 Refine#0")).isEqualTo("GC");
		// a Java thread's system name: read through the JVM, not counted twice
		assertThat(CpuShares.vmKind("http-nio-auto-1")).isNull();
		assertThat(CpuShares.vmKind("VM Thread")).isNull();
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void readsThisJvmsCompilerThreads() {
		// the JIT compiler has compiled something by the time a test runs
		assertThat(CpuShares.vmThreads().values()).extracting(CpuShares.ThreadTime::kind).contains("JIT compiler");
	}

	@Test
	void givesEachKindsTimeACase_andTheRestOfTheJvm() {
		CpuShares.Snapshot before = new CpuShares.Snapshot(1_000_000_000L, 0,
				Map.of("java-1", time("requests", 100_000_000L), "task-7", time("JIT compiler", 900_000_000L)), 5_000_000_000L);
		CpuShares.Snapshot after = new CpuShares.Snapshot(3_000_000_000L, 200_000_000L, Map.of("java-1", time("requests", 1_100_000_000L),
				"java-2", time("jobs", 300_000_000L), "task-8", time("JIT compiler", 100_000_000L)), 6_000_000_000L);

		// 100 cases: JVM 2,000 ms, of which clients 200, requests 1,000, jobs 300 (a thread started in the round), the
		// JIT compiler 100 (task-7 ended in the round, with 900 ms of its life before it: none of it counts), the rest
		// 400; database 1,000 ms
		String line = CpuShares.perCase(before, after, 100);

		assertThat(line).startsWith("processor a case: JVM 20.0 ms (clients 2.0")
			.contains("requests 10.0", "jobs 3.0", "JIT compiler 1.0", "the rest 4.0", "database 10.0 ms");
	}

	private static CpuShares.ThreadTime time(String kind, long nanos) {
		return new CpuShares.ThreadTime(kind, nanos);
	}

	@Test
	void saysSo_whenTheDatabaseIsNotOnThisMachine() {
		CpuShares.Snapshot before = new CpuShares.Snapshot(0, 0, Map.of(), -1);
		CpuShares.Snapshot after = new CpuShares.Snapshot(1_000_000L, 0, Map.of(), -1);

		assertThat(CpuShares.perCase(before, after, 1)).endsWith("database not on this machine");
	}

}
