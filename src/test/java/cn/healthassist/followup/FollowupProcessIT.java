package cn.healthassist.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.healthassist.chronic.Certificate;
import cn.healthassist.chronic.CertificateMapper;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.values.IdNumbers;
import cn.healthassist.values.Keys;
import cn.healthassist.reminders.ReminderMapper;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/** chronic-followup (docs/product.md 2.4) with the engine's clock moved by the test: schedules, visits, overdue, missed, ends. */
class FollowupProcessIT extends IntegrationTest {

	@Autowired
	FollowupStarter starter;

	@Autowired
	CertificateMapper certificates;

	@Autowired
	FollowupVisitMapper visits;

	@Autowired
	ReminderMapper reminders;

	private ProcessInstance follow(String disease) {
		String id = TestIds.newIdNumber();
		Certificate c = new Certificate("MB-FU-" + id, "CC-FU-" + id, id, "随访测试", disease, "T01V01", "T01", true, LocalDate.now(), null,
				"valid", "insurance", ClockUtil.getCurrentTime(), null, null, Keys.validCertificate(id, disease));
		certificates.insert(c);
		return starter.start(c, "dibao");
	}

	private Date var(ProcessInstance pi, String name) {
		return (Date) runtimeService.getVariable(pi.getId(), name);
	}

	/** Moves the clock to when the next visit shows, fires the timer, and returns the visit task. */
	private Task visitOpens(ProcessInstance pi) {
		Date opens = var(pi, "visitOpensAt");
		ClockUtil.setCurrentTime(new Date(opens.getTime() + 60_000));
		Job timer = managementService.createJobQuery().processInstanceId(pi.getId()).activityId("Event_VisitWindowOpens").singleResult();
		assertThat(timer).isNotNull();
		managementService.executeJob(timer.getId());
		Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
		assertThat(task).isNotNull();
		return task;
	}

	private void record(String user, Task task, Map<String, Object> data) {
		as(user, () -> {
			taskService.claim(task.getId(), user);
			taskService.complete(task.getId(), data);
		});
	}

	private static LocalDate day(Date date) {
		return ZonedDateTime.ofInstant(date.toInstant(), ZoneId.systemDefault()).toLocalDate();
	}

	/** The day {@code months} calendar months after {@code start}, at the month's end when it is shorter (Java's rule). */
	private static LocalDate monthsAfter(Date start, int months) {
		return day(start).plusMonths(months);
	}

	@Test
	void aCertificateIssued_startsTheFollowUp() {
		String id = TestIds.newIdNumber();
		treatmentRecord(id, "HTN", LocalDate.now().minusMonths(1));
		Http.Response r = http("doctor-t01v01").postJson("/api/chronic-certificate-applications", Map.of("applicantName", "随访", "idNumber", id,
				"villageCode", "T01V01", "householdCategory", "dibao", "diseaseCode", "HTN", "phone", "13700001234"));
		String pi = r.json().path("processInstanceId").asText();
		complete("health-t01", pi, "Task_TownshipReview", Map.of("townshipDecision", "pass", "townshipOpinion", "同意"));
		complete("insurance", pi, "Task_CountyApproval", Map.of("countyDecision", "approve", "countyOpinion", "同意"));
		runDueJobs(pi);
		String certificateNo = (String) fact(pi, "certificateNo");
		String followupKey = jdbc.queryForObject("SELECT business_key FROM ha_case WHERE process_key = 'chronic-followup'"
				+ " AND subject = ? AND status = 'running'", String.class, certificateNo);
		ProcessInstance followup = runtimeService.createProcessInstanceQuery().processDefinitionKey("chronic-followup")
			.processInstanceBusinessKey(followupKey).singleResult();
		assertThat(followup).isNotNull();
		assertThat(followup.getBusinessKey()).matches("FU-\\d{4}-\\d{6}");
		assertThat(followup).isWaitingAt("Event_VisitWindowOpens");
		assertThat(jdbc.queryForObject("SELECT subject FROM ha_case WHERE business_key = ?", String.class, followup.getBusinessKey()))
			.isEqualTo(certificateNo);
		// the household category and the county are in the case index, not kept as the follow-up's variables
		assertThat(jdbc.queryForMap("SELECT household_category, county_code FROM ha_case WHERE business_key = ?",
				followup.getBusinessKey())).containsValues("dibao", "C01");
		// the engine keeps what its routing and Tasklist's list need; the certificate, the person's ID number, the
		// township and the disease are the case record's, and the schedule's inputs go once it is decided
		assertThat(runtimeService.getVariables(followup.getId()))
			.doesNotContainKeys("householdCategory", "countyCode", "certificateNo", "idNumber", "townshipCode", "diseaseCode",
					"diseaseName", "scheduleVersion")
			.containsOnlyKeys("applicantName", "villageCode", "villageName", "caseNo", "subjectName", "visitKind", "visitDue",
					"visitOpensAt", "visitMissedAt");
		// the schedule, when it began, and the visit's number and due day are the record's
		assertThat(fact(followup.getId(), "scheduleInterval")).isEqualTo("P3M");
		assertThat(fact(followup.getId(), "scheduleStart")).isNotNull();
		assertThat(fact(followup.getId(), "visitNo")).isEqualTo(1);
		assertThat(fact(followup.getId(), "visitDueText")).isEqualTo(
				new java.text.SimpleDateFormat("yyyy-MM-dd").format(runtimeService.getVariable(followup.getId(), "visitDue")));
		assertThat(fact(followup.getId(), "certificateNo")).isEqualTo(certificateNo);
		assertThat(fact(followup.getId(), "idNumber")).isEqualTo(id);
		assertThat(fact(followup.getId(), "townshipCode")).isEqualTo("T01");
		assertThat(fact(followup.getId(), "diseaseCode")).isEqualTo("HTN");
		assertThat(visits.findByCase(followup.getBusinessKey())).singleElement()
			.satisfies(v -> assertThat(List.of(v.certificateNo(), v.idNumber(), v.townshipCode(), v.diseaseCode()))
				.containsExactly(certificateNo, id, "T01", "HTN"));
	}

