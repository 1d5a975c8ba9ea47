package cn.healthassist.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.task.Attachment;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.audit.AuditLog;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.support.Applications;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/**
 * The attacks of the issue "Business truth no request can forge", each through Camunda's doors with an ordinary
 * account: refused with a clear answer, and nothing changed (no case, no variable, no certificate, grant or file).
 */
class EngineDoorsIT extends IntegrationTest {

	private static final String DOCTOR = "doctor-t01v01";

	/** The cases a test made: removed afterwards, so that other tests' counts of open tasks are not changed. */
	private final List<String> made = new java.util.ArrayList<>();

	@org.junit.jupiter.api.AfterEach
	void removeTheCasesMade() {
		identityService.clearAuthentication();
		for (String pi : made) {
			if (runtimeService.createProcessInstanceQuery().processInstanceId(pi).count() > 0) {
				runtimeService.deleteProcessInstance(pi, "test over");
			}
		}
	}

	private static Map<String, Object> typed(Map<String, Object> plain) {
		Map<String, Object> variables = new LinkedHashMap<>();
		plain.forEach((k, v) -> variables.put(k, Map.of("value", v)));
		return variables;
	}

	private static Map<String, Object> application(String process, String idNumber) {
		return switch (process) {
			case "chronic-certificate" -> Applications.chronic(idNumber, "T01V01");
			case "county-referral" -> Applications.referral(idNumber, "normal");
			default -> Applications.charity(idNumber);
		};
	}

	private long instances(String processKey) {
		return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(processKey).count();
	}

	private int registryRows() {
		return count("SELECT COUNT(*) FROM ha_certificate") + count("SELECT COUNT(*) FROM ha_referral")
				+ count("SELECT COUNT(*) FROM ha_grant");
	}

	/** A chronic-certificate case waiting at the township review (the doctor's application, zero-material or not). */
	@Autowired
	AuditLog auditLog;

	private String chronicCase() {
		Http.Response r = http(DOCTOR).postJson("/api/chronic-certificate-applications",
				Applications.chronic(TestIds.newIdNumber(), "T01V01"));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		made.add(r.json().path("processInstanceId").asText());
		return r.json().path("processInstanceId").asText();
	}

	private static void refusedNaming(Http.Response r, int status, String... fields) {
		assertThat(r.status()).as(r.body()).isEqualTo(status);
		for (String field : fields) {
			assertThat(r.body()).contains(field);
		}
		assertThat(r.body()).doesNotContain("Exception:", "at org.", "at cn.", "java.lang");
	}

