package cn.healthassist.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/** Latencies of one kind of call, in milliseconds, recorded from several threads. */
final class Latencies {

	private final String name;

	private final List<Double> millis = Collections.synchronizedList(new ArrayList<>());

	Latencies(String name) {
		this.name = name;
	}

	<T> T time(Supplier<T> call) {
		long start = System.nanoTime();
		try {
			return call.get();
		}
		finally {
			millis.add((System.nanoTime() - start) / 1e6);
		}
	}

	/** Times the call, and keeps the time only when {@code record} (warm-up calls are not kept). */
	<T> T time(boolean record, Supplier<T> call) {
		return record ? time(call) : call.get();
	}

	void time(Runnable call) {
		time(() -> {
			call.run();
			return null;
		});
	}

	void clear() {
		millis.clear();
	}

	int count() {
		return millis.size();
	}

	double percentile(double p) {
		List<Double> sorted;
		synchronized (millis) {
			sorted = new ArrayList<>(millis);
		}
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		Collections.sort(sorted);
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

	@Override
	public String toString() {
		return String.format("%-44s n=%-6d p50 %7.1f ms   p95 %7.1f ms", name, count(), percentile(50), percentile(95));
	}

}
