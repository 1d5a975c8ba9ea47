package cn.healthassist.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Ids in time order: each sorts after the ones made before it, as text, and none repeats, from any thread. */
class TimeOrderedIdGeneratorTest {

	private final TimeOrderedIdGenerator generator = new TimeOrderedIdGenerator();

	@Test
	void eachIdSortsAfterTheOnesBeforeIt_asTheDatabaseComparesThem() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 100_000; i++) {
			ids.add(generator.getNextId());
		}
		assertThat(ids).isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates();
		// a UUID of version 6 (time first), 36 characters like Camunda's own ids, in lower case as the engine writes them
		assertThat(ids).allSatisfy(id -> {
			assertThat(id).hasSize(36).matches("[0-9a-f]{8}-[0-9a-f]{4}-6[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
			assertThat(UUID.fromString(id).version()).isEqualTo(6);
		});
	}

	@Test
	void noIdRepeats_acrossThreads() throws Exception {
		Set<String> seen = ConcurrentHashMap.newKeySet();
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<Integer>> made = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				made.add(threads.submit(() -> {
					int n = 0;
					for (int i = 0; i < 50_000; i++) {
						if (seen.add(generator.getNextId())) {
							n++;
						}
					}
					return n;
				}));
			}
			int unique = 0;
			for (Future<Integer> f : made) {
				unique += f.get(60, TimeUnit.SECONDS);
			}
			assertThat(unique).isEqualTo(200_000);
			assertThat(seen).hasSize(200_000);
		}
		finally {
			threads.shutdownNow();
		}
	}

}
