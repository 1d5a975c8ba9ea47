package cn.healthassist.chronic;

import static cn.healthassist.chronic.ChronicActivities.*;
import static cn.healthassist.chronic.ChronicCases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.reminders.ReminderMapper;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/**
 * Every path of chronic-certificate (docs/product.md 2.1) on the real engine and database: the activities passed, the
 * variables and the registry rows written.
 */
class ChronicCertificateProcessIT extends IntegrationTest {

	@Autowired
	TreatmentRecordImporter treatmentRecords;

	@Autowired
	CertificateMapper certificates;

	@Autowired
	ReminderMapper reminders;

	private ProcessInstance start(String idNumber) {
		Http.Response r = http(DOCTOR).postJson("/api/chronic-certificate-applications", application(idNumber));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return runtimeService.createProcessInstanceQuery().processInstanceId(r.json().path("processInstanceId").asText()).singleResult();
	}

	private void recordTreatment(String idNumber, String disease, LocalDate date) {
		treatmentRecords.importCsv(
				"idNumber,diseaseCode,hospitalName,visitDate\n" + idNumber + "," + disease + ",县人民医院," + date + "\n");
	}

	private void attachDiagnosis(ProcessInstance pi) {
		taskService.createAttachment("application/pdf", null, pi.getId(), "诊断证明书.pdf", "县人民医院诊断证明",
				new ByteArrayInputStream("%PDF-1.4 test".getBytes()));
	}

	private static Map<String, Object> materials() {
		return Map.of("materialsChecklist", List.of("diagnosis", "records"), "materialsNote", "2026年5月县人民医院门诊病历");
	}

	private String status(ProcessInstance pi) {
		return jdbc.queryForObject("SELECT status FROM ha_case WHERE process_instance_id = ?", String.class, pi.getId());
	}

	@Test
	void zeroMaterial_approved_issuesCertificate() {
		String id = TestIds.newIdNumber();
		recordTreatment(id, "HTN", LocalDate.now().minusMonths(3));
		ProcessInstance pi = start(id);

		assertThat(pi.getBusinessKey()).matches("CC-\\d{4}-\\d{6}");
		assertThat(pi).isWaitingAt(TOWNSHIP_REVIEW).hasVariables("zeroMaterial");
		assertThat(runtimeService.getVariable(pi.getId(), "zeroMaterial")).isEqualTo(true);
		assertThat(fact(pi.getId(), "treatmentRecordCount")).isEqualTo(1);
		assertThat(fact(pi.getId(), "treatmentRecordSummary")).asString().contains("县人民医院");
		Task review = task(pi.getId(), TOWNSHIP_REVIEW);
		assertThat(review).hasCandidateGroup("township-health-T01");
		assertThat(review.getDueDate()).isCloseTo(new Date(System.currentTimeMillis() + 5L * 24 * 3600 * 1000), 60_000);

		complete(TOWNSHIP, pi.getId(), TOWNSHIP_REVIEW, Map.of("townshipDecision", "pass", "townshipOpinion", "农合记录属实，同意"));
		Task approval = task(pi.getId(), COUNTY_APPROVAL);
		assertThat(approval).hasCandidateGroup("county-insurance");
		assertThat(approval.getDueDate()).isCloseTo(new Date(System.currentTimeMillis() + 10L * 24 * 3600 * 1000), 60_000);
		complete(COUNTY, pi.getId(), COUNTY_APPROVAL, Map.of("countyDecision", "approve", "countyOpinion", "同意发证"));

		assertThat(pi).isWaitingAt(ISSUE_CERTIFICATE); // savepoint: issued asynchronously after the approval
		assertThat(runDueJobs(pi.getId())).isEqualTo(1);

		assertThat(pi).isEnded()
			.hasPassedInOrder("StartEvent_ApplicationSubmitted", LOOK_UP_TREATMENT_RECORDS, TOWNSHIP_REVIEW, COUNTY_APPROVAL,
					ISSUE_CERTIFICATE, END_ISSUED)
			.hasNotPassed(COLLECT_MATERIALS, EXPLAIN_POLICY);
		Certificate certificate = certificates.findByBusinessKey(pi.getBusinessKey());
		assertThat(certificate.certificateNo()).matches("MB-C01-" + LocalDate.now().getYear() + "-\\d{6}");
		assertThat(certificate.idNumber()).isEqualTo(id);
		assertThat(certificate.diseaseCode()).isEqualTo("HTN");
		assertThat(certificate.zeroMaterial()).isTrue();
		assertThat(certificate.status()).isEqualTo("valid");
		assertThat(certificate.validFrom()).isEqualTo(LocalDate.now(ZoneId.systemDefault()));
		assertThat(certificate.issuedBy()).isEqualTo(COUNTY);
		HistoricProcessInstance h = historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult();
		assertThat(fact(pi.getId(), "certificateNo")).isEqualTo(certificate.certificateNo());
		assertThat(h.getEndTime()).isNotNull();
		assertThat(status(pi)).isEqualTo("issued");
		assertThat(count("SELECT COUNT(*) FROM ha_case WHERE process_instance_id = ? AND end_time IS NOT NULL AND active_key IS NULL",
				pi.getId())).isOne();
	}

