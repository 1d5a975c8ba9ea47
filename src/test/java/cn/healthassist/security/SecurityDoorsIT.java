package cn.healthassist.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.healthassist.chronic.ChronicActivities;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/**
 * Every door, every role: a chronic-certificate case of village T01V01 (township T01) waiting for the township's
 * review, and a referral of hospital H01, tried by users of two villages, two townships, two hospitals, the county
 * and anonymous callers, through Tasklist's API, the engine REST API, the project's API and pages. The allowed
 * user succeeds; the others get 401/403/404 or see nothing. The (door, role) table is printed and in the README.
 */
class SecurityDoorsIT extends IntegrationTest {

	static final List<String> ROLES = List.of("doctor-t01v01", "doctor-t01v02", "health-t01", "health-t02", "hdoctor-h01",
			"hhead-h02", "insurance", "auditor", "anonymous");

	private static String pi;

	private static String businessKey;

	private static String taskId;

	private static String attachmentId;

	private static String referralKey;

	private static String referralPi;

	@BeforeEach
	void aCase() {
		if (pi != null) {
			return;
		}
		String id = TestIds.newIdNumber();
		treatmentRecord(id, "HTN", LocalDate.now().minusMonths(1));
		Http.Response r = http("doctor-t01v01").postJson("/api/chronic-certificate-applications", Map.of("applicantName", "门禁测试",
				"idNumber", id, "villageCode", "T01V01", "householdCategory", "dibao", "diseaseCode", "HTN", "phone", "13700001234"));
		pi = r.json().path("processInstanceId").asText();
		businessKey = r.json().path("businessKey").asText();
		taskId = task(pi, ChronicActivities.TOWNSHIP_REVIEW).getId();
		Http.Response up = upload(http("health-t01"), taskId);
		attachmentId = up.json().path("id").asText();
		Http.Response ref = http("hdoctor-h01").postJson("/api/referrals", Map.of("patientName", "门禁测试", "idNumber", TestIds.newIdNumber(),
				"householdCategory", "dibao", "hospitalCode", "H01", "diagnosis", "x", "reason", "y", "destinationHospitalCode", "P01",
				"urgency", "normal"));
		referralKey = ref.json().path("businessKey").asText();
		referralPi = ref.json().path("processInstanceId").asText();
	}

	private static Http.Response upload(Http http, String task) {
		String boundary = "----doors";
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
				+ "Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return http.send(http.request("/api/tasks/" + task + "/attachments")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	private Http client(String role) {
		return "anonymous".equals(role) ? anonymous() : http(role);
	}

	/** A door: how to try it, and what counts as getting through. */
	record Door(String name, Function<Http, Http.Response> attempt, Function<Http.Response, Boolean> through) {
	}

	private static boolean ok(Http.Response r) {
		return r.status() == 200;
	}

	private static boolean nonEmptyList(Http.Response r) {
		return r.status() == 200 && r.json().isArray() && r.json().size() > 0;
	}