	@Test
	void aHypertensionPatient_getsFourVisitsAYear() {
		ProcessInstance pi = follow("HTN");
		Date start = ClockUtil.getCurrentTime();
		for (int i = 1; i <= 4; i++) {
			Task task = visitOpens(pi);
			assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_VisitHypertension");
			assertThat(task).isNotNull();
			assertThat(taskService.getIdentityLinksForTask(task.getId())).anyMatch(l -> "village-doctor-T01V01".equals(l.getGroupId()));
			assertThat(day(task.getDueDate())).isEqualTo(monthsAfter(start, 3 * i));
			record("doctor-t01v01", task, Map.of("systolic", 150, "diastolic", 95, "medicationAdherence", "regular", "visitNote", "血压偏高，嘱规律服药"));
		}
		List<FollowupVisitMapper.Visit> done = visits.findByCase(pi.getBusinessKey());
		assertThat(done).hasSize(5); // four recorded, the fifth planned
		assertThat(done.subList(0, 4)).allMatch(v -> v.status().equals("done-on-time")).allMatch(v -> v.doctor().equals("doctor-t01v01"));
		assertThat(done.get(0).data()).contains("\"systolic\":150", "\"diastolic\":95");
		assertThat(done.get(4).status()).isEqualTo("planned");
		assertThat(day(done.get(4).dueDate())).isEqualTo(monthsAfter(start, 15));
		assertThat(pi).isWaitingAt("Event_VisitWindowOpens");
	}

	@Test
	void aFieldAProcessOwnerAddsToAVisitForm_isInTheVisitRecord() throws Exception {
		// the owner deploys the hypertension visit form alone, with a heart rate added (Modeler deploys what it has open)
		ObjectMapper json = new ObjectMapper();
		ObjectNode form;
		try (java.io.InputStream in = getClass().getResourceAsStream("/forms/followupHypertensionForm.form")) {
			form = (ObjectNode) json.readTree(in);
		}
		((ArrayNode) form.path("components")).addObject()
			.put("type", "number")
			.put("key", "heartRate")
			.put("label", "心率（次/分）")
			.put("id", "Field_heartRate");
		((ArrayNode) form.path("components")).addObject()
			.put("type", "textfield")
			.put("key", "phone")
			.put("label", "联系电话")
			.put("id", "Field_phone");
		String text = json.writeValueAsString(form);
		String deployment = as("owner", () -> engine.getRepositoryService()
			.createDeployment()
			.addString("followupHypertensionForm.form", text)
			.deploy()
			.getId());
		try {
			ProcessInstance pi = follow("HTN");
			// a name the product knows as another step's fact (the applicant's phone, given at the start) is not the
			// visit's to change, whatever the form offers
			Task visit = visitOpens(pi);
			org.assertj.core.api.Assertions.assertThatThrownBy(() -> record("doctor-t01v01", visit, Map.of("systolic", 128,
					"diastolic", 82, "medicationAdherence", "regular", "heartRate", 72, "phone", "13900001111")))
				.isInstanceOf(cn.healthassist.problems.CaseRejectedException.class)
				.hasMessageContaining("phone");
			taskService.setAssignee(visit.getId(), null);
			record("doctor-t01v01", visit, Map.of("systolic", 128, "diastolic", 82, "medicationAdherence", "regular",
					"heartRate", 72));
			String data = visits.findByCase(pi.getBusinessKey()).get(0).data();
			assertThat(json.readTree(data).path("heartRate").asInt()).isEqualTo(72);
			assertThat(json.readTree(data).path("systolic").asInt()).isEqualTo(128);
			assertThat(data).as("nor is it recorded").doesNotContain("13900001111");
			// the next visit opens without it: the engine does not keep a field the process does not declare
			assertThat(taskService.getVariables(visitOpens(pi).getId())).doesNotContainKey("heartRate");
		}
		finally {
			engine.getRepositoryService().deleteDeployment(deployment, true);
		}
	}

