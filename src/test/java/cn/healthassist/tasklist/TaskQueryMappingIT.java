package cn.healthassist.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.chronic.TreatmentRecordImporter;
import cn.healthassist.security.TaskFilters;
import cn.healthassist.support.Applications;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/**
 * The engine runs its task query with the EXISTS form of the authorization check (camunda-mapping/task-query.xml),
 * and it finds what Camunda's own SQL finds: the tasks of the user's groups, in the filter's order, nobody else's.
 */
class TaskQueryMappingIT extends IntegrationTest {

	@Autowired
	TreatmentRecordImporter treatmentRecords;

	private String startCase(String doctor, String village) {
		String id = TestIds.newIdNumber();
		treatmentRecords.importCsv(new StringReader("idNumber,diseaseCode,hospitalName,visitDate\n" + id + ",HTN,县人民医院,"
				+ LocalDate.now().minusMonths(2) + "\n"));
		Map<String, Object> body = Applications.chronic(id, village);
		Http.Response r = http(doctor).postJson("/api/chronic-certificate-applications", body);
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().path("processInstanceId").asText();
	}

	@Test
	void theCopiedStatementsAreThoseOfTheCamundaVersionInUse() {
		assertThat(org.camunda.bpm.engine.ProcessEngine.class.getPackage().getImplementationVersion())
			.as("camunda-mapping/task-query.xml is a copy of Camunda 7.24's Task.xml: copy it again from the new version")
			.startsWith("7.24.");
	}

	@Test
	void theEngineUsesTheExistsFormOfTheTaskQuery() {
		ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
		assertThat(config.getDbSqlSessionFactory().mapStatement("selectTaskByQueryCriteria"))
			.isEqualTo("cn.healthassist.tasklist.TaskQuery.selectTaskByQueryCriteria");
		assertThat(config.getDbSqlSessionFactory().mapStatement("selectTaskCountByQueryCriteria"))
			.isEqualTo("cn.healthassist.tasklist.TaskQuery.selectTaskCountByQueryCriteria");
	}

	@Test
	void theReviewersFilterShowsTheirTownshipsTasks_inDueOrder_andNoOtherTownships() {
		List<String> t01 = List.of(startCase("doctor-t01v01", "T01V01"), startCase("doctor-t01v02", "T01V02"));
		String t02 = startCase("doctor-t02v01", "T02V01");
		Filter group = engine.getFilterService().createFilterQuery().filterName(TaskFilters.GROUP).singleResult();

		List<Task> seenByT01 = as("health-t01", () -> engine.getFilterService().<Task> list(group.getId()));
		List<String> instances = seenByT01.stream().map(Task::getProcessInstanceId).toList();
		assertThat(instances).containsAll(t01).doesNotContain(t02);
		assertThat(seenByT01).allMatch(t -> taskService.getIdentityLinksForTask(t.getId())
			.stream()
			.anyMatch(l -> "township-health-T01".equals(l.getGroupId())));
		assertThat(seenByT01).extracting(Task::getDueDate).isSortedAccordingTo(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
		long count = as("health-t01", () -> engine.getFilterService().count(group.getId()));
		assertThat(count).isEqualTo(seenByT01.size());
		// the same answer without authorization checks, restricted to the group, is the same set of tasks
		assertThat(taskService.createTaskQuery().taskCandidateGroup("township-health-T01").list()).extracting(Task::getId)
			.containsExactlyInAnyOrderElementsOf(seenByT01.stream().map(Task::getId).toList());

		assertThat(as("health-t02", () -> engine.getFilterService().<Task> list(group.getId())).stream().map(Task::getProcessInstanceId))
			.contains(t02).doesNotContainAnyElementsOf(t01);
		// a village doctor is in no candidate group of these tasks and reads none of them through GET /task
		JsonNode doctors = http("doctor-t01v01").get("/engine-rest/task?processInstanceId=" + t01.get(0)).json();
		assertThat(doctors).isEmpty();
		assertThat(http("health-t01").get("/engine-rest/task?processInstanceId=" + t01.get(0)).json()).hasSize(1);
		assertThat(http("health-t02").get("/engine-rest/task/count?processInstanceId=" + t01.get(0)).json().path("count").asInt()).isZero();
	}

}
