package cn.healthassist.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.privacy.PersonalDataCipher;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/** GET /api/cases over a few thousand cases: filters, paging, jurisdiction, bad parameters. */
class CaseSearchIT extends IntegrationTest {

	@Autowired
	PersonalDataCipher cipher;


	static final int CASES = 3000;

	static final String[] PROCESSES = { "chronic-certificate", "county-referral", "charity-relief" };

	static final String[] STATUSES = { "running", "issued", "rejected" };

	static final String[] VILLAGES = { "T01V01", "T01V02", "T02V01", "T02V02" };

	private static String run;

	private static final List<Object[]> rows = new ArrayList<>();

	@BeforeEach
	void seed() {
		if (run != null) {
			return;
		}
		run = String.valueOf(ThreadLocalRandom.current().nextInt(1000, 9999));
		LocalDateTime base = LocalDateTime.of(2025, 1, 1, 8, 0);
		for (int i = 0; i < CASES; i++) {
			String process = PROCESSES[i % 3];
			String village = VILLAGES[i % 4];
			String township = village.substring(0, 3);
			rows.add(new Object[] { "S" + run + "-" + i, process, "search-" + run + "-" + i, "检索" + run + "号" + (i % 5),
					TestIds.newIdNumber(), "dibao", "C01", township, "county-referral".equals(process) ? null : village,
					"county-referral".equals(process) ? (i % 2 == 0 ? "H01" : "H02") : null, "HTN", STATUSES[i % 3],
					"seed", Timestamp.valueOf(base.plusHours(i)), null, null });
		}
		// stored as the product stores them: the ID number sealed, beside its keyed index
		List<Object[]> stored = rows.stream().map(r -> {
			Object[] row = java.util.Arrays.copyOf(r, r.length + 1);
			row[4] = cipher.seal((String) r[4]);
			row[r.length] = cipher.index((String) r[4]);
			return row;
		}).toList();
		jdbc.batchUpdate("""
				INSERT INTO ha_case (business_key, process_key, process_instance_id, applicant_name, id_number, household_category,
				  county_code, township_code, village_code, hospital_code, subject, status, started_by, start_time, end_time, active_key,
				  id_index)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""", stored);
	}

	private JsonNode search(String user, String query) {
		Http.Response r = http(user).get("/api/cases?" + query);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return r.json();
	}

	private long expected(java.util.function.Predicate<Object[]> filter) {
		return rows.stream().filter(filter).count();
	}

	@Test
	void byNameProcessStatusAndTownship() {
		String name = "检索" + run + "号2";
		assertThat(search("auditor", "name=" + name).path("total").asLong()).isEqualTo(expected(r -> r[3].equals(name)));
		JsonNode narrowed = search("auditor", "name=" + name + "&process=chronic-certificate&status=issued&township=T01");
		long want = expected(r -> r[3].equals(name) && r[1].equals("chronic-certificate") && r[11].equals("issued") && r[7].equals("T01"));
		assertThat(narrowed.path("total").asLong()).isEqualTo(want);
		for (JsonNode item : narrowed.path("items")) {
			assertThat(item.path("processKey").asText()).isEqualTo("chronic-certificate");
			assertThat(item.path("status").asText()).isEqualTo("issued");
			assertThat(item.path("townshipCode").asText()).isEqualTo("T01");
			assertThat(item.path("applicantName").asText()).isEqualTo(name);
		}
	}

	@Test
	void byIdNumber_andByDateRange() {
		Object[] one = rows.get(1234);
		JsonNode byId = search("auditor", "idNumber=" + one[4]);
		assertThat(byId.path("total").asLong()).isOne();
		assertThat(byId.path("items").get(0).path("businessKey").asText()).isEqualTo(one[0]);
		// 2025-01-10 .. 2025-01-11 inclusive: hours 216 .. 263 after the first
		JsonNode range = search("auditor", "name=检索" + run + "号0&from=2025-01-10&to=2025-01-11");
		long want = expected(r -> r[3].equals("检索" + run + "号0")
				&& !((Timestamp) r[13]).toLocalDateTime().isBefore(LocalDateTime.of(2025, 1, 10, 0, 0))
				&& ((Timestamp) r[13]).toLocalDateTime().isBefore(LocalDateTime.of(2025, 1, 12, 0, 0)));
		assertThat(range.path("total").asLong()).isEqualTo(want).isPositive();
	}

