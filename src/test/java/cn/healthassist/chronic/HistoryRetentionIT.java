package cn.healthassist.chronic;

import static cn.healthassist.chronic.ChronicCases.application;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;

import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/**
 * History retention: a finished case's history is kept for its process's time to live (P3650D, ten years) from its
 * end (removal-time strategy), then the cleanup removes it; a case whose time has not come is kept.
 */
class HistoryRetentionIT extends IntegrationTest {

	private HistoricProcessInstance finishedCase() {
		Http.Response started = http("doctor-t01v01").postJson("/api/chronic-certificate-applications",
				application(TestIds.newIdNumber()));
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		String businessKey = started.json().path("businessKey").asText();
		Http.Response withdrawn = http("doctor-t01v01").postJson("/api/chronic-certificate-applications/" + businessKey + "/withdraw",
				Map.of("reason", "申请人已迁出本县"));
		assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
		return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey).singleResult();
	}

	private void runJobs(String... jobDefinitionIds) {
		for (int round = 0; round < 10; round++) {
			boolean ran = false;
			for (String id : jobDefinitionIds) {
				for (Job job : managementService.createJobQuery().jobDefinitionId(id).list()) {
					managementService.executeJob(job.getId());
					ran = true;
				}
			}
			if (!ran) {
				return;
			}
		}
	}

	@Test
	void aFinishedCaseIsKeptTenYears_thenTheCleanupRemovesIt_andKeepsTheOthers() {
		HistoricProcessInstance expired = finishedCase();
		HistoricProcessInstance fresh = finishedCase();
		assertThat(expired.getEndTime()).isNotNull();
		// removal time = end + the process's historyTimeToLive (P3650D)
		assertThat(expired.getRemovalTime().getTime() - expired.getEndTime().getTime()).isEqualTo(TimeUnit.DAYS.toMillis(3650));
		assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(expired.getId()).count()).isPositive();
		assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(expired.getId()).count()).isPositive();

		// ten years on for this one case only (the other tests' cases share the database): its removal time is past
		Batch batch = historyService.setRemovalTimeToHistoricProcessInstances()
			.absoluteRemovalTime(new Date(System.currentTimeMillis() - TimeUnit.DAYS.toMillis(1)))
			.byIds(expired.getId())
			.executeAsync();
		runJobs(batch.getSeedJobDefinitionId(), batch.getBatchJobDefinitionId(), batch.getMonitorJobDefinitionId());

		Job cleanup = historyService.cleanUpHistoryAsync(true);
		managementService.executeJob(cleanup.getId());

		assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(expired.getId()).count()).isZero();
		assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(expired.getId()).count()).isZero();
		assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(expired.getId()).count()).isZero();
		assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(fresh.getId()).count()).isOne();
		assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(fresh.getId()).count()).isPositive();

		// the case stays in the case index; the auditor is told its trail was removed, not shown an error
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ha_case WHERE business_key = ?", Integer.class, expired.getBusinessKey())).isOne();
		Http auditor = http("auditor");
		for (String part : new String[] { "trail", "trail.xlsx", "diagram" }) {
			Http.Response removed = auditor.get("/api/cases/" + expired.getBusinessKey() + "/" + part);
			assertThat(removed.status()).as(part + ": " + removed.body()).isEqualTo(410);
			assertThat(removed.body()).as(part).contains(expired.getBusinessKey(), "保存期满");
		}
		Http.Response kept = auditor.get("/api/cases/" + fresh.getBusinessKey() + "/trail");
		assertThat(kept.status()).as(kept.body()).isEqualTo(200);
		assertThat(kept.json().path("steps").size()).isPositive();
	}

}
