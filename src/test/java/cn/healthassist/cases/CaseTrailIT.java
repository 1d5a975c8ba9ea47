package cn.healthassist.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.chronic.ChronicActivities;
import cn.healthassist.chronic.TreatmentRecordImporter;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/** GET /api/cases/{businessKey}/trail: contents compared field by field with what the test did, masking, tampering. */
class CaseTrailIT extends IntegrationTest {

	@Autowired
	TreatmentRecordImporter treatmentRecords;

	@Autowired
	RepositoryService repositoryService;

	private JsonNode trail(String user, String businessKey) {
		Http.Response r = http(user).get("/api/cases/" + businessKey + "/trail");
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return r.json();
	}

	private static JsonNode step(JsonNode trail, String name) {
		for (JsonNode s : trail.path("steps")) {
			if (s.path("name").asText().equals(name)) {
				return s;
			}
		}
		throw new AssertionError("no step " + name + " in " + trail.path("steps").findValuesAsText("name"));
	}

	/** A chronic-certificate case through the materials path; returns its business key. */
	private String chronicCase(String id) {
		Http.Response r = http("doctor-t01v01").postJson("/api/chronic-certificate-applications",
				Map.of("applicantName", "钱多多", "idNumber", id, "villageCode", "T01V01", "householdCategory", "dibao",
						"diseaseCode", "COPD", "phone", "13600001111"));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		String pi = r.json().path("processInstanceId").asText();
		taskService.createAttachment("application/pdf", null, pi, "诊断证明书.pdf", "县医院诊断",
				new ByteArrayInputStream("%PDF-1.4".getBytes()));
		complete("doctor-t01v01", pi, ChronicActivities.COLLECT_MATERIALS,
				Map.of("materialsChecklist", List.of("diagnosis", "records"), "materialsNote", "门诊病历三份"));
		complete("health-t01", pi, ChronicActivities.TOWNSHIP_REVIEW, Map.of("townshipDecision", "pass", "townshipOpinion", "材料齐全，同意上报"));
		complete("insurance", pi, ChronicActivities.COUNTY_APPROVAL, Map.of("countyDecision", "approve", "countyOpinion", "同意发证"));
		runDueJobs(pi);
		return r.json().path("businessKey").asText();
	}

	@Test
	void aChronicCertificateTrail_showsEveryStepWithPeopleDecisionsAndData() {
		String id = TestIds.newIdNumber();
		String key = chronicCase(id);
		JsonNode t = trail("doctor-t01v01", key);

		assertThat(t.path("businessKey").asText()).isEqualTo(key);
		assertThat(t.path("processKey").asText()).isEqualTo("chronic-certificate");
		assertThat(t.path("status").asText()).isEqualTo("issued");
		assertThat(t.path("idNumber").asText()).isEqualTo(id);
		assertThat(t.path("chainVerified").asBoolean()).isTrue();
		// start, three steps, end, and four facts the rules established (case record): the start, the records looked
		// up, the county approver, the certificate issued
		assertThat(t.path("chainLength").asInt()).isEqualTo(9);
		assertThat(t.path("steps").findValuesAsText("name")).containsExactly("申请已提交", "查询农合就诊记录", "收集申请材料",
				"乡镇卫生院审核", "县医保局审批", "发放慢性病证", "慢性病证已发放");

		JsonNode start = step(t, "申请已提交");
		assertThat(start.path("userId").asText()).isEqualTo("doctor-t01v01");
		assertThat(start.path("userName").asText()).isEqualTo("张卫民");
		assertThat(start.path("data").path("applicantName").asText()).isEqualTo("钱多多");
		assertThat(start.path("data").path("diseaseCode").asText()).isEqualTo("COPD");
		// a village chosen from the organisation data is shown by its name, as the form offered it
		assertThat(start.path("fields").findValues("key").stream().map(JsonNode::asText).toList()).contains("villageCode");
		for (JsonNode field : start.path("fields")) {
			if (field.path("key").asText().equals("villageCode")) {
				assertThat(field.path("value").asText()).isEqualTo("T01V01");
				assertThat(field.path("valueLabel").asText()).isEqualTo("桃园村");
			}
		}

		JsonNode collect = step(t, "收集申请材料");
		assertThat(collect.path("group").asText()).isEqualTo("village-doctor-T01V01");
		assertThat(collect.path("data").path("materialsNote").asText()).isEqualTo("门诊病历三份");
		assertThat(collect.path("fields").findValuesAsText("valueLabel")).contains("诊断证明书、门诊或住院病历");

		JsonNode review = step(t, "乡镇卫生院审核");
		assertThat(review.path("group").asText()).isEqualTo("township-health-T01");
		assertThat(review.path("userId").asText()).isEqualTo("health-t01");
		assertThat(review.path("userName").asText()).isEqualTo("周明");
		assertThat(review.path("decision").asText()).isEqualTo("pass");
		assertThat(review.path("decisionLabel").asText()).isEqualTo("通过，报县医保局审批");
		assertThat(review.path("opinion").asText()).isEqualTo("材料齐全，同意上报");
		assertThat(review.path("startTime").isNull()).isFalse();
		assertThat(review.path("endTime").isNull()).isFalse();
		assertThat(review.path("due").isNull()).isFalse();
		assertThat(review.path("overdue").asBoolean()).isFalse();

		JsonNode county = step(t, "县医保局审批");
		assertThat(county.path("userId").asText()).isEqualTo("insurance");
		assertThat(county.path("decision").asText()).isEqualTo("approve");
		assertThat(county.path("opinion").asText()).isEqualTo("同意发证");
		assertThat(step(t, "发放慢性病证").path("kind").asText()).isEqualTo("service");

		assertThat(t.path("attachments")).hasSize(1);
		assertThat(t.path("attachments").get(0).path("name").asText()).isEqualTo("诊断证明书.pdf");
	}