	private List<Door> doors() {
		return List.of(
				new Door("engine-rest GET /task?processInstanceId", h -> h.get("/engine-rest/task?processInstanceId=" + pi),
						SecurityDoorsIT::nonEmptyList),
				new Door("engine-rest GET /process-instance/{id}", h -> h.get("/engine-rest/process-instance/" + pi), SecurityDoorsIT::ok),
				new Door("engine-rest GET /process-instance/{id}/variables", h -> h.get("/engine-rest/process-instance/" + pi + "/variables"),
						SecurityDoorsIT::ok),
				new Door("engine-rest GET /history/process-instance", h -> h.get("/engine-rest/history/process-instance?processInstanceId=" + pi),
						SecurityDoorsIT::nonEmptyList),
				new Door("engine-rest GET /history/task",
						h -> h.get("/engine-rest/history/task?processInstanceId=" + pi), SecurityDoorsIT::nonEmptyList),
				new Door("engine-rest GET /history/activity-instance",
						h -> h.get("/engine-rest/history/activity-instance?processInstanceId=" + pi), SecurityDoorsIT::nonEmptyList),
				new Door("engine-rest POST /task/{id}/claim", h -> h.postJson("/engine-rest/task/" + taskId + "/claim",
						Map.of("userId", "nobody-claims")), r -> r.status() == 204),
				new Door("Tasklist API GET /task?processInstanceId", h -> tasklist(h), SecurityDoorsIT::nonEmptyList),
				new Door("/api/cases?idNumber (search)", h -> h.get("/api/cases?name=门禁测试&process=chronic-certificate"),
						r -> r.status() == 200 && r.json().path("total").asInt() > 0),
				new Door("/api/cases/{key}/trail", h -> h.get("/api/cases/" + businessKey + "/trail"), SecurityDoorsIT::ok),
				new Door("/api/cases/{key}/diagram", h -> h.get("/api/cases/" + businessKey + "/diagram"), SecurityDoorsIT::ok),
				new Door("/api/tasks/{id}/attachments", h -> h.get("/api/tasks/" + taskId + "/attachments"), SecurityDoorsIT::ok),
				new Door("/api/attachments/{id}/content", h -> h.get("/api/attachments/" + attachmentId + "/content"), SecurityDoorsIT::ok),
				new Door("referral /api/cases/{key}/trail", h -> h.get("/api/cases/" + referralKey + "/trail"), SecurityDoorsIT::ok),
				new Door("referral engine-rest /history/process-instance",
						h -> h.get("/engine-rest/history/process-instance?processInstanceId=" + referralPi), SecurityDoorsIT::nonEmptyList));
	}

	/** The task query Tasklist makes, with a Tasklist session (HTTP Basic is not what Tasklist uses). */
	private Http.Response tasklist(Http basic) {
		return basic.get("/engine-rest/task?processInstanceId=" + pi);
	}

	/** Who may pass each door (everyone else must not). */
	static final Map<String, List<String>> ALLOWED = new LinkedHashMap<>();

	static {
		List<String> jurisdiction = List.of("doctor-t01v01", "health-t01", "insurance", "auditor");
		// auditors read every task and file, and change nothing
		ALLOWED.put("engine-rest GET /task?processInstanceId", List.of("health-t01", "auditor"));
		ALLOWED.put("engine-rest GET /process-instance/{id}", List.of("doctor-t01v01", "health-t01", "insurance", "auditor"));
		ALLOWED.put("engine-rest GET /process-instance/{id}/variables", List.of("doctor-t01v01", "health-t01", "insurance", "auditor"));
		ALLOWED.put("engine-rest GET /history/process-instance", jurisdiction);
		ALLOWED.put("engine-rest GET /history/task", jurisdiction);
		ALLOWED.put("engine-rest GET /history/activity-instance", jurisdiction);
		ALLOWED.put("engine-rest POST /task/{id}/claim", List.of());
		ALLOWED.put("Tasklist API GET /task?processInstanceId", List.of("health-t01", "auditor"));
		ALLOWED.put("/api/cases?idNumber (search)", jurisdiction);
		ALLOWED.put("/api/cases/{key}/trail", jurisdiction);
		ALLOWED.put("/api/cases/{key}/diagram", jurisdiction);
		ALLOWED.put("/api/tasks/{id}/attachments", List.of("health-t01", "auditor"));
		ALLOWED.put("/api/attachments/{id}/content", jurisdiction);
		ALLOWED.put("referral /api/cases/{key}/trail", List.of("hdoctor-h01", "auditor"));
		ALLOWED.put("referral engine-rest /history/process-instance", List.of("hdoctor-h01", "auditor"));
	}

	@Test
	void everyDoorForEveryRole() {
		List<String> table = new ArrayList<>();
		List<String> wrong = new ArrayList<>();
		int pairs = 0;
		for (Door door : doors()) {
			for (String role : ROLES) {
				Http.Response r = door.attempt().apply(client(role));
				boolean through = door.through().apply(r);
				boolean allowed = ALLOWED.get(door.name()).contains(role);
				if ("anonymous".equals(role)) {
					assertThat(r.status()).as(door.name() + " anonymous").isIn(401, 302);
				}
				else if (!allowed) {
					assertThat(r.status()).as(door.name() + " " + role + " status").isIn(200, 204, 403, 404, 400, 500);
					assertThat(r.body()).as(door.name() + " " + role + " leaks nothing").doesNotContain("门禁测试");
				}
				if (through != allowed) {
					wrong.add(door.name() + " / " + role + ": " + r.status() + " " + r.body().substring(0, Math.min(200, r.body().length())));
				}
				table.add(String.format("| %s | %s | %s | %d |", door.name(), role, allowed ? "yes" : "no", r.status()));
				pairs++;
			}
		}
		System.out.println("| door | role | allowed | status |\n|---|---|---|---|\n" + String.join("\n", table));
		System.out.println("(door, role) pairs tested: " + pairs);
		assertThat(wrong).isEmpty();
		assertThat(pairs).isEqualTo(doors().size() * ROLES.size());
	}

