package cn.healthassist.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.support.Applications;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/**
 * The application processes keep no variable history (healthassist.history.variables-not-kept-for): what a person
 * submitted is in the case record (the audit log), which the trail reads; the running case's variables are its working
 * copies, and the engine writes no row per variable change (healthassist.history.variable-details=false).
 */
class EngineHistoryIT extends IntegrationTest {

	/** A chronic case whose materials the township returned, sent again: waiting at the second review. */
	private ProcessInstance returnedAndSentAgain() {
		ProcessInstance pi = startCase("doctor-t01v01", "/api/chronic-certificate-applications",
				Applications.chronic(TestIds.newIdNumber(), "T01V01"));
		taskService.createAttachment("application/pdf", null, pi.getId(), "诊断证明书.pdf", "县人民医院诊断证明",
				new java.io.ByteArrayInputStream("%PDF-1.4 test".getBytes()));
		complete("doctor-t01v01", pi.getId(), "Task_CollectMaterials",
				Map.of("materialsChecklist", java.util.List.of("diagnosis", "records"), "materialsNote", "门诊病历"));
		complete("health-t01", pi.getId(), "Task_TownshipReview",
				Map.of("townshipDecision", "return", "townshipOpinion", "缺少住院病历首页"));
		complete("doctor-t01v01", pi.getId(), "Task_CollectMaterials",
				Map.of("materialsChecklist", java.util.List.of("diagnosis", "records"), "materialsNote", "补充了住院病历"));
		return pi;
	}

