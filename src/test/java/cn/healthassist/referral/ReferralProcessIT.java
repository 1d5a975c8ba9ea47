package cn.healthassist.referral;

import static cn.healthassist.referral.ReferralActivities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.file.Path;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/** Every path of county-referral (docs/product.md 2.2): activities passed, registry rows and case status. */
class ReferralProcessIT extends IntegrationTest {

	static final String DOCTOR = "hdoctor-h01";

	static final String HEAD = "hhead-h01";

	static final String COMMISSION = "commission";

	@Autowired
	ReferralMapper referrals;

	static Map<String, Object> request(String idNumber, String urgency) {
		return cn.healthassist.support.Applications.referral(idNumber, urgency);
	}

	private ProcessInstance start(String urgency) {
		Http.Response r = http(DOCTOR).postJson("/api/referrals", request(TestIds.newIdNumber(), urgency));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		assertThat(r.json().path("businessKey").asText()).matches("RF-\\d{4}-\\d{6}");
		return runtimeService.createProcessInstanceQuery().processInstanceId(r.json().path("processInstanceId").asText()).singleResult();
	}

	private String status(ProcessInstance pi) {
		return jdbc.queryForObject("SELECT status FROM ha_case WHERE process_instance_id = ?", String.class, pi.getId());
	}

	@Test
	void normal_approvedByTheHead_issued_auditedCompliant() {
		ProcessInstance pi = start("normal");
		assertThat(pi).isWaitingAt(UNIT_HEAD_APPROVAL);
		assertThat(task(pi.getId(), UNIT_HEAD_APPROVAL)).hasCandidateGroup("hospital-head-H01");
		assertThat(referrals.find(pi.getBusinessKey()).referralNo()).isNull();

		complete(HEAD, pi.getId(), UNIT_HEAD_APPROVAL, Map.of("headDecision", "approve", "headOpinion", "同意转省立医院"));
		assertThat(pi).isWaitingAt(ISSUE_REFERRAL);
		runDueJobs(pi.getId());
		Task audit = task(pi.getId(), COMMISSION_AUDIT);
		assertThat(audit).hasCandidateGroup("health-commission");
		assertThat(audit.getDueDate()).isCloseTo(new Date(System.currentTimeMillis() + 30L * 24 * 3600 * 1000), 60_000);
		complete(COMMISSION, pi.getId(), COMMISSION_AUDIT, Map.of("auditOutcome", "compliant", "auditOpinion", "转诊理由充分"));

		assertThat(pi).isEnded()
			.hasPassedInOrder(UNIT_HEAD_APPROVAL, ISSUE_REFERRAL, COMMISSION_AUDIT, END_COMPLIANT)
			.hasNotPassed(ISSUE_EMERGENCY_REFERRAL, END_REJECTED);
		Referral r = referrals.find(pi.getBusinessKey());
		assertThat(r.referralNo()).matches("ZZ-C01-\\d{4}-\\d{6}");
		assertThat(r.headDecision()).isEqualTo("approve");
		assertThat(r.headOpinion()).isEqualTo("同意转省立医院");
		assertThat(r.headUser()).isEqualTo(HEAD);
		assertThat(r.auditOutcome()).isEqualTo("compliant");
		assertThat(r.auditUser()).isEqualTo(COMMISSION);
		assertThat(r.destinationCode()).isEqualTo("P01");
		assertThat(status(pi)).isEqualTo("audited-compliant");
	}