	@Test
	void idNumbersAreMaskedOutsideTheJurisdiction_andOtherVillagesAreRefused() {
		String id = TestIds.newIdNumber();
		String key = chronicCase(id);
		String masked = id.substring(0, 4) + "**********" + id.substring(14);
		assertThat(trail("auditor", key).path("idNumber").asText()).isEqualTo(id);
		assertThat(trail("insurance", key).path("idNumber").asText()).isEqualTo(id);
		JsonNode admin = trail("admin", key);
		assertThat(admin.path("idNumber").asText()).isEqualTo(masked);
		assertThat(step(admin, "申请已提交").path("data").path("idNumber").asText()).isEqualTo(masked);
		assertThat(http("doctor-t01v02").get("/api/cases/" + key + "/trail").status()).isEqualTo(403);
		assertThat(http("health-t02").get("/api/cases/" + key + "/trail").status()).isEqualTo(403);
		assertThat(http("auditor").get("/api/cases/CC-1999-999999/trail").status()).isEqualTo(404);
		assertThat(anonymous().get("/api/cases/" + key + "/trail").status()).isEqualTo(401);
		// in search results too
		Http.Response search = http("admin").get("/api/cases?idNumber=" + id);
		assertThat(search.json().path("items").get(0).path("idNumber").asText()).isEqualTo(masked);
		assertThat(http("auditor").get("/api/cases?idNumber=" + id).json().path("items").get(0).path("idNumber").asText()).isEqualTo(id);
	}

	@Test
	void aRowAlteredInTheDatabase_breaksTheChain() {
		String key = chronicCase(TestIds.newIdNumber());
		assertThat(trail("auditor", key).path("chainVerified").asBoolean()).isTrue();
		jdbc.update("UPDATE ha_audit_log SET opinion = ? WHERE business_key = ? AND seq = 3", "改过的意见", key);
		JsonNode t = trail("auditor", key);
		assertThat(t.path("chainVerified").asBoolean()).isFalse();
		assertThat(t.path("chainBrokenAt").asInt()).isEqualTo(3);

		String other = chronicCase(TestIds.newIdNumber());
		jdbc.update("DELETE FROM ha_audit_log WHERE business_key = ? AND seq = 2", other);
		assertThat(trail("auditor", other).path("chainVerified").asBoolean()).isFalse();
		assertThat(trail("auditor", other).path("chainBrokenAt").asInt()).isEqualTo(3);
	}

	@Test
	void aReferralTrail_showsTheHeadsOpinion_andTheEscalationTimer() {
		Http.Response r = http("hdoctor-h01").postJson("/api/referrals", Map.of("patientName", "吴大海", "idNumber", TestIds.newIdNumber(),
				"householdCategory", "wubao", "hospitalCode", "H01", "diagnosis", "脑出血", "reason", "需神经外科手术",
				"destinationHospitalCode", "M01", "urgency", "emergency"));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		String pi = r.json().path("processInstanceId").asText();
		Date due = task(pi, "Task_ConfirmEmergencyReferral").getDueDate();
		ClockUtil.setCurrentTime(new Date(due.getTime() + 60_000));
		Job timer = managementService.createJobQuery().processInstanceId(pi).activityId("BoundaryEvent_EmergencyConfirmationOverdue").singleResult();
		managementService.executeJob(timer.getId());
		complete("hhead-h01", pi, "Task_ConfirmEmergencyReferral", Map.of("headDecision", "approve", "headOpinion", "补签同意，患者已转市一院"));
		ClockUtil.reset();
		JsonNode t = trail("commission", r.json().path("businessKey").asText());
		assertThat(step(t, "超过24小时未补签").path("kind").asText()).isEqualTo("timer");
		JsonNode head = step(t, "急诊转诊补签审批");
		assertThat(head.path("opinion").asText()).isEqualTo("补签同意，患者已转市一院");
		assertThat(head.path("overdue").asBoolean()).isTrue();
		assertThat(step(t, "转诊申请已提交").path("data").path("diagnosis").asText()).isEqualTo("脑出血");
		assertThat(t.path("status").asText()).isEqualTo("running");
	}

