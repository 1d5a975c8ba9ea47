package cn.healthassist.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.junit.jupiter.api.Test;

import cn.healthassist.support.Applications;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/**
 * Variables keep their last value in history, and what a person submitted is in the audit log; the engine writes no
 * row per variable change (healthassist.history.variable-details=false, the default).
 */
class VariableHistoryIT extends IntegrationTest {

	@Test
	void aSubmittedOpinionIsInTheVariableHistoryAndTheAuditLog_withoutPerChangeRows() {
		Map<String, Object> body = Applications.chronic(TestIds.newIdNumber(), "T01V01");
		Http.Response started = http("doctor-t01v01").postJson("/api/chronic-certificate-applications", body);
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		String pid = started.json().path("processInstanceId").asText();
		String key = started.json().path("businessKey").asText();
		taskService.createAttachment("application/pdf", null, pid, "诊断证明书.pdf", "县人民医院诊断证明",
				new java.io.ByteArrayInputStream("%PDF-1.4 test".getBytes()));
		complete("doctor-t01v01", pid, "Task_CollectMaterials",
				Map.of("materialsChecklist", java.util.List.of("diagnosis", "records"), "materialsNote", "门诊病历"));
		complete("health-t01", pid, "Task_TownshipReview", Map.of("townshipDecision", "return", "townshipOpinion", "缺少住院病历首页"));
		complete("doctor-t01v01", pid, "Task_CollectMaterials",
				Map.of("materialsChecklist", java.util.List.of("diagnosis", "records"), "materialsNote", "补充了住院病历"));

		HistoricVariableInstance note = historyService.createHistoricVariableInstanceQuery()
			.processInstanceId(pid)
			.variableName("materialsNote")
			.singleResult();
		assertThat(note.getValue()).isEqualTo("补充了住院病历");
		assertThat(historyService.createHistoricDetailQuery().processInstanceId(pid).count()).isZero();
		assertThat(jdbc.queryForList("SELECT opinion FROM ha_audit_log WHERE business_key = ? AND opinion IS NOT NULL ORDER BY seq",
				String.class, key)).contains("缺少住院病历首页");
		assertThat(jdbc.queryForList("SELECT data FROM ha_audit_log WHERE business_key = ? AND event_type = 'task-completed' ORDER BY seq",
				String.class, key)).anyMatch(d -> d.contains("门诊病历")).anyMatch(d -> d.contains("补充了住院病历"));
	}

}