	@Test
	void theEngineKeepsWhatRoutingAndTheListRead_theFormsShowTheRecord() {
		String id = TestIds.newIdNumber();
		Http.Response r = http(DOCTOR).postJson("/api/referrals", request(id, "normal"));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		String pi = r.json().path("processInstanceId").asText();
		assertThat(runtimeService.getVariables(pi).keySet()).as("the engine's variables after the start")
			.containsOnly("caseNo", "applicantName", "hospitalName", "subjectName", "hospitalCode", "urgency", "initiator",
					"headDecision");

		Task approval = task(pi, UNIT_HEAD_APPROVAL);
		Http.Response form = http(HEAD).get("/engine-rest/task/" + approval.getId() + "/form-variables");
		assertThat(form.status()).as(form.body()).isEqualTo(200);
		assertThat(form.json().path("idNumber").path("value").asText()).isEqualTo(id);
		assertThat(form.json().path("patientName").path("value").asText()).isNotBlank();
		assertThat(form.json().path("destinationHospitalName").path("value").asText()).isNotBlank();
		assertThat(form.json().path("diagnosis").path("value").asText()).isEqualTo(fact(pi, "diagnosis"));
		assertThat(form.json().path("urgencyName").path("value").asText()).isNotBlank();

		complete(HEAD, pi, UNIT_HEAD_APPROVAL, Map.of("headDecision", "approve", "headOpinion", "同意转省立医院"));
		runDueJobs(pi);
		assertThat(runtimeService.getVariables(pi)).containsEntry("headDecision", "approve")
			.doesNotContainKeys("headOpinion", "headDecisionName", "referralNo", "diagnosis", "reason");
		Task audit = task(pi, COMMISSION_AUDIT);
		Http.Response auditForm = http(COMMISSION).get("/engine-rest/task/" + audit.getId() + "/form-variables");
		assertThat(auditForm.status()).as(auditForm.body()).isEqualTo(200);
		assertThat(auditForm.json().path("headOpinion").path("value").asText()).isEqualTo("同意转省立医院");
		assertThat(auditForm.json().path("headDecisionName").path("value").asText()).isNotBlank();
		assertThat(auditForm.json().path("referralNo").path("value").asText()).matches("ZZ-C01-\\d{4}-\\d{6}");
		assertThat(auditForm.json().has("auditOpinion")).as("the commission's own field is not proposed").isFalse();
	}

	@Test
	void rejectedByTheUnitHead_noReferralIssued() {
		ProcessInstance pi = start("normal");
		complete(HEAD, pi.getId(), UNIT_HEAD_APPROVAL, Map.of("headDecision", "reject", "headOpinion", "本院可以诊治，不予转诊"));
		assertThat(pi).isEnded().hasPassed(END_REJECTED).hasNotPassed(ISSUE_REFERRAL, COMMISSION_AUDIT);
		Referral r = referrals.find(pi.getBusinessKey());
		assertThat(r.referralNo()).isNull();
		assertThat(r.headDecision()).isEqualTo("reject");
		assertThat(status(pi)).isEqualTo("rejected");
	}