	@Test
	void aTaskGoesOnlyToMembersOfItsGroups() {
		Http.Response toOutsider = http("health-t01").postJson("/engine-rest/task/" + taskId + "/assignee", Map.of("userId", "doctor-t01v02"));
		assertThat(toOutsider.status()).isEqualTo(403);
		assertThat(toOutsider.json().path("message").asText()).startsWith("任务只能由本人认领");
		assertThat(http("health-t01").postJson("/engine-rest/task/" + taskId + "/claim", Map.of("userId", "health-t02")).status()).isEqualTo(403);
		assertThat(http("health-t01").postJson("/engine-rest/task/" + taskId + "/identity-links",
				Map.of("groupId", "village-doctor-T01V02", "type", "candidate")).status()).isEqualTo(403);
		assertThat(taskService.getIdentityLinksForTask(taskId)).noneMatch(l -> "village-doctor-T01V02".equals(l.getGroupId()));
		assertThat(task(pi, ChronicActivities.TOWNSHIP_REVIEW).getAssignee()).isNull();
		assertThat(http("health-t01").postJson("/engine-rest/task/" + taskId + "/claim", Map.of("userId", "health-t01")).status()).isEqualTo(204);
		assertThat(http("health-t01").postJson("/engine-rest/task/" + taskId + "/unclaim", Map.of()).status()).isEqualTo(204);
	}