	@Test
	void aSubmittedNoteIsInTheCaseRecord_notInTheVariablesNorTheirHistory() {
		ProcessInstance pi = returnedAndSentAgain();
		String pid = pi.getId();
		String key = pi.getBusinessKey();

		assertThat(fact(pid, "materialsNote")).isEqualTo("补充了住院病历");
		assertThat(runtimeService.getVariables(pid)).doesNotContainKey("materialsNote");
		assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pid).count()).isZero();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_HI_VARINST WHERE PROC_INST_ID_ = ?", Integer.class, pid))
			.isZero();
		assertThat(http("auditor").get("/api/cases/" + key + "/trail").json().path("steps").toString())
			.contains("补充了住院病历").contains("缺少住院病历首页");
		assertThat(historyService.createHistoricDetailQuery().processInstanceId(pid).count()).isZero();
		assertThat(jdbc.queryForList("SELECT opinion FROM ha_audit_log WHERE business_key = ? AND opinion IS NOT NULL ORDER BY seq",
				String.class, key)).contains("缺少住院病历首页");
		assertThat(jdbc.queryForList("SELECT data FROM ha_audit_log WHERE business_key = ? AND event_type = 'task-completed' ORDER BY seq",
				String.class, key)).anyMatch(d -> d.contains("门诊病历")).anyMatch(d -> d.contains("补充了住院病历"));
	}

	/**
	 * Each person who worked on a case reads its tasks' history (Tasklist's 历史 tab: the task's user operations) through
	 * the case's grant on its history, which every group of its jurisdiction holds; the engine makes no HISTORIC_TASK
	 * grant per task (TaskGrantsProvider). A township outside the case reads none of it.
	 */
	@Test
	void aTasksHistoryIsReadThroughTheCasesGrant_noGrantPerTask() {
		ProcessInstance pi = returnedAndSentAgain();
		String pid = pi.getId();
		complete("health-t01", pid, "Task_TownshipReview", Map.of("townshipDecision", "pass", "townshipOpinion", "材料齐全"));
		complete("insurance", pid, "Task_CountyApproval", Map.of("countyDecision", "approve", "countyOpinion", "同意"));
		java.util.List<String> taskIds = historyService.createHistoricTaskInstanceQuery().processInstanceId(pid).list()
			.stream().map(org.camunda.bpm.engine.history.HistoricTaskInstance::getId).toList();
		assertThat(taskIds).hasSize(5);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION WHERE RESOURCE_TYPE_ = ? AND RESOURCE_ID_ IN ("
				+ String.join(",", java.util.Collections.nCopies(taskIds.size(), "?")) + ")", Integer.class,
				java.util.stream.Stream.concat(java.util.stream.Stream.of(
						org.camunda.bpm.engine.authorization.Resources.HISTORIC_TASK.resourceType()), taskIds.stream()).toArray()))
			.as("no HISTORIC_TASK grant per task").isZero();

		String review = historyService.createHistoricTaskInstanceQuery().processInstanceId(pid)
			.taskDefinitionKey("Task_TownshipReview").orderByHistoricActivityInstanceStartTime().asc().list().get(0).getId();
		for (String[] person : new String[][] { { "health-t01", "Task_TownshipReview" },
				{ "doctor-t01v01", "Task_CollectMaterials" }, { "insurance", "Task_CountyApproval" } }) {
			JsonNode tasks = http(person[0]).get("/engine-rest/history/task?processInstanceId=" + pid).json();
			assertThat(tasks.findValuesAsText("taskDefinitionKey")).as(person[0] + " reads the case's tasks")
				.contains(person[1]).hasSize(5);
		}
		JsonNode operations = http("health-t01").get("/engine-rest/history/user-operation?taskId=" + review).json();
		assertThat(operations.findValuesAsText("operationType")).as("the review's 历史 tab").contains("Claim", "Complete");

		assertThat(http("health-t02").get("/engine-rest/history/task?processInstanceId=" + pid).json().size())
			.as("another township").isZero();
		assertThat(http("health-t02").get("/engine-rest/history/user-operation?taskId=" + review).json().size()).isZero();
		assertThat(http("doctor-t02v01").get("/engine-rest/history/task?processInstanceId=" + pid).json().size())
			.as("another village").isZero();
	}

	@Test
	void theJobLogKeepsSuccesses_notTheRemindersMadeAndDeleted() {
		String id = TestIds.newIdNumber();
		treatmentRecord(id, "HTN", java.time.LocalDate.now().minusMonths(2));
		Http.Response started = http("doctor-t01v01").postJson("/api/chronic-certificate-applications",
				Applications.chronic(id, "T01V01"));
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		String pid = started.json().path("processInstanceId").asText();
		// each human step's reminder is a timer, made when it opens and deleted when it is done in time
		assertThat(managementService.createJobQuery().processInstanceId(pid).timers().count()).isOne();
		complete("health-t01", pid, "Task_TownshipReview", Map.of("townshipDecision", "pass", "townshipOpinion", "同意"));
		complete("insurance", pid, "Task_CountyApproval", Map.of("countyDecision", "approve", "countyOpinion", "同意"));
		assertThat(runDueJobs(pid)).isOne();

		java.util.List<org.camunda.bpm.engine.history.HistoricJobLog> log = historyService.createHistoricJobLogQuery()
			.processInstanceId(pid)
			.list();
		assertThat(log).extracting(l -> l.getActivityId() + " " + (l.isSuccessLog() ? "success" : "other"))
			.containsExactly("Task_IssueCertificate success");
		assertThat(log.get(0).getHostname()).isNotBlank();
		assertThat(historyService.createHistoricJobLogQuery().processInstanceId(pid).creationLog().count()).isZero();
		assertThat(historyService.createHistoricJobLogQuery().processInstanceId(pid).deletionLog().count()).isZero();
	}

	@Test
	void theActivityHistoryLeavesOutGateways_andTheDiagramStillShowsThePathThroughThem() {
		ProcessInstance pi = returnedAndSentAgain();
		String pid = pi.getId();
		String key = pi.getBusinessKey();

		assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(pid).list())
			.extracting(a -> a.getActivityType())
			.contains("startEvent", "serviceTask", "userTask")
			.noneMatch(type -> type.endsWith("Gateway"));
		JsonNode diagram = http("auditor").get("/api/cases/" + key + "/diagram").json();
		// into the review through the gateways after the materials, back to the materials through the return, and
		// through both again
		assertThat(diagram.path("flows").toString()).contains("SequenceFlow_TownshipReviewed", "SequenceFlow_TownshipReturn",
				"SequenceFlow_ToTownshipReview");
		assertThat(diagram.path("passed").toString()).contains("Gateway_TownshipDecision", "Task_CollectMaterials");
		assertThat(diagram.path("active").toString()).contains("Task_TownshipReview");
		assertThat(diagram.path("flows").toString()).doesNotContain("SequenceFlow_TownshipPass");
	}

}
