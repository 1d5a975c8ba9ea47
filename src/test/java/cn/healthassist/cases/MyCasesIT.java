package cn.healthassist.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.chronic.TreatmentRecordImporter;
import cn.healthassist.support.Applications;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/**
 * Following a case (docs/product.md 4.1): the starter's 我的申请 and a reviewer's 已办, with the open step, who holds
 * it by name and unit, and the outcome; 催办 by the starter of an overdue step, in the trail and on the task.
 */
class MyCasesIT extends IntegrationTest {

	@Autowired
	TreatmentRecordImporter treatmentRecords;

	@AfterEach
	void clockBack() {
		ClockUtil.reset();
	}

	/** A zero-material application of doctor-t01v01: it waits at the township's review. */
	private JsonNode start() {
		String id = TestIds.newIdNumber();
		treatmentRecords.importCsv("idNumber,diseaseCode,hospitalName,visitDate\n" + id + ",HTN,县人民医院,"
				+ LocalDate.now().minusMonths(2) + "\n");
		Http.Response r = http("doctor-t01v01").postJson("/api/chronic-certificate-applications",
				Applications.chronic(id, "T01V01"));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json();
	}

	private static JsonNode item(JsonNode page, String businessKey) {
		for (JsonNode i : page.path("items")) {
			if (businessKey.equals(i.path("businessKey").asText())) {
				return i;
			}
		}
		return null;
	}

	@Test
	void theStarterFollowsTheCase_stepByStep_toItsCertificate() {
		JsonNode started = start();
		String key = started.path("businessKey").asText();
		String pi = started.path("processInstanceId").asText();

		JsonNode mine = item(http("doctor-t01v01").get("/api/my/cases?role=started&size=100").json(), key);
		assertThat(mine).as("in 我的申请").isNotNull();
		assertThat(mine.path("processKey").asText()).isEqualTo("chronic-certificate");
		assertThat(mine.path("statusText").asText()).isNotBlank();
		JsonNode step = mine.path("currentStep");
		assertThat(step.path("name").asText()).isEqualTo("乡镇卫生院审核");
		assertThat(step.path("stepKey").asText()).isEqualTo("Task_TownshipReview");
		assertThat(step.path("unitName").asText()).as("the unit by name, not its group id").isEqualTo("东湖镇卫生院");
		assertThat(step.path("assigneeName").isNull()).isTrue();
		assertThat(step.path("since").asText()).isNotBlank();
		assertThat(step.path("due").asText()).isNotBlank();
		assertThat(mine.path("outcome").isNull()).isTrue();
		assertThat(item(http("health-t01").get("/api/my/cases?role=started&size=100").json(), key))
			.as("not another's 我的申请").isNull();

		complete("health-t01", pi, "Task_TownshipReview", Map.of("townshipDecision", "pass", "townshipOpinion", "属实"));
		assertThat(item(http("health-t01").get("/api/my/cases?role=handled&size=100").json(), key)).as("in 已办")
			.isNotNull();
		JsonNode next = item(http("doctor-t01v01").get("/api/my/cases?role=started&size=100").json(), key);
		assertThat(next.path("currentStep").path("name").asText()).isEqualTo("县医保局审批");

		complete("insurance", pi, "Task_CountyApproval", Map.of("countyDecision", "approve", "countyOpinion", "同意发证"));
		runDueJobs(pi);
		JsonNode done = item(http("doctor-t01v01").get("/api/my/cases?role=started&size=100").json(), key);
		assertThat(done.path("currentStep").isNull()).as("ended").isTrue();
		assertThat(done.path("outcome").path("certificateNo").asText()).startsWith("MB-");
	}