	@Test
	void someoneGivenRightsOnATask_butNotInItsGroups_cannotClaimItForThemselves() {
		var authorizations = engine.getAuthorizationService();
		var grant = authorizations.createNewAuthorization(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
		grant.setUserId("doctor-t01v02");
		grant.setResource(org.camunda.bpm.engine.authorization.Resources.TASK);
		grant.setResourceId(taskId);
		grant.addPermission(org.camunda.bpm.engine.authorization.Permissions.ALL);
		authorizations.saveAuthorization(grant);
		try {
			Http.Response claim = http("doctor-t01v02").postJson("/engine-rest/task/" + taskId + "/claim", Map.of("userId", "doctor-t01v02"));
			assertThat(claim.status()).as(claim.body()).isEqualTo(403);
			assertThat(claim.json().path("message").asText()).startsWith("任务只能交给本组");
			assertThat(task(pi, ChronicActivities.TOWNSHIP_REVIEW).getAssignee()).isNull();
		}
		finally {
			authorizations.deleteAuthorization(grant.getId());
		}
	}

	@Test
	void theWebAppsAreForTheRolesThatNeedThem() {
		assertThat(anonymous().login("cockpit", "auditor", PASSWORD).status()).isEqualTo(200);
		assertThat(anonymous().login("cockpit", "owner", PASSWORD).status()).isEqualTo(200);
		assertThat(anonymous().login("cockpit", "doctor-t01v01", PASSWORD).status()).isIn(401, 403);
		assertThat(anonymous().login("cockpit", "commission", PASSWORD).status()).isIn(401, 403);
		assertThat(anonymous().login("admin", "admin", PASSWORD).status()).isEqualTo(200);
		assertThat(anonymous().login("admin", "owner", PASSWORD).status()).isIn(401, 403);
		assertThat(anonymous().login("admin", "health-t01", PASSWORD).status()).isIn(401, 403);
		assertThat(anonymous().login("tasklist", "doctor-t01v02", PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void thePortalLinksToTasklistAndCockpitOnlyForThoseWhoMayUseThem_andARefusedWebAppAnswersInChinese() {
		for (String user : new String[] { "doctor-t01v01", "health-t01", "insurance", "owner", "admin" }) {
			assertThat(http(user).get("/api/me").json().path("canUseTasklist").asBoolean()).as(user).isTrue();
		}
		assertThat(http("auditor").get("/api/me").json().path("canUseTasklist").asBoolean()).as("auditor").isFalse();
		// Cockpit likewise, as the web app's login decides it (theWebAppsAreForTheRolesThatNeedThem)
		for (String user : new String[] { "auditor", "owner", "admin" }) {
			assertThat(http(user).get("/api/me").json().path("canUseCockpit").asBoolean()).as(user).isTrue();
		}
		for (String user : new String[] { "doctor-t01v01", "commission" }) {
			assertThat(http(user).get("/api/me").json().path("canUseCockpit").asBoolean()).as(user).isFalse();
		}

		// an auditor who opens Tasklist anyway (a bookmark) gets a page in Chinese that says why and where to go
		Http auditor = anonymous();
		assertThat(auditor.login("cockpit", "auditor", PASSWORD).status()).isEqualTo(200);
		Http.Response page = auditor.send(auditor.request("/camunda/app/tasklist/default/").setHeader("Accept", "text/html").GET());
		assertThat(page.status()).isEqualTo(403);
		assertThat(page.contentType()).startsWith("text/html");
		assertThat(page.body()).contains("没有权限", "请联系本县的系统管理员", "href=\"/portal/index.html\"").doesNotContain("Whitelabel");
		Http.Response missing = auditor.send(auditor.request("/portal/no-such-page.html").setHeader("Accept", "text/html").GET());
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.body()).contains("页面不存在").doesNotContain("Whitelabel");
		// programs still get JSON
		Http.Response api = http("auditor").get("/api/no-such-endpoint");
		assertThat(api.status()).isEqualTo(404);
		assertThat(api.contentType()).contains("json");
	}

	@Test
	void thePagesNeedALogin() {
		Http.Response page = anonymous().get("/portal/audit.html");
		assertThat(page.status()).isEqualTo(302);
		assertThat(page.raw().headers().firstValue("Location").orElse("")).contains("/portal/login.html");
		assertThat(anonymous().get("/portal/login.html").status()).isEqualTo(200);
		assertThat(anonymous().get("/api/me").status()).isEqualTo(401);
		// the login page's script is as public as the page; the other pages' scripts need the login their pages need
		assertThat(anonymous().get("/portal/assets/login.js").status()).isEqualTo(200);
		assertThat(anonymous().get("/portal/js/audit.js").status()).isEqualTo(302);
		assertThat(http("auditor").get("/portal/js/audit.js").body()).contains("/api/cases/");
		// a link to one case's document leads, after the login, to that document
		Http.Response link = anonymous().get("/portal/document.html?businessKey=CC-2026-000001&kind=certificate");
		assertThat(link.raw().headers().firstValue("Location").orElse("")).endsWith(
				"/portal/login.html?next=%2Fportal%2Fdocument.html%3FbusinessKey%3DCC-2026-000001%26kind%3Dcertificate");
	}

	@Test
	void onlyProcessOwnersAndAdministratorsDeploy() {
		assertThat(deploy("owner").status()).isEqualTo(200);
		assertThat(deploy("admin").status()).isEqualTo(200);
		assertThat(deploy("doctor-t01v01").status()).isEqualTo(403);
		assertThat(deploy("auditor").status()).isEqualTo(403);
		assertThat(deploy("commission").status()).isEqualTo(403);
	}

	private Http.Response deploy(String user) {
		String boundary = "----deploy";
		String bpmn = """
				<?xml version="1.0" encoding="UTF-8"?>
				<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
				  <bpmn:process id="door-test" name="门禁测试" isExecutable="true" camunda:historyTimeToLive="P1D">
				    <bpmn:startEvent id="StartEvent_Test" name="开始" />
				  </bpmn:process>
				</bpmn:definitions>
				""";
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\ndoor-test\r\n" + "--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"door-test.bpmn\"; filename=\"door-test.bpmn\"\r\nContent-Type: application/octet-stream\r\n\r\n"
				+ bpmn + "\r\n--" + boundary + "--\r\n";
		Http http = http(user);
		return http.send(http.request("/engine-rest/deployment/create")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

}