	@Autowired
	org.camunda.bpm.engine.RepositoryService repositoryService;

	/**
	 * A model the owner reorders so that the county approves before the township reviews deploys (routes are the
	 * owner's), but the county approves only what the township has reviewed: the township's pass clears the approval
	 * given before it, and no certificate is issued.
	 */
	@Test
	void aCountyApprovalBeforeTheTownshipsReview_issuesNoCertificate() throws Exception {
		String original = java.nio.file.Files.readString(java.nio.file.Path.of("processes/chronic-certificate.bpmn"));
		String reordered = original
			.replace("sourceRef=\"Gateway_MaterialsReady\" targetRef=\"Task_TownshipReview\"",
					"sourceRef=\"Gateway_MaterialsReady\" targetRef=\"Task_CountyApproval\"")
			.replace("sourceRef=\"Gateway_CountyDecision\" targetRef=\"Task_IssueCertificate\"",
					"sourceRef=\"Gateway_CountyDecision\" targetRef=\"Task_TownshipReview\"")
			.replace("sourceRef=\"Gateway_TownshipDecision\" targetRef=\"Task_CountyApproval\"",
					"sourceRef=\"Gateway_TownshipDecision\" targetRef=\"Task_IssueCertificate\"");
		assertThat(reordered.split("targetRef=\"Task_IssueCertificate\"", -1)).as("the issue now after the township")
			.hasSize(2);
		repositoryService.createDeployment().name("县级在前").addString("chronic-certificate.bpmn", reordered).deploy();
		try {
			String id = TestIds.newIdNumber();
			recordTreatment(id, "HTN", LocalDate.now().minusMonths(3));
			ProcessInstance pi = start(id);
			complete(COUNTY, pi.getId(), COUNTY_APPROVAL, Map.of("countyDecision", "approve", "countyOpinion", "先批了"));
			complete(TOWNSHIP, pi.getId(), TOWNSHIP_REVIEW, Map.of("townshipDecision", "pass", "townshipOpinion", "后审"));
			assertThat(fact(pi.getId(), "countyDecision")).as("the approval before the review counts no more").isNull();

			assertThatThrownBy(() -> runDueJobs(pi.getId())).hasMessageContaining(pi.getBusinessKey());
			assertThat(certificates.findByBusinessKey(pi.getBusinessKey())).isNull();
			assertThat(status(pi)).isEqualTo("running");
		}
		finally {
			repositoryService.createDeployment().name("慢性病证办理").addString("chronic-certificate.bpmn", original).deploy();
		}
	}

	/**
	 * Half past midnight on 1 January in the county (Asia/Shanghai) is still 31 December in UTC: the case number, the
	 * certificate's number and its first day are the county's new year's, not UTC's. (The tests' JVM runs in the
	 * county's zone, as config/CountyTimeZone sets it for the application; CountyTimeZoneTest checks that setting.)
	 */
	@Test
	void justAfterMidnightInTheCounty_theCaseAndItsCertificateAreOfTheCountysNewYear() {
		int year = LocalDate.now(java.time.ZoneOffset.UTC).getYear();
		ClockUtil.setCurrentTime(Date.from(java.time.Instant.parse(year + "-12-31T16:30:00Z")));
		String id = TestIds.newIdNumber();
		recordTreatment(id, "HTN", LocalDate.now().minusMonths(3));
		ProcessInstance pi = start(id);
		assertThat(pi.getBusinessKey()).startsWith("CC-" + (year + 1) + "-");
		complete(TOWNSHIP, pi.getId(), TOWNSHIP_REVIEW, Map.of("townshipDecision", "pass", "townshipOpinion", "农合记录属实"));
		complete(COUNTY, pi.getId(), COUNTY_APPROVAL, Map.of("countyDecision", "approve", "countyOpinion", "同意发证"));
		runDueJobs(pi.getId());
		Certificate certificate = certificates.findByBusinessKey(pi.getBusinessKey());
		assertThat(certificate.certificateNo()).startsWith("MB-C01-" + (year + 1) + "-");
		assertThat(certificate.validFrom()).isEqualTo(LocalDate.of(year + 1, 1, 1));
	}