	@Test
	void aScheduleBegunAtAMonthsEnd_keepsItsDay_afterFebruary() {
		// 31 August: quarterly visits fall on 30 November, 28 February, 31 May, 31 August (one interval after the
		// previous due date would give 28 May and 28 August, and the visits would drift earlier every year)
		ClockUtil.setCurrentTime(Date.from(LocalDate.of(2026, 8, 31).atTime(10, 0).atZone(ZoneId.systemDefault()).toInstant()));
		ProcessInstance pi = follow("HTN");
		List<LocalDate> due = new java.util.ArrayList<>();
		for (int i = 1; i <= 4; i++) {
			Task task = visitOpens(pi);
			due.add(day(task.getDueDate()));
			record("doctor-t01v01", task, Map.of("systolic", 130, "diastolic", 85, "medicationAdherence", "regular"));
		}
		assertThat(due).containsExactly(LocalDate.of(2026, 11, 30), LocalDate.of(2027, 2, 28), LocalDate.of(2027, 5, 31),
				LocalDate.of(2027, 8, 31));
		assertThat(day(var(pi, "visitDue"))).isEqualTo(LocalDate.of(2027, 11, 30));
	}

	@Test
	void eachVisitOpensEmpty_thePreviousAnswersAreNotKept() {
		ProcessInstance pi = follow("HTN");
		Task first = visitOpens(pi);
		assertThat(taskService.getVariables(first.getId()).keySet()).as("variables of the first visit")
			.doesNotContainAnyElementsOf(FollowupVariables.VISIT_FIELDS);
		record("doctor-t01v01", first, Map.of("systolic", 150, "diastolic", 95, "medicationAdherence", "regular", "visitNote", "血压偏高"));
		Task second = visitOpens(pi);
		assertThat(taskService.getVariables(second.getId()).keySet()).as("variables of the second visit")
			.doesNotContainAnyElementsOf(FollowupVariables.VISIT_FIELDS);
		// what the first visit recorded stays in its visit record and in the audit log; Camunda keeps no history of
		// the follow-up's variables (healthassist.history.variables-not-kept-for), the running ones are as they were
		assertThat(visits.findByCase(pi.getBusinessKey()).get(0).data()).contains("\"systolic\":150", "血压偏高");
		assertThat(jdbc.queryForList("SELECT data FROM ha_audit_log WHERE business_key = ? AND event_type = 'task-completed'",
				String.class, pi.getBusinessKey())).anyMatch(d -> d.contains("150") && d.contains("血压偏高"));
		assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).includeDeleted().count()).isZero();
		assertThat(runtimeService.getVariable(pi.getId(), "applicantName")).isEqualTo("随访测试");
		// the form: the record's values the engine does not keep, none of the first visit's answers
		Http.Response form = http("doctor-t01v01").get("/engine-rest/task/" + second.getId() + "/form-variables");
		assertThat(form.status()).as(form.body()).isEqualTo(200);
		assertThat(form.json().path("certificateNo").path("value").asText()).isEqualTo("MB-FU-" + fact(pi.getId(), "idNumber"));
		assertThat(form.json().path("idNumber").path("value").asText()).isEqualTo(fact(pi.getId(), "idNumber"));
		assertThat(form.json().path("diseaseName").path("value").asText()).isEqualTo("高血压");
		assertThat(form.json().path("visitNo").path("value").asInt()).isEqualTo(2);
		assertThat(form.json().fieldNames()).toIterable().doesNotContainAnyElementsOf(FollowupVariables.VISIT_FIELDS);
	}

	@Test
	void aTuberculosisPatient_monthlyUntilCured_thenItEnds() {
		ProcessInstance pi = follow("TB");
		Date start = ClockUtil.getCurrentTime();
		Map<String, Object> treating = Map.of("medicationTaken", "on-time", "adverseReaction", "none", "sputumResult", "positive", "tbOutcome", "treating");
		for (int i = 1; i <= 2; i++) {
			Task task = visitOpens(pi);
			assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_VisitTuberculosis");
			assertThat(day(task.getDueDate())).isEqualTo(monthsAfter(start, i));
			record("doctor-t01v01", task, treating);
		}
		Task third = visitOpens(pi);
		record("doctor-t01v01", third, Map.of("medicationTaken", "on-time", "adverseReaction", "none", "sputumResult", "negative", "tbOutcome", "cured"));
		assertThat(pi).isEnded().hasPassed("EndEvent_TuberculosisCured");
		assertThat(visits.findByCase(pi.getBusinessKey())).hasSize(3);
		assertThat(jdbc.queryForObject("SELECT status FROM ha_case WHERE business_key = ?", String.class, pi.getBusinessKey())).isEqualTo("cured");
	}

	@Test
	void aCommonDiseasePatient_yearly() {
		ProcessInstance pi = follow("COPD");
		Date start = ClockUtil.getCurrentTime();
		Task task = visitOpens(pi);
		assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_VisitCommon");
		assertThat(day(task.getDueDate())).isEqualTo(monthsAfter(start, 12));
		record("doctor-t01v01", task, Map.of("prescriptionFeedback", "partly"));
		assertThat(day(var(pi, "visitDue"))).isEqualTo(monthsAfter(start, 24));
		assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).count()).as("no task before its window").isZero();
		ProcessInstance other = follow("EPI");
		assertThat(visitOpens(other).getTaskDefinitionKey()).isEqualTo("Task_VisitGeneral");
	}

	@Test
	void anOverdueVisit_isReminded_andCountedLate() {
		ProcessInstance pi = follow("DM");
		Task task = visitOpens(pi);
		ClockUtil.setCurrentTime(new Date(task.getDueDate().getTime() + 24L * 3600 * 1000));
		// the visit task's timeout listener (the boundary timer of the grace period is not due yet)
		Job reminder = managementService.createJobQuery().processInstanceId(pi.getId()).activityId("Task_VisitDiabetes").executable().singleResult();
		managementService.executeJob(reminder.getId());
		assertThat(reminders.findByCase(pi.getBusinessKey())).hasSize(1);
		assertThat(reminders.findByCase(pi.getBusinessKey()).get(0).candidateGroup()).isEqualTo("village-doctor-T01V01");
		record("doctor-t01v01", taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult(),
				Map.of("fastingGlucose", "7.8", "medicationAdherence", "intermittent"));
		assertThat(visits.findByCase(pi.getBusinessKey()).get(0).status()).isEqualTo("done-late");
	}

	@Test
	void aVisitNotRecordedInTheGracePeriod_isMissed_andTheNextOneIsPlanned() {
		ProcessInstance pi = follow("SMI");
		visitOpens(pi);
		Date missedAt = var(pi, "visitMissedAt");
		ClockUtil.setCurrentTime(new Date(missedAt.getTime() + 60_000));
		Job boundary = managementService.createJobQuery().processInstanceId(pi.getId()).activityId("BoundaryEvent_VisitMissed").singleResult();
		managementService.executeJob(boundary.getId());
		List<FollowupVisitMapper.Visit> all = visits.findByCase(pi.getBusinessKey());
		assertThat(all.get(0).status()).isEqualTo("missed");
		assertThat(all.get(1).status()).isEqualTo("planned");
		assertThat(all.get(1).visitNo()).isEqualTo(2);
		assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).count()).isZero();
		assertThat(pi).hasPassed("Task_RecordMissedVisit").isWaitingAt("Event_VisitWindowOpens");
	}

	@Test
	void revokingTheCertificate_endsTheFollowUp() {
		ProcessInstance pi = follow("HTN");
		String certificateNo = (String) fact(pi.getId(), "certificateNo");
		assertThat(http("doctor-t01v01").postJson("/api/certificates/" + certificateNo + "/revoke", Map.of("reason", "x")).status()).isEqualTo(403);
		assertThat(http("admin").postJson("/api/certificates/" + certificateNo + "/revoke", Map.of("reason", "x")).status())
			.as("the bureau's decision, not the administrator's").isEqualTo(403);
		Http.Response r = http("insurance").postJson("/api/certificates/" + certificateNo + "/revoke", Map.of("reason", "患者已迁出本县"));
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		assertThat(r.json().path("followupsEnded").asInt()).isOne();
		assertThat(pi).isEnded().hasPassed("EndEvent_CertificateRevoked");
		assertThat(certificates.findByNumber(certificateNo).status()).isEqualTo("revoked");
		assertThat(jdbc.queryForObject("SELECT status FROM ha_case WHERE business_key = ?", String.class, pi.getBusinessKey())).isEqualTo("revoked");
		assertThat(http("insurance").postJson("/api/certificates/" + certificateNo + "/revoke", Map.of("reason", "again")).status()).isEqualTo(409);
		// the follow-up's trail names who revoked it and why
		com.fasterxml.jackson.databind.JsonNode trail = http("auditor").get("/api/cases/" + pi.getBusinessKey() + "/trail").json();
		com.fasterxml.jackson.databind.JsonNode step = null;
		for (com.fasterxml.jackson.databind.JsonNode s : trail.path("steps")) {
			if ("StartEvent_CertificateRevoked".equals(s.path("activityId").asText())) {
				step = s;
			}
		}
		assertThat(step).as(trail.toString()).isNotNull();
		assertThat(step.path("userId").asText()).isEqualTo("insurance");
		assertThat(step.path("opinion").asText()).isEqualTo("患者已迁出本县");
		assertThat(trail.path("chainVerified").asBoolean()).isTrue();
	}

	@Test
	void aFollowUpOfThePreviousVersion_withItsValuesAsVariablesAndNoneInItsRecord_keepsWorking() {
		ProcessInstance pi = follow("HTN");
		String id = (String) fact(pi.getId(), "idNumber");
		String certificateNo = "MB-FU-" + id;
		Map<String, Object> schedule = Map.of("interval", fact(pi.getId(), "scheduleInterval"), "windowDays",
				fact(pi.getId(), "windowDays"), "graceDays", fact(pi.getId(), "graceDays"), "visitKind", "hypertension");
		Date began = Date.from(java.time.Instant.parse((String) fact(pi.getId(), "scheduleStart")));
		// as the previous version left it: the start's values, the schedule (the decision's result), when it began and
		// the visit's number and due day as variables (the ID number masked), none in the record
		jdbc.update("DELETE FROM ha_audit_log WHERE business_key = ? AND event_type = 'rule-applied'", pi.getBusinessKey());
		runtimeService.setVariables(pi.getId(), Map.of("certificateNo", certificateNo, "idNumber", IdNumbers.mask(id),
				"townshipCode", "T01", "diseaseCode", "HTN", "diseaseName", "高血压", "scheduleVersion", 1));
		runtimeService.setVariables(pi.getId(), Map.of("schedule", new java.util.HashMap<>(schedule), "scheduleStart", began,
				"visitNo", 1, "visitDueText", "2099-01-01"));
		assertThat(fact(pi.getId(), "certificateNo")).isNull();

		Task task = visitOpens(pi);
		Http.Response form = http("doctor-t01v01").get("/engine-rest/task/" + task.getId() + "/form-variables");
		assertThat(form.status()).as(form.body()).isEqualTo(200);
		assertThat(form.json().path("idNumber").path("value").asText()).as("from the case index").isEqualTo(id);
		assertThat(form.json().path("certificateNo").path("value").asText()).isEqualTo(certificateNo);
		assertThat(form.json().path("diseaseName").path("value").asText()).isEqualTo("高血压");
		record("doctor-t01v01", task, Map.of("systolic", 130, "diastolic", 85, "medicationAdherence", "regular"));
		assertThat(visits.findByCase(pi.getBusinessKey())).hasSize(2)
			.allSatisfy(v -> assertThat(List.of(v.certificateNo(), v.idNumber(), v.townshipCode(), v.diseaseCode()))
				.containsExactly(certificateNo, id, "T01", "HTN"));
		assertThat(runtimeService.getVariables(pi.getId())).as("the schedule's inputs go at the next schedule")
			.doesNotContainKeys("diseaseCode", "scheduleVersion", "schedule", "scheduleStart", "visitNo", "visitDueText");
		assertThat(visits.findByCase(pi.getBusinessKey()).get(1).visitNo()).as("the visit after the variable's").isEqualTo(2);
		assertThat(day(visits.findByCase(pi.getBusinessKey()).get(1).dueDate())).as("six months after the schedule began")
			.isEqualTo(monthsAfter(began, 6));
		assertThat(fact(pi.getId(), "visitNo")).isEqualTo(2);
		assertThat(fact(pi.getId(), "scheduleInterval")).isEqualTo("P3M");

		Http.Response revoked = http("insurance").postJson("/api/certificates/" + certificateNo + "/revoke",
				Map.of("reason", "患者已迁出本县"));
		assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
		assertThat(revoked.json().path("followupsEnded").asInt()).isOne();
		assertThat(pi).isEnded().hasPassed("EndEvent_CertificateRevoked");
	}

	@Test
	void thePatientDied_endsTheFollowUp() {
		ProcessInstance pi = follow("HTN");
		record("doctor-t01v01", visitOpens(pi), Map.of("systolic", 120, "diastolic", 80, "medicationAdherence", "regular", "patientDied", true,
				"visitNote", "家属告知患者已于上月去世"));
		assertThat(pi).isEnded().hasPassed("EndEvent_PatientDied");
	}

	@Test
	void outOfRangeVitalsAreRefused() {
		ProcessInstance pi = follow("HTN");
		Task task = visitOpens(pi);
		assertThatThrownBy(() -> record("doctor-t01v01", task, Map.of("systolic", 300, "diastolic", 80, "medicationAdherence", "regular")))
			.isInstanceOf(CaseRejectedException.class).hasMessage("收缩压 300 mmHg 不在合理范围（60～260 mmHg），请核对");
		assertThatThrownBy(() -> record("doctor-t01v01", task, Map.of("systolic", 120, "diastolic", 130, "medicationAdherence", "regular")))
			.isInstanceOf(CaseRejectedException.class).hasMessage("舒张压应低于收缩压，请核对");
		ProcessInstance dm = follow("DM");
		Task glucose = visitOpens(dm);
		assertThatThrownBy(() -> record("doctor-t01v01", glucose, Map.of("fastingGlucose", "45", "medicationAdherence", "regular")))
			.isInstanceOf(CaseRejectedException.class).hasMessageContaining("空腹血糖 45 mmol/L 不在合理范围");
		assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isOne();
	}

	@Test
	void certificatesWithoutAFollowUp_getOneStartedOnce() {
		String id = TestIds.newIdNumber();
		certificates.insert(new Certificate("MB-OLD-" + id, "CC-OLD-" + id, id, "老证", "CHD", "T01V02", "T01", false, LocalDate.now().minusYears(1),
				null, "valid", "insurance", ClockUtil.getCurrentTime(), null, null, Keys.validCertificate(id, "CHD")));
		assertThat(http("insurance").post("/api/followups/start-missing", "application/json", "{}").status()).isEqualTo(403);
		// the security and audit administrators' duties are not the system's (三员分立)
		assertThat(http("secadmin").post("/api/followups/start-missing", "application/json", "{}").status()).isEqualTo(403);
		assertThat(http("auditadmin").post("/api/followups/start-missing", "application/json", "{}").status()).isEqualTo(403);
		// the system administrator runs it, as the production profile has no camunda-admin
		int logged = count("SELECT COUNT(*) FROM ha_security_event WHERE event_type = 'FOLLOWUPS_STARTED' AND user_id = 'sysadmin'");
		Http.Response first = http("sysadmin").post("/api/followups/start-missing", "application/json", "{}");
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(countOnceWritten(logged + 1,
				"SELECT COUNT(*) FROM ha_security_event WHERE event_type = 'FOLLOWUPS_STARTED' AND user_id = 'sysadmin'"))
			.as("in the security log").isEqualTo(logged + 1);
		assertThat(first.json().path("certificates").toString()).contains("MB-OLD-" + id);
		Http.Response second = http("admin").post("/api/followups/start-missing", "application/json", "{}");
		assertThat(second.json().path("certificates").toString()).doesNotContain("MB-OLD-" + id);
	}

}
