package cn.healthassist.chronic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import cn.healthassist.support.Applications;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/**
 * Case numbers without gaps (连号): a refused start gives its number back, also when several people start at once and
 * some of the starts are refused.
 */
class BusinessKeysIT extends IntegrationTest {

	private static long number(String businessKey) {
		return Long.parseLong(businessKey.substring(businessKey.lastIndexOf('-') + 1));
	}

	private Http.Response start(String idNumber) {
		return http("doctor-t01v01").postJson("/api/chronic-certificate-applications", Applications.chronic(idNumber, "T01V01"));
	}

	@Test
	void aRefusedStart_usesNoNumber() {
		String first = TestIds.newIdNumber();
		Http.Response a = start(first);
		assertThat(a.status()).as(a.body()).isEqualTo(201);

		Http.Response again = start(first);
		Http.Response b = start(TestIds.newIdNumber());

		assertThat(again.status()).as(again.body()).isEqualTo(409);
		assertThat(b.status()).as(b.body()).isEqualTo(201);
		assertThat(number(b.json().path("businessKey").asText()))
			.isEqualTo(number(a.json().path("businessKey").asText()) + 1);
	}

	@Test
	void startsAtTheSameMoment_someRefused_leaveNoGap() throws Exception {
		String twice = TestIds.newIdNumber();
		List<Callable<Http.Response>> starts = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			starts.add(() -> start(twice));
			starts.add(() -> start(TestIds.newIdNumber()));
		}
		ExecutorService pool = Executors.newFixedThreadPool(starts.size());
		List<Long> numbers = new ArrayList<>();
		int refused = 0;
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Http.Response>> futures = new ArrayList<>();
			for (Callable<Http.Response> s : starts) {
				futures.add(pool.submit(() -> {
					go.await();
					return s.call();
				}));
			}
			go.countDown();
			for (Future<Http.Response> f : futures) {
				Http.Response r = f.get();
				if (r.status() == 201) {
					numbers.add(number(r.json().path("businessKey").asText()));
				}
				else {
					assertThat(r.status()).as(r.body()).isEqualTo(409);
					refused++;
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
		Http.Response after = start(TestIds.newIdNumber());
		numbers.add(number(after.json().path("businessKey").asText()));

		assertThat(refused).isEqualTo(2);
		long min = numbers.stream().mapToLong(Long::longValue).min().orElseThrow();
		assertThat(numbers).hasSize(5).doesNotHaveDuplicates().allMatch(n -> n >= min && n < min + 5);
	}

}