	/** A case waiting for its public notice to end is running, not 已办结: it says what it waits for and until when. */
	@Test
	void aCharityCaseOnPublicNotice_showsTheNoticeAndItsLastDay_andIsNoOnesToRemind() {
		ProcessInstanceRef pi = charityAtNotice();
		Http.Response page = http("committee-t01v01").get("/api/my/cases?role=started&size=100");
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		JsonNode mine = item(page.json(), pi.businessKey());
		assertThat(mine).as(page.body()).isNotNull();
		assertThat(mine.path("endTime").isNull()).isTrue();
		JsonNode step = mine.path("currentStep");
		String until = new java.text.SimpleDateFormat("yyyy-MM-dd HH:mm")
			.format((Date) runtimeService.getVariable(pi.id(), "noticeUntil"));
		assertThat(step.path("name").asText()).isEqualTo("等待公示期满（至 " + until + "）");
		assertThat(step.path("taskId").isNull()).isTrue();
		assertThat(step.path("stepKey").asText()).as("the event it waits for").isEqualTo("Event_NoticePeriodOver");
		assertThat(step.path("due").isNull()).as("nobody's deadline").isTrue();

		ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 30L * 86_400_000));
		Http.Response remind = http("committee-t01v01").postJson("/api/cases/" + pi.businessKey() + "/reminders", Map.of());
		assertThat(remind.status()).as(remind.body()).isEqualTo(409);
		assertThat(remind.json().path("detail").asText()).contains("没有等待办理的环节");
	}

	private record ProcessInstanceRef(String id, String businessKey) {
	}

	private ProcessInstanceRef charityAtNotice() {
		var pi = startCase("committee-t01v01", "/api/charity-relief-applications",
				cn.healthassist.support.Applications.charity(cn.healthassist.support.TestIds.newIdNumber()));
		complete("civil-t01", pi.getId(), "Task_CivilVerification", Map.of("verificationDecision", "pass",
				"verificationOpinion", "核实无误", "householdCategory", "registered-poor"));
		return new ProcessInstanceRef(pi.getId(), pi.getBusinessKey());
	}

	@Test
	void badPagingOrRole_isAClearRefusal() {
		assertThat(http("doctor-t01v01").get("/api/my/cases?role=everyone").status()).isEqualTo(400);
		assertThat(http("doctor-t01v01").get("/api/my/cases?size=1000").status()).isEqualTo(400);
		assertThat(anonymous().get("/api/my/cases").status()).isEqualTo(401);
	}

	@Test
	void theStarterRemindsTheHolderOfAnOverdueStep_onlyThen_andOnlyThey() {
		JsonNode started = start();
		String key = started.path("businessKey").asText();
		String path = "/api/cases/" + key + "/reminders";
		Http doctor = http("doctor-t01v01");
		Http.Response early = doctor.postJson(path, Map.of());
		assertThat(early.status()).isEqualTo(409);
		assertThat(early.json().path("detail").asText()).contains("尚未逾期");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ha_reminder WHERE business_key = ?", Integer.class, key))
			.isZero();

		ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 30L * 86_400_000));
		assertThat(http("health-t01").postJson(path, Map.of()).status()).as("not the starter").isEqualTo(404);
		assertThat(http("doctor-t01v02").postJson(path, Map.of()).status()).isEqualTo(404);
		Http.Response sent = doctor.postJson(path, Map.of());
		assertThat(sent.status()).as(sent.body()).isEqualTo(201);
		assertThat(sent.json().path("taskName").asText()).isEqualTo("乡镇卫生院审核");
		assertThat(sent.json().path("holder").asText()).isEqualTo("东湖镇卫生院");

		assertThat(jdbc.queryForObject(
				"SELECT COUNT(*) FROM ha_reminder WHERE business_key = ? AND requested_by = 'doctor-t01v01'", Integer.class,
				key)).isEqualTo(1);
		String taskId = task(started.path("processInstanceId").asText(), "Task_TownshipReview").getId();
		assertThat(taskService.getTaskComments(taskId)).anySatisfy(c -> assertThat(c.getFullMessage()).contains("催办"));
		JsonNode trail = http("auditor").get("/api/cases/" + key + "/trail").json();
		assertThat(trail.path("reminders").toString()).contains("doctor-t01v01");
	}

}