	@Test
	void theEngineKeepsWhatRoutingAndTheListRead_theFormsAndTheTrailShowTheRecord() {
		String id = TestIds.newIdNumber();
		recordTreatment(id, "HTN", LocalDate.now().minusMonths(3));
		ProcessInstance pi = start(id);
		assertThat(runtimeService.getVariables(pi.getId()).keySet()).as("the engine's variables after the start")
			.containsOnly("caseNo", "applicantName", "villageName", "subjectName", "villageCode", "townshipCode",
					"zeroMaterial", "initiator", "townshipDecision");
		assertThat(runtimeService.getVariable(pi.getId(), "townshipDecision")).as("the review opens empty").isNull();

		complete(TOWNSHIP, pi.getId(), TOWNSHIP_REVIEW, Map.of("townshipDecision", "pass", "townshipOpinion", "农合记录属实，同意"));
		assertThat(runtimeService.getVariables(pi.getId())).as("the decision routes the case; the opinion is the record's")
			.containsEntry("townshipDecision", "pass").doesNotContainKey("townshipOpinion");
		assertThat(fact(pi.getId(), "townshipOpinion")).isEqualTo("农合记录属实，同意");

		// the county's form shows the start's values, the lookup's and the township's opinion from the record
		Task approval = task(pi.getId(), COUNTY_APPROVAL);
		Http.Response form = http(COUNTY).get("/engine-rest/task/" + approval.getId() + "/form-variables");
		assertThat(form.status()).as(form.body()).isEqualTo(200);
		assertThat(form.json().path("townshipOpinion").path("value").asText()).isEqualTo("农合记录属实，同意");
		assertThat(form.json().path("idNumber").path("value").asText()).isEqualTo(id);
		assertThat(form.json().path("diseaseName").path("value").asText()).isEqualTo("高血压");
		assertThat(form.json().path("householdCategoryName").path("value").asText()).isNotBlank();
		assertThat(form.json().path("townshipName").path("value").asText()).isNotBlank();
		assertThat(form.json().path("treatmentRecordCount").path("value").asInt()).isEqualTo(1);
		assertThat(form.json().path("zeroMaterial").path("value").asBoolean()).isTrue();
		assertThat(form.json().has("countyOpinion")).as("the county's own field is not proposed").isFalse();

		// the trail's start shows what the start form carried, though the engine no longer keeps it
		JsonNode started = trailStep(pi.getBusinessKey(), "StartEvent_ApplicationSubmitted");
		assertThat(started.path("data").path("idNumber").asText()).isEqualTo(id);
		assertThat(started.path("data").path("diseaseCode").asText()).isEqualTo("HTN");
		assertThat(started.path("data").path("householdCategory").asText()).isNotBlank();
	}

	@Test
	void recordsOlderThan24Months_doNotMakeItZeroMaterial() {
		String id = TestIds.newIdNumber();
		recordTreatment(id, "HTN", LocalDate.now().minusMonths(25));
		recordTreatment(id, "DM", LocalDate.now().minusMonths(1)); // another disease does not count either
		ProcessInstance pi = start(id);
		assertThat(runtimeService.getVariable(pi.getId(), "zeroMaterial")).isEqualTo(false);
		assertThat(pi).isWaitingAt(COLLECT_MATERIALS);
		assertThat(task(pi.getId(), COLLECT_MATERIALS)).hasCandidateGroup("village-doctor-T01V01");
	}

