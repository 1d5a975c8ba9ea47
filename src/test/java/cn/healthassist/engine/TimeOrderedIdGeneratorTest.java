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
		// a UUID of version 6 (time first), in 26 digits and capitals
		assertThat(ids).allSatisfy(id -> {
			assertThat(id).hasSize(26).matches("[0-9A-V]{26}");
			assertThat(TimeOrderedIdGenerator.uuid(id).version()).isEqualTo(6);
			assertThat(TimeOrderedIdGenerator.text(TimeOrderedIdGenerator.uuid(id))).isEqualTo(id);
		});
		// as text they sort as their UUIDs do, also where the UUIDs' text would not
		assertThat(ids.stream().map(TimeOrderedIdGenerator::uuid).map(UUID::toString).toList())
			.isSortedAccordingTo(String::compareTo);
	}

	@Test
	void theTextOfAUuid_keepsItsOrder_andItsBits() {
		UUID low = new UUID(0L, 0L);
		UUID high = new UUID(-1L, -1L);
		assertThat(TimeOrderedIdGenerator.text(low)).isEqualTo("0".repeat(26));
		assertThat(TimeOrderedIdGenerator.text(high)).hasSize(26).isEqualTo("VVVVVVVVVVVVVVVVVVVVVVVVVS");
		assertThat(TimeOrderedIdGenerator.uuid(TimeOrderedIdGenerator.text(high))).isEqualTo(high);
		UUID a = UUID.fromString("1f0d2b3c-4d5e-6f70-8a9b-0c1d2e3f4a5b");
		UUID b = UUID.fromString("1f0d2b3c-4d5e-6f70-8a9b-0c1d2e3f4a5c");
		assertThat(TimeOrderedIdGenerator.text(a)).isLessThan(TimeOrderedIdGenerator.text(b));
		assertThat(TimeOrderedIdGenerator.uuid(TimeOrderedIdGenerator.text(a))).isEqualTo(a);
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
