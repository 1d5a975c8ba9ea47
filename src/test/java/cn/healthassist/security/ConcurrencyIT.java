package cn.healthassist.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import cn.healthassist.chronic.ChronicActivities;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/** Two people at the same moment, with real threads against the real database: one wins, the other gets a 409. */
@ExtendWith(OutputCaptureExtension.class)
class ConcurrencyIT extends IntegrationTest {

	@BeforeEach
	void secondTownshipReviewer() {
		if (identityService.createUserQuery().userId("health-t01b").count() == 0) {
			User u = identityService.newUser("health-t01b");
			u.setFirstName("林审核");
			u.setPassword("Qq-4lpha-Review!");
			identityService.saveUser(u);
			identityService.createMembership("health-t01b", "township-health-T01");
		}
	}

	private static List<Http.Response> race(Callable<Http.Response> a, Callable<Http.Response> b) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Http.Response>> futures = new ArrayList<>();
			for (Callable<Http.Response> c : List.of(a, b)) {
				futures.add(pool.submit(() -> {
					go.await();
					return c.call();
				}));
			}
			go.countDown();
			List<Http.Response> results = new ArrayList<>();
			for (Future<Http.Response> f : futures) {
				results.add(f.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	@RepeatedTest(3)
	void twoReviewersCompleteTheSameTask_oneSucceeds_theOtherGets409() throws Exception {
		String id = TestIds.newIdNumber();
		treatmentRecord(id, "HTN", LocalDate.now().minusMonths(1));
		Http.Response started = http("doctor-t01v01").postJson("/api/chronic-certificate-applications", Map.of("applicantName", "并发",
				"idNumber", id, "villageCode", "T01V01", "householdCategory", "dibao", "diseaseCode", "HTN", "phone", "13700001234"));
		String pi = started.json().path("processInstanceId").asText();
		String taskId = task(pi, ChronicActivities.TOWNSHIP_REVIEW).getId();
		String path = "/engine-rest/task/" + taskId + "/complete";
		Http one = http("health-t01");
		Http two = Http.as(port, "health-t01b", "Qq-4lpha-Review!");

		List<Http.Response> results = race(
				() -> one.postJson(path, Map.of("variables", Map.of("townshipDecision", Map.of("value", "pass"), "townshipOpinion", Map.of("value", "同意")))),
				() -> two.postJson(path, Map.of("variables", Map.of("townshipDecision", Map.of("value", "ineligible"), "townshipOpinion", Map.of("value", "不符合")))));

		List<Integer> statuses = results.stream().map(Http.Response::status).sorted().toList();
		assertThat(statuses).as(results.stream().map(Http.Response::body).toList().toString()).containsExactly(204, 409);
		Http.Response loser = results.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
		assertThat(loser.body()).doesNotContain("Exception:", "at org.");
		assertThat(loser.json().path("message").asText()).containsAnyOf("请刷新");
		assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(pi).activityId(ChronicActivities.TOWNSHIP_REVIEW)
			.count()).as("the review happened once").isOne();
		assertThat(count("SELECT COUNT(*) FROM ha_audit_log WHERE process_instance_id = ? AND event_type = 'task-completed'", pi)).isOne();
	}

	@RepeatedTest(3)
	void twoStartsForTheSamePersonAndDisease_makeExactlyOneCase(CapturedOutput output) throws Exception {
		String id = TestIds.newIdNumber();
		Map<String, Object> body = Map.of("applicantName", "并发申请", "idNumber", id, "villageCode", "T01V01", "householdCategory", "dibao",
				"diseaseCode", "DM", "phone", "13700001234");
		List<Http.Response> results = race(() -> http("doctor-t01v01").postJson("/api/chronic-certificate-applications", body),
				() -> http("doctor-t01v01").postJson("/api/chronic-certificate-applications", body));
		List<Integer> statuses = results.stream().map(Http.Response::status).sorted().toList();
		assertThat(statuses).as(results.stream().map(Http.Response::body).toList().toString()).containsExactly(201, 409);
		assertThat(count("SELECT COUNT(*) FROM ha_case WHERE id_index = ?", idIndex(id))).isOne();
		String instance = jdbc.queryForObject("SELECT process_instance_id FROM ha_case WHERE id_index = ?", String.class,
				idIndex(id));
		assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(instance).count()).isOne();
		assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("chronic-certificate")
			.variableValueEquals("idNumber", id).count()).as("the engine holds it masked").isZero();
		assertThat(output.getAll()).as("no full ID number in the logs, even when the database refuses a duplicate").doesNotContain(id);
	}

}