	@Test
	void pagesCoverEveryResultOnce_newestFirst() {
		String name = "检索" + run + "号4";
		long total = expected(r -> r[3].equals(name));
		Set<String> seen = new HashSet<>();
		List<String> times = new ArrayList<>();
		int pages = 0;
		for (int page = 0; page * 50 < total; page++) {
			JsonNode r = search("auditor", "name=" + name + "&size=50&page=" + page);
			assertThat(r.path("page").asInt()).isEqualTo(page);
			assertThat(r.path("size").asInt()).isEqualTo(50);
			assertThat(r.path("total").asLong()).isEqualTo(total);
			for (JsonNode item : r.path("items")) {
				assertThat(seen.add(item.path("businessKey").asText())).isTrue();
				times.add(item.path("startTime").asText());
			}
			pages++;
		}
		assertThat(seen).hasSize((int) total);
		assertThat(pages).isEqualTo((int) Math.ceil(total / 50.0));
		List<String> sorted = new ArrayList<>(times);
		sorted.sort(java.util.Comparator.reverseOrder());
		assertThat(times).isEqualTo(sorted);
	}

	@Test
	void aVillageDoctorFindsOnlyTheirVillagesChronicCases() {
		JsonNode r = search("doctor-t01v01", "name=检索" + run + "号1&size=200");
		long want = expected(r2 -> r2[3].equals("检索" + run + "号1") && "T01V01".equals(r2[8])
				&& (r2[1].equals("chronic-certificate") || r2[1].equals("chronic-followup")));
		assertThat(r.path("total").asLong()).isEqualTo(want).isPositive();
		for (JsonNode item : r.path("items")) {
			assertThat(item.path("villageCode").asText()).isEqualTo("T01V01");
			assertThat(item.path("processKey").asText()).isEqualTo("chronic-certificate");
		}
		JsonNode hospital = search("hhead-h02", "name=检索" + run + "号1&size=200");
		for (JsonNode item : hospital.path("items")) {
			assertThat(item.path("hospitalCode").asText()).isEqualTo("H02");
		}
		assertThat(hospital.path("total").asLong()).isPositive();
	}

	@ParameterizedTest
	@ValueSource(strings = { "status=paidx", "page=-1", "size=0", "size=500", "idNumber=abc", "process=x'%20OR%201=1", "from=2026-13-01",
			"township=T01'--", "businessKey=CC-26-1", "businessKey=CC-2026-000001'%20OR%201=1" })
	void badParametersAreClearErrors(String query) {
		Http.Response r = http("auditor").get("/api/cases?" + query);
		assertThat(r.status()).as(r.body()).isEqualTo(400);
		assertThat(r.contentType()).startsWith("application/problem+json");
		assertThat(r.body()).doesNotContain("SQL", "select", "SELECT", "Exception");
	}

	@Test
	void byBusinessNumber_anyCase_inTheSearchersJurisdictionOnly() {
		String key = "CC-1998-" + run + "00";
		jdbc.update("DELETE FROM ha_case WHERE business_key = ?", key);
		jdbc.update("""
				INSERT INTO ha_case (business_key, process_key, process_instance_id, applicant_name, id_number, household_category,
				  county_code, township_code, village_code, status, started_by, start_time)
				VALUES (?, 'chronic-certificate', ?, '编号检索', ?, 'dibao', 'C01', 'T01', 'T01V01', 'running', 'seed', ?)
				""", key, "bk-" + run, TestIds.newIdNumber(), Timestamp.valueOf(LocalDateTime.of(2025, 2, 1, 8, 0)));
		JsonNode found = search("doctor-t01v01", "businessKey=" + key.toLowerCase());
		assertThat(found.path("total").asLong()).as("typed in lower case too").isOne();
		assertThat(found.path("items").get(0).path("applicantName").asText()).isEqualTo("编号检索");
		assertThat(search("doctor-t02v01", "businessKey=" + key).path("total").asLong()).as("another village's")
			.isZero();
	}

	@Test
	void sqlInANameIsJustAName() {
		JsonNode r = search("auditor", "name=" + java.net.URLEncoder.encode("x' OR '1'='1", java.nio.charset.StandardCharsets.UTF_8));
		assertThat(r.path("total").asLong()).isZero();
	}

	@Test
	void latencyByIdNumber() {
		long[] ms = new long[40];
		for (int i = 0; i < ms.length; i++) {
			Object[] row = rows.get(ThreadLocalRandom.current().nextInt(rows.size()));
			long t0 = System.nanoTime();
			search("auditor", "idNumber=" + row[4]);
			ms[i] = (System.nanoTime() - t0) / 1_000_000;
		}
		Arrays.sort(ms);
		System.out.printf("case search by ID number over %d+ cases (%s): p50 %d ms, p95 %d ms%n", CASES,
				System.getProperty("test.db"), ms[ms.length / 2], ms[(int) (ms.length * 0.95)]);
		assertThat(ms[ms.length / 2]).isLessThan(2000);
	}

}