	@Test
	void materialsCollected_returnedOnce_thenApproved() {
		ProcessInstance pi = start(TestIds.newIdNumber());
		assertThat(pi).isWaitingAt(COLLECT_MATERIALS);

		// no attachment yet, and the checklist lacks the records: refused, the task stays open
		assertThatThrownBy(() -> complete(DOCTOR, pi.getId(), COLLECT_MATERIALS, Map.of("materialsChecklist", List.of("diagnosis"))))
			.isInstanceOf(CaseRejectedException.class)
			.hasMessageContaining("诊断证明书和门诊或住院病历为必备材料")
			.hasMessageContaining("请先在“附件”页签上传");
		assertThat(pi).isWaitingAt(COLLECT_MATERIALS);

		attachDiagnosis(pi);
		complete(DOCTOR, pi.getId(), COLLECT_MATERIALS, materials());
		complete(TOWNSHIP, pi.getId(), TOWNSHIP_REVIEW, Map.of("townshipDecision", "return", "townshipOpinion", "缺少住院病历首页"));

		assertThat(pi).isWaitingAt(COLLECT_MATERIALS);
		assertThat(runtimeService.getVariable(pi.getId(), "returnReason")).isEqualTo("缺少住院病历首页");
		assertThat(fact(pi.getId(), "returnCount")).isEqualTo(1);
		complete(DOCTOR, pi.getId(), COLLECT_MATERIALS, materials());

		// the review opens empty again: the previous round's decision is not pre-filled
		assertThat(runtimeService.getVariable(pi.getId(), "townshipDecision")).isNull();
		complete(TOWNSHIP, pi.getId(), TOWNSHIP_REVIEW, Map.of("townshipDecision", "pass", "townshipOpinion", "材料齐全"));
		complete(COUNTY, pi.getId(), COUNTY_APPROVAL, Map.of("countyDecision", "approve", "countyOpinion", "同意"));
		runDueJobs(pi.getId());

		assertThat(pi).isEnded().hasPassed(COLLECT_MATERIALS, END_ISSUED).hasNotPassed(EXPLAIN_POLICY);
		assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
			.activityId(COLLECT_MATERIALS).count()).isEqualTo(2);
		assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
			.activityId(TOWNSHIP_REVIEW).count()).isEqualTo(2);
		assertThat(certificates.findByBusinessKey(pi.getBusinessKey()).zeroMaterial()).isFalse();
		assertThat(status(pi)).isEqualTo("issued");
	}

	@Test
	void notEligibleAtTownship_policyExplained() {
		ProcessInstance pi = start(TestIds.newIdNumber());
		attachDiagnosis(pi);
		complete(DOCTOR, pi.getId(), COLLECT_MATERIALS, materials());
		complete(TOWNSHIP, pi.getId(), TOWNSHIP_REVIEW, Map.of("townshipDecision", "ineligible", "townshipOpinion", "血压记录不符合诊断标准"));

		assertThat(pi).isWaitingAt(EXPLAIN_POLICY);
		assertThat(task(pi.getId(), EXPLAIN_POLICY)).hasCandidateGroup("village-doctor-T01V01");
		complete(DOCTOR, pi.getId(), EXPLAIN_POLICY, explanation());

		assertThat(pi).isEnded().hasPassed(EXPLAIN_POLICY, END_NOT_ELIGIBLE).hasNotPassed(COUNTY_APPROVAL, ISSUE_CERTIFICATE);
		assertThat(certificates.findByBusinessKey(pi.getBusinessKey())).isNull();
		assertThat(status(pi)).isEqualTo("not-eligible");
		assertThat(fact(pi.getId(), "explainMethod")).isEqualTo("in-person");
	}

	@Test
	void rejectedAtCounty_policyExplained() {
		String id = TestIds.newIdNumber();
		recordTreatment(id, "HTN", LocalDate.now().minusMonths(1));
		ProcessInstance pi = start(id);
		complete(TOWNSHIP, pi.getId(), TOWNSHIP_REVIEW, Map.of("townshipDecision", "pass", "townshipOpinion", "同意"));
		complete(COUNTY, pi.getId(), COUNTY_APPROVAL, Map.of("countyDecision", "reject", "countyOpinion", "非建档立卡户，不在本年度办理范围"));

		assertThat(pi).isWaitingAt(EXPLAIN_POLICY);
		complete(DOCTOR, pi.getId(), EXPLAIN_POLICY, explanation());
		assertThat(pi).isEnded().hasPassedInOrder(COUNTY_APPROVAL, EXPLAIN_POLICY, END_NOT_ELIGIBLE).hasNotPassed(ISSUE_CERTIFICATE);
		assertThat(status(pi)).isEqualTo("not-eligible");
		assertThat(certificates.findByBusinessKey(pi.getBusinessKey())).isNull();
	}

	private static Map<String, Object> explanation() {
		return Map.of("explainMethod", "in-person", "explainDate", LocalDate.now().toString(), "applicantResponse", "accepted",
				"explainNote", "入户解释了慢性病证的办理条件，申请人表示理解");
	}

	@Test
	void withdrawnBeforeTheTownshipTakesItUp() {
		String id = TestIds.newIdNumber();
		ProcessInstance pi = start(id);
		attachDiagnosis(pi);
		complete(DOCTOR, pi.getId(), COLLECT_MATERIALS, materials());
		assertThat(pi).isWaitingAt(TOWNSHIP_REVIEW);
		String path = "/api/chronic-certificate-applications/" + pi.getBusinessKey() + "/withdraw";

		assertThat(http(DOCTOR).postJson(path, Map.of("reason", "")).status()).isEqualTo(400);
		assertThat(http(OTHER_VILLAGE_DOCTOR).postJson(path, Map.of("reason", "误报")).status()).isEqualTo(404);
		Http.Response r = http(DOCTOR).postJson(path, Map.of("reason", "申请人已迁出本村"));
		assertThat(r.status()).as(r.body()).isEqualTo(200);

		assertThat(pi).isEnded().hasPassed(END_WITHDRAWN).hasNotPassed(COUNTY_APPROVAL);
		assertThat(status(pi)).isEqualTo("withdrawn");
		assertThat(fact(pi.getId(), "withdrawReason")).isEqualTo("申请人已迁出本村");
		assertThat(fact(pi.getId(), "withdrawnBy")).isEqualTo(DOCTOR);
		// the trail shows who withdrew it and why, at the withdrawal's event
		com.fasterxml.jackson.databind.JsonNode withdrawal = trailStep(pi.getBusinessKey(), "StartEvent_WithdrawRequested");
		assertThat(withdrawal).as("the withdrawal in the trail").isNotNull();
		assertThat(withdrawal.path("userId").asText()).isEqualTo(DOCTOR);
		assertThat(withdrawal.path("opinion").asText()).isEqualTo("申请人已迁出本村");
		// withdrawn: the same person may apply again
		assertThat(http(DOCTOR).postJson("/api/chronic-certificate-applications", application(id)).status()).isEqualTo(201);
	}

	@Test
	void noWithdrawalOnceTheTownshipHasClaimedTheReview() {
		ProcessInstance pi = start(TestIds.newIdNumber());
		attachDiagnosis(pi);
		complete(DOCTOR, pi.getId(), COLLECT_MATERIALS, materials());
		Task review = task(pi.getId(), TOWNSHIP_REVIEW);
		as(TOWNSHIP, () -> taskService.claim(review.getId(), TOWNSHIP));

		Http.Response r = http(DOCTOR).postJson("/api/chronic-certificate-applications/" + pi.getBusinessKey() + "/withdraw",
				Map.of("reason", "申请人不再需要"));
		assertThat(r.status()).isEqualTo(409);
		assertThat(r.json().path("detail").asText()).isEqualTo("乡镇卫生院已开始审核，不能再撤回");
		assertThat(pi).isWaitingAt(TOWNSHIP_REVIEW);
		assertThat(status(pi)).isEqualTo("running");
	}

	@Test
	void overdueTownshipReview_remindsTheGroup() {
		String id = TestIds.newIdNumber();
		recordTreatment(id, "HTN", LocalDate.now().minusMonths(2));
		ProcessInstance pi = start(id);
		Task review = task(pi.getId(), TOWNSHIP_REVIEW);
		Date due = review.getDueDate();

		ClockUtil.setCurrentTime(new Date(due.getTime() - 60_000));
		assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).executable().count()).isZero();

		ClockUtil.setCurrentTime(new Date(due.getTime() + 60_000));
		List<Job> due1 = managementService.createJobQuery().processInstanceId(pi.getId()).executable().list();
		assertThat(due1).hasSize(1);
		managementService.executeJob(due1.get(0).getId());

		List<ReminderMapper.Reminder> sent = reminders.findByCase(pi.getBusinessKey());
		assertThat(sent).hasSize(1);
		assertThat(sent.get(0).candidateGroup()).isEqualTo("township-health-T01");
		assertThat(sent.get(0).taskName()).isEqualTo("乡镇卫生院审核");
		assertThat(sent.get(0).reason()).isEqualTo("overdue");
		Task after = task(pi.getId(), TOWNSHIP_REVIEW);
		assertThat(after.getPriority()).isEqualTo(80);
		assertThat(taskService.getTaskComments(after.getId())).anyMatch(c -> c.getFullMessage().startsWith("【催办】乡镇卫生院审核"));
		// the task is still there and shows in the overdue filter
		assertThat(taskService.createTaskQuery().taskId(after.getId()).dueBefore(ClockUtil.getCurrentTime()).count()).isOne();
	}

	@Test
	void aDecisionOutsideTheAllowedOnes_orWithoutOpinion_isRefused() {
		String id = TestIds.newIdNumber();
		recordTreatment(id, "HTN", LocalDate.now().minusMonths(2));
		ProcessInstance pi = start(id);
		assertThatThrownBy(() -> complete(TOWNSHIP, pi.getId(), TOWNSHIP_REVIEW, Map.of("townshipDecision", "maybe", "townshipOpinion", "x")))
			.isInstanceOf(CaseRejectedException.class)
			.hasMessageContaining("审核结论的取值无效");
		assertThatThrownBy(() -> complete(TOWNSHIP, pi.getId(), TOWNSHIP_REVIEW, Map.of("townshipDecision", "return", "townshipOpinion", " ")))
			.isInstanceOf(CaseRejectedException.class)
			.hasMessage("审核意见不能为空");
		assertThatThrownBy(() -> complete(TOWNSHIP, pi.getId(), TOWNSHIP_REVIEW,
				Map.of("townshipDecision", "return", "townshipOpinion", "<script>alert(1)</script>")))
			.isInstanceOf(CaseRejectedException.class)
			.hasMessage("审核意见不能包含HTML标记");
		assertThat(pi).isWaitingAt(TOWNSHIP_REVIEW);
	}

	@Test
	void otherVillagesAndTownships_neitherSeeNorCompleteTheTasks() {
		String id = TestIds.newIdNumber();
		recordTreatment(id, "HTN", LocalDate.now().minusMonths(2));
		ProcessInstance pi = start(id);
		Task review = task(pi.getId(), TOWNSHIP_REVIEW);

		assertThat(as(OTHER_TOWNSHIP, () -> taskService.createTaskQuery().processInstanceId(pi.getId()).count())).isZero();
		assertThat(as(OTHER_VILLAGE_DOCTOR, () -> taskService.createTaskQuery().processInstanceId(pi.getId()).count())).isZero();
		assertThat(as(TOWNSHIP, () -> taskService.createTaskQuery().processInstanceId(pi.getId()).count())).isOne();

		Http.Response tasks = http(OTHER_TOWNSHIP).get("/engine-rest/task?processInstanceId=" + pi.getId());
		assertThat(tasks.json()).isEmpty();
		Http.Response claim = http(OTHER_TOWNSHIP).postJson("/engine-rest/task/" + review.getId() + "/claim", Map.of("userId", OTHER_TOWNSHIP));
		assertThat(claim.status()).isIn(403, 404);
		Http.Response completion = http(OTHER_TOWNSHIP).postJson("/engine-rest/task/" + review.getId() + "/complete",
				Map.of("variables", Map.of("townshipDecision", Map.of("value", "pass"), "townshipOpinion", Map.of("value", "x"))));
		assertThat(completion.status()).isIn(403, 404);
		assertThat(http(OTHER_VILLAGE_DOCTOR).get("/engine-rest/process-instance?processInstanceIds=" + pi.getId()).json()).isEmpty();
		assertThat(http(OTHER_VILLAGE_DOCTOR).get("/engine-rest/history/process-instance?processInstanceId=" + pi.getId()).json()).isEmpty();
		assertThat(http(DOCTOR).get("/engine-rest/history/process-instance?processInstanceId=" + pi.getId()).json()).hasSize(1);
		assertThat(pi).isWaitingAt(TOWNSHIP_REVIEW);
		assertThat(task(pi.getId(), TOWNSHIP_REVIEW).getAssignee()).isNull();
	}

}