	@Test
	void aCharityTrail_showsAmounts_andTheObjectionMessage() {
		Http.Response r = http("committee-t01v01").postJson("/api/charity-relief-applications", Map.ofEntries(
				Map.entry("applicantName", "孙桂兰"), Map.entry("idNumber", TestIds.newIdNumber()), Map.entry("villageCode", "T01V01"),
				Map.entry("householdCategory", "dibao"), Map.entry("hospitalName", "县中医院"),
				Map.entry("admissionDate", LocalDate.now().minusDays(9).toString()), Map.entry("dischargeDate", LocalDate.now().minusDays(2).toString()),
				Map.entry("totalCost", "12000.00"), Map.entry("insuredCost", "10000.00"), Map.entry("basicInsurancePaid", "6000.00"),
				Map.entry("seriousIllnessInsurancePaid", "1000.00"), Map.entry("medicalAssistancePaid", "1000.00"), Map.entry("otherReliefPaid", "0.00")));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		String pi = r.json().path("processInstanceId").asText();
		String key = r.json().path("businessKey").asText();
		complete("civil-t01", pi, "Task_CivilVerification", Map.of("verificationDecision", "pass", "verificationOpinion", "核实无误", "householdCategory", "dibao"));
		http("committee-t01v01").postJson("/api/charity-relief-applications/" + key + "/objections", Map.of("reason", "有村民提出异议"));
		JsonNode t = trail("charity", key);
		assertThat(step(t, "收到公示异议").path("kind").asText()).isEqualTo("message");
		assertThat(step(t, "判定救助比例").path("kind").asText()).isEqualTo("decision");
		JsonNode start = step(t, "救助申请已提交");
		assertThat(start.path("data").path("insuredCost").asText()).isEqualTo("10000.00");
		assertThat(start.path("userName").asText()).isEqualTo("陈长林");
		assertThat(step(t, "乡镇民政办核实").path("decisionLabel").asText()).isEqualTo("核实通过");
	}

	/** Deploys the chronic-certificate model given with the forms it names, as Modeler does. */
	private void deployChronic(String name, String bpmn) throws java.io.IOException {
		var deployment = repositoryService.createDeployment().name(name).addString("chronic-certificate.bpmn", bpmn);
		for (String form : List.of("chronicCertificateStartForm", "chronicCollectMaterialsForm", "chronicTownshipReviewForm",
				"chronicCountyApprovalForm", "chronicExplainPolicyForm")) {
			deployment.addString(form + ".form", Files.readString(Path.of("forms/" + form + ".form")));
		}
		deployment.deploy();
	}

	@Test
	void aCaseOnAnOlderProcessVersion_keepsItsOwnStepsAndDiagram() throws Exception {
		String key = chronicCase(TestIds.newIdNumber());
		String original = Files.readString(Path.of("processes/chronic-certificate.bpmn"), StandardCharsets.UTF_8);
		deployChronic("chronic-certificate renamed", original.replace("name=\"乡镇卫生院审核\"", "name=\"乡镇卫生院初审\""));
		try {
			JsonNode t = trail("auditor", key);
			assertThat(t.path("steps").findValuesAsText("name")).contains("乡镇卫生院审核").doesNotContain("乡镇卫生院初审");
			JsonNode diagram = http("auditor").get("/api/cases/" + key + "/diagram").json();
			assertThat(diagram.path("processDefinitionId").asText()).isEqualTo(t.path("processDefinitionId").asText());
			assertThat(diagram.path("xml").asText()).contains("name=\"乡镇卫生院审核\"");
			assertThat(diagram.path("passed").findValuesAsText("")).isEmpty();
			assertThat(diagram.path("passed").toString()).contains("Task_TownshipReview", "EndEvent_CertificateIssued");
			assertThat(diagram.path("flows").toString()).contains("SequenceFlow_TownshipPass").doesNotContain("SequenceFlow_TownshipReturn");
		}
		finally {
			deployChronic("chronic-certificate restored", original);
		}
	}