	@Test
	void emergency_patientGoesAtOnce_headApprovesInTime() {
		ProcessInstance pi = start("emergency");
		// issued at once, before any approval
		assertThat(referrals.find(pi.getBusinessKey()).referralNo()).matches("ZZ-C01-\\d{4}-\\d{6}");
		assertThat(pi).hasPassed(ISSUE_EMERGENCY_REFERRAL).isWaitingAt(CONFIRM_EMERGENCY);
		Task confirm = task(pi.getId(), CONFIRM_EMERGENCY);
		assertThat(confirm).hasCandidateGroup("hospital-head-H01");
		assertThat(confirm.getDueDate()).isCloseTo(new Date(System.currentTimeMillis() + 24L * 3600 * 1000), 60_000);

		ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 23L * 3600 * 1000));
		assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).executable().count()).isZero();
		complete(HEAD, pi.getId(), CONFIRM_EMERGENCY, Map.of("headDecision", "approve", "headOpinion", "补签同意"));

		assertThat(pi).isWaitingAt(COMMISSION_AUDIT).hasNotPassed(SUPERVISE_OVERDUE, UNIT_HEAD_APPROVAL);
		assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).activityId(CONFIRMATION_OVERDUE).count())
			.as("the 24h timer is gone")
			.isZero();
		complete(COMMISSION, pi.getId(), COMMISSION_AUDIT, Map.of("auditOutcome", "compliant", "auditOpinion", "急诊转诊及时补签"));
		assertThat(pi).isEnded().hasPassed(END_COMPLIANT);
		assertThat(referrals.find(pi.getBusinessKey()).escalatedAt()).isNull();
		assertThat(referrals.find(pi.getBusinessKey()).headDecision()).isEqualTo("approve");
	}

	@Test
	void emergency_refusedByTheHeadAfterThePatientWent_isFlaggedInTheCommissionsAudit() throws Exception {
		ProcessInstance pi = start("emergency");
		complete(HEAD, pi.getId(), CONFIRM_EMERGENCY, Map.of("headDecision", "reject", "headOpinion", "本院可以诊治"));

		assertThat(pi).isWaitingAt(COMMISSION_AUDIT);
		assertThat(referrals.find(pi.getBusinessKey()).headDecision()).isEqualTo("reject");
		assertThat(referrals.find(pi.getBusinessKey()).referralNo()).as("issued before the head's word").isNotNull();
		Task audit = task(pi.getId(), COMMISSION_AUDIT);
		Http.Response form = http(COMMISSION).get("/engine-rest/task/" + audit.getId() + "/form-variables");
		assertThat(form.status()).as(form.body()).isEqualTo(200);
		// what the audit form's warning (Text_EmergencyRefused) is shown by
		assertThat(form.json().path("urgency").path("value").asText()).isEqualTo("emergency");
		assertThat(form.json().path("headDecision").path("value").asText()).isEqualTo("reject");
		JsonNode warning = null;
		for (JsonNode c : new ObjectMapper()
			.readTree(Path.of("forms/referralCommissionAuditForm.form").toFile())
			.path("components")) {
			if ("Text_EmergencyRefused".equals(c.path("id").asText())) {
				warning = c;
			}
		}
		assertThat(warning).as("the audit form warns of it").isNotNull();
		assertThat(warning.path("conditional").path("hide").asText())
			.isEqualTo("=not(urgency = \"emergency\" and headDecision = \"reject\")");
		assertThat(warning.path("text").asText()).contains("不同意");
	}

	@Test
	void emergency_notApprovedWithin24Hours_isEscalatedToTheCommission() {
		ProcessInstance pi = start("emergency");
		Task confirm = task(pi.getId(), CONFIRM_EMERGENCY);

		ClockUtil.setCurrentTime(new Date(confirm.getDueDate().getTime() + 60_000));
		Job timer = managementService.createJobQuery().processInstanceId(pi.getId()).executable().singleResult();
		assertThat(timer).isNotNull();
		managementService.executeJob(timer.getId());

		assertThat(pi).isWaitingAt(CONFIRM_EMERGENCY, SUPERVISE_OVERDUE).hasPassed(CONFIRMATION_OVERDUE);
		Task supervise = task(pi.getId(), SUPERVISE_OVERDUE);
		assertThat(supervise).hasCandidateGroup("health-commission");
		assertThat(as(COMMISSION, () -> taskService.createTaskQuery().taskId(supervise.getId()).count())).isOne();
		assertThat(referrals.find(pi.getBusinessKey()).escalatedAt()).isNotNull();

		complete(COMMISSION, pi.getId(), SUPERVISE_OVERDUE, Map.of("superviseAction", "phone", "superviseNote", "已电话督促单位负责人补签"));
		complete(HEAD, pi.getId(), CONFIRM_EMERGENCY, Map.of("headDecision", "approve", "headOpinion", "补签"));
		complete(COMMISSION, pi.getId(), COMMISSION_AUDIT, Map.of("auditOutcome", "non-compliant", "auditOpinion", "补签超时"));
		assertThat(pi).isEnded().hasPassed(END_ESCALATION_HANDLED, END_NON_COMPLIANT);
		assertThat(status(pi)).isEqualTo("audited-non-compliant");
	}

	@Test
	void auditedNonCompliant() {
		ProcessInstance pi = start("normal");
		complete(HEAD, pi.getId(), UNIT_HEAD_APPROVAL, Map.of("headDecision", "approve", "headOpinion", "同意"));
		runDueJobs(pi.getId());
		complete(COMMISSION, pi.getId(), COMMISSION_AUDIT, Map.of("auditOutcome", "non-compliant", "auditOpinion", "县内可诊治，转诊理由不充分"));
		assertThat(pi).isEnded().hasPassed(END_NON_COMPLIANT).hasNotPassed(END_COMPLIANT);
		assertThat(referrals.find(pi.getBusinessKey()).auditOutcome()).isEqualTo("non-compliant");
		assertThat(status(pi)).isEqualTo("audited-non-compliant");
	}

	@Test
	void anotherHospitalsHead_neitherSeesNorApproves() {
		ProcessInstance pi = start("normal");
		assertThat(as("hhead-h02", () -> taskService.createTaskQuery().processInstanceId(pi.getId()).count())).isZero();
		assertThat(http("hhead-h02").get("/engine-rest/task?processInstanceId=" + pi.getId()).json()).isEmpty();
		assertThat(http("hdoctor-h02").get("/engine-rest/history/process-instance?processInstanceId=" + pi.getId()).json()).isEmpty();
		assertThat(http(HEAD).get("/engine-rest/task?processInstanceId=" + pi.getId()).json()).hasSize(1);
	}

}