	@ParameterizedTest(name = "{1} started at {2} by {0}")
	@CsvSource({ "doctor-t01v01,chronic-certificate,Task_IssueCertificate",
			"hdoctor-h01,county-referral,Task_IssueReferral", "committee-t01v01,charity-relief,Task_RecordGrant" })
	void aStartMidWay_skippingChecks_withABusinessKey_isRefused(String user, String process, String activity) {
		long before = instances(process);
		int rows = registryRows();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("variables", typed(application(process, TestIds.newIdNumber())));
		body.put("startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", activity)));
		body.put("skipCustomListeners", true);
		body.put("skipIoMappings", true);
		body.put("businessKey", "CC-2026-999999");

		Http.Response r = http(user).postJson("/engine-rest/process-definition/key/" + process + "/start", body);

		refusedNaming(r, 400, "startInstructions", "skipCustomListeners", "businessKey");
		assertThat(instances(process)).isEqualTo(before);
		assertThat(registryRows()).isEqualTo(rows);
	}

	@ParameterizedTest(name = "{1} by {0} with {2}")
	@CsvSource({ "doctor-t01v01,chronic-certificate,zeroMaterial,true",
			"doctor-t01v01,chronic-certificate,townshipCode,T02",
			"hdoctor-h01,county-referral,headDecision,approve",
			"committee-t01v01,charity-relief,approvedAmount,50000.00",
			"committee-t01v01,charity-relief,remainingSelfPaid,100000.00" })
	void aStartWithAFieldItsFormDoesNotHave_isRefusedNamingIt(String user, String process, String field, String value) {
		long before = instances(process);
		Map<String, Object> variables = new LinkedHashMap<>(application(process, TestIds.newIdNumber()));
		variables.put(field, value);

		Http.Response r = http(user).postJson("/engine-rest/process-definition/key/" + process + "/start",
				Map.of("variables", typed(variables)));

		refusedNaming(r, 400, field);
		assertThat(instances(process)).isEqualTo(before);
	}

	@Test
	void aStartWithTheFormsFieldsOnly_goesThrough_withTheSystemsBusinessKey() {
		Http.Response r = http(DOCTOR).postJson("/engine-rest/process-definition/key/chronic-certificate/submit-form",
				Map.of("variables", typed(Applications.chronic(TestIds.newIdNumber(), "T01V01"))));

		assertThat(r.status()).as(r.body()).isEqualTo(200);
		made.add(r.json().path("id").asText());
		assertThat(r.json().path("businessKey").asText()).matches("CC-\\d{4}-\\d{6}");
	}

	@Test
	void aTownshipReviewThatOverwritesTheApplicant_isRefused_andTheCaseKeepsItsApplicant() {
		String pi = chronicCase();
		Task review = task(pi, "Task_TownshipReview") != null ? task(pi, "Task_TownshipReview")
				: task(pi, "Task_CollectMaterials");
		String user = review.getTaskDefinitionKey().equals("Task_TownshipReview") ? "health-t01" : DOCTOR;
		Object idNumber = fact(pi, "idNumber");
		Http http = http(user);
		assertThat(http.post("/engine-rest/task/" + review.getId() + "/claim", "application/json",
				"{\"userId\":\"" + user + "\"}").status()).isEqualTo(204);

		Http.Response r = http.postJson("/engine-rest/task/" + review.getId() + "/submit-form",
				Map.of("variables", typed(Map.of("townshipDecision", "pass", "townshipOpinion", "材料齐全",
						"idNumber", "110101199003074514", "applicantName", "李四", "diseaseCode", "DM"))));

		refusedNaming(r, 400, "idNumber", "applicantName", "diseaseCode");
		assertThat(fact(pi, "idNumber")).isEqualTo(idNumber).isNotNull();
		assertThat(runtimeService.getVariable(pi, "applicantName")).isNotEqualTo("李四");
		assertThat(taskService.createTaskQuery().taskId(review.getId()).count()).isEqualTo(1);
	}

	/** A form's text field takes text: a value of another type is refused naming the field, and nothing is recorded. */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = { "Bytes|PGE+", "Date|2026-12-01T10:00:00.000+0800",
			"File|aGVsbG8=" })
	void aFieldSentAsAnotherTypeOfValue_isRefusedNamingIt(String type, String value) {
		String pi = chronicCase();
		Task review = task(pi, "Task_TownshipReview") != null ? task(pi, "Task_TownshipReview")
				: task(pi, "Task_CollectMaterials");
		String user = review.getTaskDefinitionKey().equals("Task_TownshipReview") ? "health-t01" : DOCTOR;
		String opinion = review.getTaskDefinitionKey().equals("Task_TownshipReview") ? "townshipOpinion" : "materialsNote";
		Http http = http(user);
		assertThat(http.post("/engine-rest/task/" + review.getId() + "/claim", "application/json",
				"{\"userId\":\"" + user + "\"}").status()).isEqualTo(204);
		String businessKey = runtimeService.createProcessInstanceQuery().processInstanceId(pi).singleResult()
			.getBusinessKey();
		int entries = auditLog.entries(businessKey).size();

		Map<String, Object> typedValue = new LinkedHashMap<>(Map.of("value", value, "type", type));
		if (type.equals("File")) {
			typedValue.put("valueInfo", Map.of("filename", "a.txt"));
		}
		Http.Response r = http.postJson("/engine-rest/task/" + review.getId() + "/complete",
				Map.of("variables", Map.of("townshipDecision", Map.of("value", "pass"), opinion, typedValue)));

		refusedNaming(r, 400, opinion);
		assertThat(taskService.createTaskQuery().taskId(review.getId()).count()).isEqualTo(1);
		assertThat(auditLog.entries(businessKey)).hasSize(entries);
	}

	/**
	 * A checklist as Tasklist sends it (a JSON array of the choices) passes the doors to the step's own rules; JSON that
	 * is no list of choices, and a serialized object, are refused naming the field, without the object being read.
	 */
	@Test
	void aChecklistAsTasklistSendsIt_passes_otherJsonAndObjectsAreRefused() {
		String pi = chronicCase();
		Task collect = task(pi, "Task_CollectMaterials");
		assertThat(collect).as("no treatment records: materials first").isNotNull();
		Http doctor = http(DOCTOR);
		assertThat(doctor.post("/engine-rest/task/" + collect.getId() + "/claim", "application/json",
				"{\"userId\":\"" + DOCTOR + "\"}").status()).isEqualTo(204);
		String complete = "/engine-rest/task/" + collect.getId() + "/complete";
		Map<String, Object> note = Map.of("value", "2026年5月县人民医院门诊病历");

		Http.Response object = doctor.postJson(complete, Map.of("variables", Map.of("materialsNote", note,
				"materialsChecklist", Map.of("type", "Json", "value", "{\"diagnosis\": {\"x\": 1}}"))));
		refusedNaming(object, 400, "materialsChecklist");
		Http.Response serialized = doctor.postJson(complete, Map.of("variables", Map.of("materialsNote", note,
				"materialsChecklist", Map.of("type", "Object", "value", "[\"diagnosis\"]", "valueInfo",
						Map.of("objectTypeName", "java.util.ArrayList", "serializationDataFormat", "application/json")))));
		refusedNaming(serialized, 400, "materialsChecklist");
		assertThat(serialized.body()).doesNotContain("java.");
		assertThat(taskService.createTaskQuery().taskId(collect.getId()).count()).isEqualTo(1);

		Http.Response asTasklist = doctor.postJson(complete, Map.of("variables", Map.of("materialsNote", note,
				"materialsChecklist", Map.of("type", "Json", "value", "[\"diagnosis\",\"records\"]"))));
		// past the doors: the step's own rule answers (the materials' scans are to be uploaded first), not the type check
		assertThat(asTasklist.status()).as(asTasklist.body()).isEqualTo(400);
		assertThat(asTasklist.json().path("errors").findValuesAsText("field")).containsExactly("attachments");
	}

	@Test
	void variableWrites_taskUpdates_identityLinks_andComments_areRefused_andChangeNothing() {
		String pi = chronicCase();
		Task task = taskService.createTaskQuery().processInstanceId(pi).singleResult();
		String group = taskService.getIdentityLinksForTask(task.getId())
			.stream()
			.filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
			.findFirst()
			.orElseThrow()
			.getGroupId();
		String member = group.startsWith("township-health-") ? "health-t01" : DOCTOR;
		Http http = http(member);
		String t = "/engine-rest/task/" + task.getId();

		refusedNaming(http.postJson(t + "/variables", Map.of("modifications", typed(Map.of("townshipCode", "T02")))), 403);
		refusedNaming(http.putJson("/engine-rest/process-instance/" + pi + "/variables/villageCode",
				Map.of("value", "T02V01")), 403);
		refusedNaming(http.putJson(t, Map.of("name", task.getName(), "assignee", "health-t02", "owner", "health-t02",
				"due", "2099-01-01T00:00:00.000+0000")), 403);
		refusedNaming(http.postJson(t + "/identity-links/delete", Map.of("groupId", group, "type", "candidate")), 403);
		refusedNaming(http.postJson(t + "/delegate", Map.of("userId", "health-t02")), 403);
		refusedNaming(http.postJson(t + "/comment/create", Map.of("message", "x")), 403);
		refusedNaming(http.postJson("/engine-rest/process-instance/" + pi + "/modification",
				Map.of("instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_IssueCertificate")))), 403);
		refusedNaming(http.delete("/engine-rest/process-instance/" + pi), 403);

		Task after = taskService.createTaskQuery().taskId(task.getId()).singleResult();
		assertThat(after.getAssignee()).isNull();
		assertThat(after.getOwner()).isNull();
		assertThat(after.getDueDate()).isEqualTo(task.getDueDate());
		assertThat(runtimeService.getVariable(pi, "townshipCode")).isEqualTo("T01");
		assertThat(runtimeService.getVariable(pi, "villageCode")).isEqualTo("T01V01");
		assertThat(taskService.getIdentityLinksForTask(task.getId())).anyMatch(l -> group.equals(l.getGroupId()));
		assertThat(taskService.getTaskComments(task.getId())).isEmpty();
		assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi).count()).isEqualTo(1);
	}

	@Test
	void attachmentsAreNotReachableThroughTheEngineRestApi() {
		String pi = chronicCase();
		Task task = taskService.createTaskQuery().processInstanceId(pi).singleResult();
		Attachment file = taskService.createAttachment("application/pdf", task.getId(), pi, "诊断证明书.pdf", "诊断",
				new ByteArrayInputStream("%PDF-1.4 test".getBytes(StandardCharsets.UTF_8)));
		String a = "/engine-rest/task/" + task.getId() + "/attachment";

		for (String user : List.of(DOCTOR, "doctor-t02v01", "health-t02", "auditor")) {
			Http http = http(user);
			refusedNaming(http.get(a), 403);
			refusedNaming(http.get(a + "/" + file.getId()), 403);
			refusedNaming(http.get(a + "/" + file.getId() + "/data"), 403);
			refusedNaming(http.delete(a + "/" + file.getId()), 403);
		}
		assertThat(taskService.getAttachment(file.getId())).isNotNull();
	}

	@Test
	void theEnginesOwnApi_refusesWhatThePersonMayNotChange_whateverTheDoor() {
		String pi = chronicCase();
		Task task = taskService.createTaskQuery().processInstanceId(pi).singleResult();
		String user = task.getTaskDefinitionKey().equals("Task_TownshipReview") ? "health-t01" : DOCTOR;

		assertThatThrownBy(() -> as(user, () -> taskService.setVariable(task.getId(), "townshipCode", "T02")))
			.isInstanceOf(CaseRejectedException.class)
			.extracting(e -> ((CaseRejectedException) e).getStatus().value())
			.isEqualTo(403);
		assertThatThrownBy(() -> as(user, () -> runtimeService.createProcessInstanceModification(pi)
			.startBeforeActivity("Task_IssueCertificate")
			.execute())).isInstanceOf(CaseRejectedException.class);
		assertThatThrownBy(() -> as(user, () -> taskService.getTaskAttachments(task.getId())))
			.isInstanceOf(CaseRejectedException.class);
		assertThat(runtimeService.getVariable(pi, "townshipCode")).isEqualTo("T01");
		assertThat(historyService.createHistoricActivityInstanceQuery()
			.processInstanceId(pi)
			.activityId("Task_IssueCertificate")
			.count()).isZero();
	}

	@Test
	void accountsAreNotRenamedDeletedOrProbed_byTheirOwners() {
		Http doctor = http(DOCTOR);
		String name = identityService.createUserQuery().userId(DOCTOR).singleResult().getLastName();

		refusedNaming(doctor.putJson("/engine-rest/user/" + DOCTOR + "/profile",
				Map.of("id", DOCTOR, "firstName", "假", "lastName", "名字")), 403);
		refusedNaming(doctor.delete("/engine-rest/user/" + DOCTOR), 403);
		refusedNaming(doctor.postJson("/engine-rest/identity/verify", Map.of("username", "admin", "password", "demo")), 403);

		assertThat(identityService.createUserQuery().userId(DOCTOR).singleResult().getLastName()).isEqualTo(name);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "auditor", "owner", DOCTOR })
	void jobsSignalsMessagesAndTelemetry_areNobodysToChange(String user) {
		Http http = http(user);
		List<org.camunda.bpm.engine.runtime.Job> cleanup = managementService.createJobQuery().list();
		String job = cleanup.isEmpty() ? "unknown" : cleanup.get(0).getId();

		refusedNaming(http.post("/engine-rest/job/" + job + "/execute", "application/json", ""), 403);
		refusedNaming(http.putJson("/engine-rest/job/" + job + "/suspended", Map.of("suspended", true)), 403);
		refusedNaming(http.delete("/engine-rest/job/" + job), 403);
		refusedNaming(http.postJson("/engine-rest/signal", Map.of("name", "x")), 403);
		refusedNaming(http.postJson("/engine-rest/message", Map.of("messageName", "charity-objection")), 403);
		refusedNaming(http.postJson("/engine-rest/telemetry/configuration", Map.of("enableTelemetry", true)), 403);
		refusedNaming(http.post("/engine-rest/history-cleanup", "application/json", ""), 403);
		refusedNaming(http.postJson("/engine-rest/task/create", Map.of("name", "新建任务")), 403);
		if (!cleanup.isEmpty()) {
			assertThat(managementService.createJobQuery().jobId(job).singleResult().isSuspended()).isFalse();
		}
	}

	@Test
	void processOwnersSeeModels_neverCaseData() {
		chronicCase();
		Http owner = http("owner");

		assertThat(owner.get("/engine-rest/process-definition?key=chronic-certificate").status()).isEqualTo(200);
		for (String path : List.of("/engine-rest/history/variable-instance", "/engine-rest/variable-instance",
				"/engine-rest/process-instance", "/engine-rest/task", "/engine-rest/history/process-instance",
				"/engine-rest/history/task")) {
			refusedNaming(owner.get(path), 403);
		}
	}

	/** The county-wide history reports and the cleanup's schedule are the auditors', not a village's. */
	@Test
	void historyReports_andTheCleanupSchedule_areForAuditors() {
		chronicCase();
		for (String path : List.of("/engine-rest/history/task/report?reportType=count&groupBy=taskName",
				"/engine-rest/history/process-instance/report?reportType=duration&periodUnit=month",
				"/engine-rest/history/cleanup/jobs", "/engine-rest/history/cleanup/configuration")) {
			Http.Response refused = http(DOCTOR).get(path);
			refusedNaming(refused, 403);
			assertThat(refused.json().path("message").asText()).as(path).contains("不在您的角色可用的接口之内");
			Http.Response read = http("auditor").get(path);
			assertThat(read.status()).as(path + ": " + read.body()).isEqualTo(200);
		}
		JsonNode byName = http("auditor").get("/engine-rest/history/task/report?reportType=count&groupBy=taskName").json();
		assertThat(byName.isArray()).as(byName.toString()).isTrue();
	}

	/**
	 * A Tasklist session's write without its CSRF token: Camunda refuses it (and ends the session, its own precaution);
	 * the answer says why, as a problem, not Spring Boot's bare status. A 403 Camunda types by another exception than
	 * AuthorizationException gets a plain type.
	 */
	@Test
	void aSessionsWriteWithoutItsXsrfToken_isAClearProblem() {
		Http session = new Http(port);
		assertThat(session.login("tasklist", DOCTOR, PASSWORD).status()).isEqualTo(200);
		Http.Response r = session.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://localhost:" + port + "/camunda/api/engine/engine/default/task/count"))
			.header("Accept", "application/json")
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
		assertThat(r.status()).as(r.body()).isEqualTo(403);
		assertThat(r.contentType()).startsWith("application/problem+json");
		assertThat(r.json().path("detail").asText()).isEqualTo("页面的安全令牌（XSRF）缺失或已过期，请刷新页面后重新登录");
		assertThat(r.body()).doesNotContain("timestamp", "CSRFPreventionFilter");

		// a login Camunda refuses: the portal's login page shows the reason it is given
		Http stranger = new Http(port);
		stranger.get("/camunda/app/welcome/default/");
		Http.Response wrong = stranger.post("/camunda/api/admin/auth/user/default/login/welcome",
				"application/x-www-form-urlencoded", "username=no-such-user&password=wrong");
		assertThat(wrong.status()).as(wrong.body()).isEqualTo(401);
		assertThat(wrong.json().path("detail").asText()).isEqualTo("用户名或密码错误");

		String other = taskService.createTaskQuery().processInstanceId(chronicCase()).singleResult().getId();
		Http.Response form = http("doctor-t02v01").get("/engine-rest/task/" + other + "/deployed-form");
		assertThat(form.status()).as(form.body()).isIn(403, 404);
		assertThat(form.json().path("type").asText()).as(form.body()).doesNotEndWith("Exception");
	}

	@Test
	void staffHaveNoCockpitApis_throughEitherDoor() {
		refusedNaming(http(DOCTOR).get("/engine-rest/process-definition/statistics"), 403);
		refusedNaming(http(DOCTOR).get("/engine-rest/job"), 403);
		Http session = new Http(port);
		assertThat(session.login("tasklist", DOCTOR, PASSWORD).status()).isEqualTo(200);
		refusedNaming(session.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics-count"), 403);
		refusedNaming(session.get("/camunda/api/engine/engine/default/process-definition/statistics"), 403);
		assertThat(session.get("/camunda/api/engine/engine/default/task/count").status()).isEqualTo(200);
	}

	/** Cockpit's own plugin API, for the roles that have Cockpit: bad input is a 4xx in plain words, as elsewhere. */
	@ParameterizedTest(name = "{0} {1} <- {2}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = {
			"GET|/camunda/api/cockpit/plugin/base/default/process-instance?startedAfter=garbage|",
			"GET|/camunda/api/cockpit/plugin/base/default/process-instance?firstResult=-5|",
			"GET|/camunda/api/cockpit/plugin/base/default/incident?maxResults=-5|",
			"POST|/camunda/api/cockpit/plugin/base/default/process-instance|null",
			"POST|/camunda/api/cockpit/plugin/base/default/process-instance/count|`{\"startedAfter\":\"garbage\"}`",
			"POST|/camunda/api/cockpit/plugin/base/default/incident|`{\"activityIdIn\":\"x\"}`",
			"POST|/camunda/api/cockpit/plugin/base/default/process-instance|`{\"firstResult\":-1}`",
			"POST|/camunda/api/cockpit/plugin/base/default/process-instance|`{\"maxResults\":\"many\"}`",
			"POST|/camunda/api/cockpit/plugin/base/default/process-instance|`{\"variables\":[{\"name\":\"a\",\"operator\":\"like\",\"value\":5}]}`",
			"POST|/camunda/api/cockpit/plugin/base/default/process-instance/count|`{\"variables\":[{\"name\":\"a\",\"operator\":\"like\",\"value\":true}]}`",
			"POST|/camunda/api/cockpit/plugin/base/default/process-instance|`{\"variables\":[{\"name\":\"a\",\"operator\":\"notLike\",\"value\":5}]}`" })
	void cockpitsApi_answersBadInputClearly_neverA500(String method, String path, String body) {
		Http auditor = new Http(port);
		assertThat(auditor.login("cockpit", "auditor", PASSWORD).status()).isEqualTo(200);
		Http.Response r = "GET".equals(method) ? auditor.get(path)
				: auditor.post(path, "application/json", body == null ? "" : body);

		assertThat(r.status()).as(r.body()).isBetween(400, 499);
		assertThat(r.body()).doesNotContain("java.", "org.camunda", "com.fasterxml", "NullPointer", "Exception\"");
		// and the same API still answers a well-formed query
		assertThat(auditor.get("/camunda/api/cockpit/plugin/base/default/process-instance?firstResult=0&maxResults=5")
			.status()).isEqualTo(200);
	}

	@Test
	void pathsInAnUnusualFormAreRefused_notGuessedAt() {
		Http doctor = http(DOCTOR);
		// refused before any door looks at them (web/PlainPaths), as a malformed address: 400
		refusedNaming(doctor.get("/engine-rest/task/x/%2e%2e/attachment"), 400);
		refusedNaming(doctor.get("/engine-rest/task;x=1/count"), 400);
	}

	@Test
	void aRefusedRouteAnswersProblemJson() {
		Http.Response r = http(DOCTOR).postJson("/engine-rest/signal", Map.of("name", "x"));
		assertThat(r.contentType()).startsWith("application/problem+json");
		JsonNode json = r.json();
		assertThat(json.path("status").asInt()).isEqualTo(403);
		assertThat(json.path("detail").asText()).contains("/signal");
		assertThat(json.path("title").asText()).isEqualTo("无权操作");
	}

	@Test
	void anonymousRequestsToTheWebAppsEngineApi_needALogin() {
		Http.Response r = anonymous().get("/camunda/api/engine/engine/default/task");
		assertThat(r.status()).isEqualTo(401);
	}

	@ParameterizedTest(name = "{0} {1} <- {2}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = { "POST|/engine-rest/task|null", "POST|/engine-rest/task/count|[]",
			"POST|/engine-rest/task/{task}/claim|null", "POST|/engine-rest/task/{task}/submit-form|`{\"variables\": []}`",
			"POST|/engine-rest/task/{task}/complete|not json", "POST|/engine-rest/task/nosuch/submit-form|`{}`",
			"POST|/engine-rest/process-definition/nosuch/submit-form|`{}`",
			"POST|/engine-rest/process-definition/key/chronic-certificate/start|null", "GET|/engine-rest/task/nosuch/deployed-form|",
			"GET|/engine-rest/process-instance/nosuch/variables|", "GET|/engine-rest/task?maxResults=abc|",
			"GET|/engine-rest/task?dueBefore=x|", "GET|/engine-rest/task?firstResult=-5|",
			"GET|/engine-rest/task?dueBefore=999999999-01-01T00:00:00.000%2B0800|",
			"GET|/engine-rest/history/task?finishedAfter=2026-02-30T00:00:00.000%2B0800|",
			"POST|/engine-rest/task|`{\"orQueries\":[{\"dueBefore\":\"2026-13-01T00:00:00.000+0800\"}]}`",
			"POST|/engine-rest/task?maxResults=-2|`{}`", "GET|/engine-rest/history/task?firstResult=9999999999|",
			"GET|/camunda/api/engine/engine/default/task?firstResult=-1|",
			"GET|/engine-rest/history/case-instance|", "GET|/engine-rest/history/case-activity-instance/count|",
			"GET|/engine-rest/history/task?sortBy=foo&sortOrder=asc|",
			"POST|/engine-rest/history/task|`{\"sorting\":[{\"sortBy\":\"xx\",\"sortOrder\":\"asc\"}]}`",
			"POST|/engine-rest/task/{task}/complete|`{\"variables\": {\"x\": {\"value\": 1, \"type\": \"NoSuchType\"}}}`" })
	void aMalformedRequest_isAClearProblem_neverA500(String method, String path, String body) {
		String pi = chronicCase();
		String task = taskService.createTaskQuery().processInstanceId(pi).singleResult().getId();
		Http http = http(DOCTOR);
		if (path.startsWith("/camunda/api/")) {
			http = new Http(port);
			assertThat(http.login("tasklist", DOCTOR, PASSWORD).status()).isEqualTo(200);
		}
		String p = path.replace("{task}", task);
		Http.Response r = "GET".equals(method) ? http.get(p) : http.post(p, "application/json", body == null ? "" : body);

		assertThat(r.status()).as(r.body()).isBetween(400, 499);
		assertThat(r.json().path("message").asText()).isNotBlank();
		assertThat(r.body()).doesNotContain("java.", "org.camunda", "com.fasterxml", "NullPointer", "Exception");
		assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isNull();
	}

	@Test
	void aTaskClaimedBySomeone_isNotCompletedByAColleague_andTheTrailNamesWhoReallyDidIt() {
		Claimed claimed = claimedWithAColleague();
		Task task = claimed.task();
		try {
			Map<String, Object> form = claimed.review()
					? Map.of("townshipDecision", "ineligible", "townshipOpinion", "不符合条件")
					: Map.of("materialsChecklist", List.of("diagnosis"), "materialsNote", "门诊病历");

			Http.Response r = Http.as(port, claimed.colleague(), COLLEAGUE_PASSWORD)
				.postJson("/engine-rest/task/" + task.getId() + "/submit-form", Map.of("variables", typed(form)));

			refusedNaming(r, 409, "他人认领");
			assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isOne();
		}
		finally {
			identityService.deleteUser(claimed.colleague());
		}
	}

	@Test
	void aTaskCompletedUnclaimed_andSentAgain_namesWhoCompletedIt() {
		String id = TestIds.newIdNumber();
		treatmentRecord(id, "HTN", java.time.LocalDate.now().minusMonths(2));
		Http.Response started = http(DOCTOR).postJson("/api/chronic-certificate-applications",
				Applications.chronic(id, "T01V01"));
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		String pi = started.json().path("processInstanceId").asText();
		made.add(pi);
		Task review = task(pi, "Task_TownshipReview");
		assertThat(review).as("zero-material: straight to the township").isNotNull();
		Http township = http("health-t01");
		Map<String, Object> pass = Map.of("variables", typed(Map.of("townshipDecision", "pass", "townshipOpinion", "同意")));
		assertThat(township.postJson("/engine-rest/task/" + review.getId() + "/complete", pass).status()).isEqualTo(204);

		Http.Response again = township.postJson("/engine-rest/task/" + review.getId() + "/complete", pass);
		assertThat(again.status()).as(again.body()).isEqualTo(409);
		assertThat(again.json().path("message").asText()).contains("health-t01").doesNotContain("他人");
	}

	@Test
	void aTaskClaimedBySomeone_isNotTakenOverByAColleague_butGivenBackByTheHolder() {
		Claimed claimed = claimedWithAColleague();
		Task task = claimed.task();
		String holder = claimed.holder();
		try {
			Http colleague = Http.as(port, claimed.colleague(), COLLEAGUE_PASSWORD);

			refusedNaming(colleague.postJson("/engine-rest/task/" + task.getId() + "/unclaim", Map.of()), 409, "他人认领");
			java.util.Map<String, Object> nobody = new java.util.HashMap<>();
			nobody.put("userId", null);
			refusedNaming(colleague.postJson("/engine-rest/task/" + task.getId() + "/assignee", nobody), 409, "他人认领");
			refusedNaming(colleague.postJson("/engine-rest/task/" + task.getId() + "/assignee",
					Map.of("userId", claimed.colleague())), 409, "他人认领");
			refusedNaming(colleague.postJson("/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", claimed.colleague())),
					409);
			Http colleaguesTasklist = new Http(port);
			assertThat(colleaguesTasklist.login("tasklist", claimed.colleague(), COLLEAGUE_PASSWORD).status()).isEqualTo(200);
			refusedNaming(colleaguesTasklist.postJson("/camunda/api/engine/engine/default/task/" + task.getId() + "/assignee",
					Map.of("userId", claimed.colleague())), 409, "他人认领");
			assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isEqualTo(holder);
			assertThat(historyService.createHistoricTaskInstanceQuery().taskId(task.getId()).singleResult().getAssignee())
				.isEqualTo(holder);

			assertThat(http(holder).postJson("/engine-rest/task/" + task.getId() + "/unclaim", Map.of()).status()).isEqualTo(204);
			assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();
		}
		finally {
			identityService.deleteUser(claimed.colleague());
		}
	}

	/**
	 * Camunda lets its administrators claim and complete any task; the demo's administrator, in no village's, township's
	 * or county office's group, does none of their steps (one account would otherwise do all three of a case), but
	 * still releases a claim someone left.
	 */
	@Test
	void theAdministrator_doesNoGroupsStep_butReleasesAClaim() {
		String pi = chronicCase();
		Task task = taskService.createTaskQuery().processInstanceId(pi).singleResult();
		boolean review = task.getTaskDefinitionKey().equals("Task_TownshipReview");
		String group = review ? "township-health-T01" : "village-doctor-T01V01";
		Http admin = http("admin");

		refusedNaming(admin.postJson("/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", "admin")), 403, group);
		refusedNaming(admin.postJson("/engine-rest/task/" + task.getId() + "/assignee", Map.of("userId", "admin")), 403, group);
		refusedNaming(admin.postJson("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables", Map.of())), 403,
				group);
		refusedNaming(admin.postJson("/engine-rest/task/" + task.getId() + "/submit-form", Map.of("variables",
				review ? Map.of("townshipDecision", Map.of("value", "pass"), "townshipOpinion", Map.of("value", "管理员"))
						: Map.of("materialsNote", Map.of("value", "管理员")))), 403, group);
		// nor makes itself one of the group
		refusedNaming(admin.putJson("/engine-rest/group/" + group + "/members/admin", Map.of()), 403);
		assertThat(identityService.createUserQuery().memberOfGroup(group).userId("admin").count()).isZero();
		Task after = taskService.createTaskQuery().taskId(task.getId()).singleResult();
		assertThat(after).as("the step is still open").isNotNull();
		assertThat(after.getAssignee()).isNull();

		String holder = review ? "health-t01" : DOCTOR;
		assertThat(http(holder).postJson("/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", holder)).status())
			.isEqualTo(204);
		assertThat(admin.postJson("/engine-rest/task/" + task.getId() + "/unclaim", Map.of()).status()).isEqualTo(204);
		assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();
	}

	/**
	 * The demo's administrator retries a job that failed (Cockpit's incidents), but does not shorten a rule of a case:
	 * a public notice's timer is not run early, not moved to an earlier date and not stopped by taking its retries away.
	 */
	@Test
	void theAdministrator_retriesAFailedJob_butRunsNoTimerEarly() {
		String pi = startCase("committee-t01v01", "/api/charity-relief-applications",
				Applications.charity(TestIds.newIdNumber())).getId();
		made.add(pi);
		complete("civil-t01", pi, "Task_CivilVerification", Map.of("verificationDecision", "pass",
				"verificationOpinion", "核实无误", "householdCategory", "registered-poor"));
		org.camunda.bpm.engine.runtime.Job notice = managementService.createJobQuery().processInstanceId(pi).timers().singleResult();
		assertThat(notice).as("the public notice's timer").isNotNull();
		Http admin = http("admin");

		refusedNaming(admin.post("/engine-rest/job/" + notice.getId() + "/execute", "application/json", ""), 403, "公示期满");
		refusedNaming(admin.putJson("/engine-rest/job/" + notice.getId() + "/retries",
				Map.of("retries", 3, "dueDate", "2020-01-01T00:00:00.000+0000")), 403, "到期时间");
		refusedNaming(admin.putJson("/engine-rest/job/" + notice.getId() + "/retries", Map.of("retries", 0)), 403, "至少为 1");
		refusedNaming(admin.putJson("/engine-rest/job/" + notice.getId() + "/retries", Map.of("retries", 5)), 403, "没有失败");
		org.camunda.bpm.engine.runtime.Job unchanged = managementService.createJobQuery().jobId(notice.getId()).singleResult();
		assertThat(unchanged.getDuedate()).isEqualTo(notice.getDuedate());
		assertThat(unchanged.getRetries()).isEqualTo(notice.getRetries());
		assertThat(unchanged.getExceptionMessage()).as("a refused run is no failure of the job").isNull();
		for (int i = 0; i < notice.getRetries() + 1; i++) {
			refusedNaming(admin.post("/engine-rest/job/" + notice.getId() + "/execute", "application/json", ""), 403);
		}
		assertThat(runtimeService.createIncidentQuery().processInstanceId(pi).count()).as("no incident").isZero();
		assertThat(managementService.createJobQuery().jobId(notice.getId()).singleResult().getRetries())
			.isEqualTo(notice.getRetries());
		assertThat(runtimeService.getActiveActivityIds(pi)).as("still in its notice").containsExactly("Gateway_NoticeEvents");

		// the same job once it has failed (as a job does when its step throws): out of retries, given retries again
		// (a failure's message may be empty: none here); with an exception recorded, run again now
		jdbc.update("UPDATE ACT_RU_JOB SET RETRIES_ = 0 WHERE ID_ = ?", notice.getId());
		assertThat(admin.putJson("/engine-rest/job/" + notice.getId() + "/retries", Map.of("retries", 1)).status())
			.isEqualTo(204);
		assertThat(managementService.createJobQuery().jobId(notice.getId()).singleResult().getRetries()).isEqualTo(1);
		jdbc.update("UPDATE ACT_RU_JOB SET EXCEPTION_MSG_ = 'test: failed' WHERE ID_ = ?", notice.getId());
		assertThat(admin.post("/engine-rest/job/" + notice.getId() + "/execute", "application/json", "").status())
			.isEqualTo(204);
		assertThat(task(pi, "Task_FederationApproval")).as("the notice over, the federation's step").isNotNull();
	}

	private static final String COLLEAGUE_PASSWORD = "Demo-pass-2026";

	/** A chronic case's open task, claimed by its group's demo user (the holder), and a colleague in the same group. */
	private record Claimed(Task task, boolean review, String holder, String colleague) {
	}

	/** A new case's first task claimed by its holder, with a colleague (holder-b) added to its group; delete the colleague. */
	private Claimed claimedWithAColleague() {
		String pi = chronicCase();
		Task task = taskService.createTaskQuery().processInstanceId(pi).singleResult();
		boolean review = task.getTaskDefinitionKey().equals("Task_TownshipReview");
		String holder = review ? "health-t01" : DOCTOR;
		org.camunda.bpm.engine.identity.User user = identityService.newUser(holder + "-b");
		user.setFirstName("同事");
		user.setLastName("乙");
		user.setPassword(COLLEAGUE_PASSWORD);
		identityService.saveUser(user);
		try {
			identityService.createMembership(user.getId(), review ? "township-health-T01" : "village-doctor-T01V01");
			assertThat(http(holder).postJson("/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", holder)).status())
				.isEqualTo(204);
		}
		catch (RuntimeException | AssertionError e) {
			identityService.deleteUser(user.getId());
			throw e;
		}
		return new Claimed(task, review, holder, user.getId());
	}

	@Test
	@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
	void aRefusalIsLoggedInOneLine_withoutCamundasStackTrace(org.springframework.boot.test.system.CapturedOutput output) {
		assertThat(((ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory()).getTurboFilterList())
			.hasAtLeastOneElementOfType(RefusalLogFilter.class);
		String id = TestIds.newIdNumber();
		Map<String, Object> variables = new LinkedHashMap<>(Applications.chronic(id, "T01V02"));

		Http.Response r = http(DOCTOR).postJson("/engine-rest/process-definition/key/chronic-certificate/submit-form",
				Map.of("variables", typed(variables)));

		assertThat(r.status()).as(r.body()).isEqualTo(403);
		assertThat(output.getAll()).contains("Refused POST /engine-rest/process-definition/key/chronic-certificate/submit-form (403)")
			.doesNotContain("ENGINE-REST-HTTP500")
			.doesNotContain(id);
	}

	@Test
	void theProbesAnswerAnyone_withTheirStatusOnly() {
		Http.Response readiness = anonymous().get("/actuator/health/readiness");
		Http.Response liveness = anonymous().get("/actuator/health/liveness");

		assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
		assertThat(readiness.json().path("status").asText()).isEqualTo("UP");
		assertThat(readiness.body()).doesNotContain("components", "details");
		assertThat(liveness.status()).isEqualTo(200);
		assertThat(anonymous().get("/actuator/env").status()).isIn(401, 403, 404);
		assertThat(anonymous().get("/actuator/beans").status()).isIn(401, 403, 404);
	}

	@Test
	void charityCompletions_withTheRulesInputs_areRefused_andTheAmountsStand() {
		Http.Response started = http("committee-t01v01").postJson("/api/charity-relief-applications",
				Applications.charity(TestIds.newIdNumber()));
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		String pi = started.json().path("processInstanceId").asText();
		made.add(pi);
		Http civil = http("civil-t01");
		String verification = task(pi, "Task_CivilVerification").getId();
		assertThat(civil.postJson("/engine-rest/task/" + verification + "/claim", Map.of("userId", "civil-t01")).status())
			.isEqualTo(204);
		Map<String, Object> form = Map.of("verificationDecision", "pass", "verificationOpinion", "核实无误",
				"householdCategory", "registered-poor");

		for (String forged : List.of("remainingSelfPaid", "secondApprovalRequired", "reliefRate", "noticeDays")) {
			Map<String, Object> variables = new LinkedHashMap<>(form);
			variables.put(forged, forged.equals("secondApprovalRequired") ? false : "100000.00");
			refusedNaming(civil.postJson("/engine-rest/task/" + verification + "/submit-form",
					Map.of("variables", typed(variables))), 400, forged);
		}
		assertThat(fact(pi, "remainingSelfPaid")).isEqualTo("6000.00");
		assertThat(civil.postJson("/engine-rest/task/" + verification + "/submit-form", Map.of("variables", typed(form)))
			.status()).isEqualTo(204);

		// the relief is calculated (3,600.00), the public notice runs out
		runDueJobs(pi);
		org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(new java.util.Date(System.currentTimeMillis() + 8L * 86_400_000));
		runDueJobs(pi);
		org.camunda.bpm.engine.impl.util.ClockUtil.reset();
		Task approval = task(pi, "Task_FederationApproval");
		assertThat(approval).as("the case waits at the federation's approval").isNotNull();
		Http charity = http("charity");
		assertThat(charity.postJson("/engine-rest/task/" + approval.getId() + "/claim", Map.of("userId", "charity")).status())
			.isEqualTo(204);

		Http.Response lifted = charity.postJson("/engine-rest/task/" + approval.getId() + "/submit-form",
				Map.of("variables", typed(Map.of("federationDecision", "approve", "approvedAmount", "9999.00",
						"federationOpinion", "同意", "reliefAmount", "9999.00"))));

		refusedNaming(lifted, 400, "reliefAmount");
		assertThat(runtimeService.getVariable(pi, "reliefAmount")).isEqualTo("3600.00");
		assertThat(taskService.createTaskQuery().taskId(approval.getId()).count()).isOne();
		assertThat(count("SELECT COUNT(*) FROM ha_grant WHERE process_instance_id = ?", pi)).isZero();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "/portal/login.html", "/api/me", "/engine-rest/signal", "/actuator/health/readiness", "/portal/no-such-page" })
	void everyAnswer_carriesTheSecurityHeaders(String path) {
		Http.Response r = http(DOCTOR).get(path);

		var headers = r.raw().headers();
		assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(headers.firstValue("Referrer-Policy")).isPresent();
		assertThat(headers.firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
		assertThat(headers.firstValue("Content-Security-Policy"))
			.hasValueSatisfying(v -> assertThat(v).contains("frame-ancestors 'self'", "script-src 'self'"));
		assertThat(headers.firstValue("Strict-Transport-Security")).as("plain HTTP here").isEmpty();
	}

	@Test
	void thePortalsOwnScripts_getA401WithoutABrowserLoginDialog() {
		Http.Response script = anonymous().send(anonymous().request("/api/me").header("X-Requested-With", "XMLHttpRequest").GET());
		Http.Response other = anonymous().get("/api/me");

		assertThat(script.status()).isEqualTo(401);
		assertThat(script.raw().headers().firstValue("WWW-Authenticate")).isEmpty();
		assertThat(other.status()).isEqualTo(401);
		assertThat(other.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
	}

	@Test
	void aPersonLogsOut_andTheSessionIsGone() {
		Http session = new Http(port);
		assertThat(session.login("tasklist", DOCTOR, PASSWORD).status()).isEqualTo(200);
		assertThat(session.get("/camunda/api/engine/engine/default/task/count").status()).isEqualTo(200);

		Http.Response out = session.send(session.request("/camunda/api/admin/auth/user/default/logout")
			.header("X-XSRF-TOKEN", session.csrfToken())
			.POST(java.net.http.HttpRequest.BodyPublishers.noBody()));

		assertThat(out.status()).as(out.body()).isBetween(200, 204);
		assertThat(session.get("/camunda/api/engine/engine/default/task/count").status()).isEqualTo(401);
	}

}