	@Test
	void theTrailAsExcel() throws Exception {
		String key = chronicCase(TestIds.newIdNumber());
		Http http = http("auditor");
		var response = java.net.http.HttpClient.newHttpClient()
			.send(http.request("/api/cases/" + key + "/trail.xlsx").GET().build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
			var sheet = wb.getSheet("办理过程");
			assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo(key);
			StringBuilder all = new StringBuilder();
			sheet.forEach(row -> row.forEach(cell -> all.append(cell.toString()).append('|')));
			assertThat(all).contains("乡镇卫生院审核", "周明", "东湖镇卫生院", "通过，报县医保局审批", "材料齐全，同意上报", "慢性病证号",
					"MB-C01-");
			assertThat(all).as("people and units by name, never their ids").doesNotContain("health-t01", "township-health-T01");
			assertThat(wb.getSheet("附件").getRow(1).getCell(0).getStringCellValue()).isEqualTo("诊断证明书.pdf");
		}
	}

	@Test
	void theSearchAsExcel_namesTheTownshipAndVillage() throws Exception {
		String id = TestIds.newIdNumber();
		String key = chronicCase(id);
		Http http = http("auditor");
		var response = java.net.http.HttpClient.newHttpClient()
			.send(http.request("/api/cases.xlsx?process=chronic-certificate&idNumber=" + id).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
			var sheet = wb.getSheet("案件查询结果");
			assertThat(sheet.getRow(0).getCell(5).getStringCellValue()).isEqualTo("乡镇");
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo(key);
			assertThat(sheet.getRow(1).getCell(5).getStringCellValue()).isEqualTo("东湖镇（T01）");
			assertThat(sheet.getRow(1).getCell(6).getStringCellValue()).isEqualTo("桃园村（T01V01）");
			assertThat(sheet.getRow(1).getCell(7).getStringCellValue()).isEmpty();
			assertThat(sheet.getLastRowNum()).isEqualTo(1);
		}
	}

	@Test
	void auditorsReadButChangeNothing() {
		String id = TestIds.newIdNumber();
		Map<String, Object> app = Map.of("applicantName", "X", "idNumber", id, "villageCode", "T01V01", "householdCategory", "dibao",
				"diseaseCode", "HTN", "phone", "13600001111");
		assertThat(http("auditor").postJson("/api/chronic-certificate-applications", app).status()).isEqualTo(403);
		assertThat(http("auditor").postJson("/api/referrals/audits", Map.of("businessKeys", List.of("RF-1"), "outcome", "compliant",
				"opinion", "x")).status()).isEqualTo(403);
		assertThat(http("auditor").post("/api/treatment-records", "text/csv", "idNumber,diseaseCode,hospitalName,visitDate\n").status())
			.isEqualTo(403);
		assertThat(http("auditor").postJson("/engine-rest/process-definition/key/chronic-certificate/start",
				Map.of("variables", Map.of())).status()).isEqualTo(403);
		String pi = http("doctor-t01v01").postJson("/api/chronic-certificate-applications",
				Map.of("applicantName", "李四", "idNumber", TestIds.newIdNumber(), "villageCode", "T01V01", "householdCategory", "dibao",
						"diseaseCode", "HTN", "phone", "13600001111")).json().path("processInstanceId").asText();
		assertThat(http("auditor").delete("/engine-rest/process-instance/" + pi).status()).isEqualTo(403);
		assertThat(http("auditor").postJson("/engine-rest/process-instance/" + pi + "/variables",
				Map.of("modifications", Map.of("x", Map.of("value", 1)))).status()).isEqualTo(403);
		String taskId = task(pi, ChronicActivities.COLLECT_MATERIALS).getId();
		assertThat(http("auditor").postJson("/engine-rest/task/" + taskId + "/claim", Map.of("userId", "auditor")).status()).isIn(403, 404);
		assertThat(task(pi, ChronicActivities.COLLECT_MATERIALS).getAssignee()).isNull();
		assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi).count()).isOne();
		assertThat(anonymous().login("tasklist", "auditor", PASSWORD).status()).isIn(401, 403);
		assertThat(count("SELECT COUNT(*) FROM ha_case WHERE id_index = ?", idIndex(id))).isZero();
		assertThat(http("auditor").get("/engine-rest/history/process-instance?processInstanceId=" + pi).json()).hasSize(1);
	}

	static String csv(String... lines) {
		return String.join("\n", lines) + "\n";
	}

	@SuppressWarnings("unused")
	private void records(String id) {
		treatmentRecords.importCsv(csv("idNumber,diseaseCode,hospitalName,visitDate", id + ",HTN,县人民医院," + LocalDate.now()));
	}

}
