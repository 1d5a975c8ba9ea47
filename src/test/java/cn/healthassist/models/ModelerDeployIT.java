package cn.healthassist.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/**
 * What Camunda Modeler's deploy dialog does, against /engine-rest as the process owner: a changed model with its
 * forms deploys, new cases use it, running cases stay on their version until an administrator migrates them with
 * Camunda's migration API. Staff cannot deploy.
 */
class ModelerDeployIT extends IntegrationTest {

	static final List<String> FORMS = List.of("chronicCertificateStartForm", "chronicCollectMaterialsForm", "chronicTownshipReviewForm",
			"chronicCountyApprovalForm", "chronicExplainPolicyForm");

	/** The multipart request Camunda Modeler sends. */
	private Http.Response deploy(String user, String bpmn) throws IOException {
		return deploy(user, bpmn, Map.of());
	}

	/** As {@link #deploy(String, String)}, with some forms changed (by name, without .form). */
	private Http.Response deploy(String user, String bpmn, Map<String, String> changedForms) throws IOException {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("chronic-certificate.bpmn", bpmn);
		for (String form : FORMS) {
			files.put(form + ".form", changedForms.containsKey(form) ? changedForms.get(form)
					: Files.readString(Path.of("forms/" + form + ".form"), StandardCharsets.UTF_8));
		}
		String boundary = "----CamundaModeler" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (Map.Entry<String, String> field : Map.of("deployment-name", "慢性病证办理（Modeler）", "deployment-source", "Camunda Modeler",
				"deploy-changed-only", "true").entrySet()) {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n" + field.getValue()
					+ "\r\n").getBytes(StandardCharsets.UTF_8));
		}
		for (Map.Entry<String, String> file : files.entrySet()) {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey() + "\"; filename=\"" + file.getKey()
					+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + file.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		Http http = http(user);
		return http.send(http.request("/engine-rest/deployment/create")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	/** Deploys one DMN file as Modeler does. */
	private Http.Response deployDecision(String user, String fileName, String dmn) {
		String boundary = "----CamundaModeler" + System.nanoTime();
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + fileName + "\r\n"
				+ "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileName + "\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + dmn + "\r\n--" + boundary + "--\r\n";
		Http http = http(user);
		return http.send(http.request("/engine-rest/deployment/create")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.UTF_8))));
	}

	/**
	 * The owner deploys the federation's rate decision: a version whose answers the relief's calculation could not use
	 * (a rate above 1, a category no rule answers) or whose second-approval decision answers a relief with neither yes
	 * nor no is refused with 400, naming the decision, the input and why, and nothing is deployed; a changed rate
	 * within the rule's bounds deploys.
	 */
	@Test
	void aRateDecisionItsCalculationCouldNotUse_isRefused_atItsDeployment() throws IOException {
		String original = Files.readString(Path.of("processes/charity-relief-rate.dmn"), StandardCharsets.UTF_8);
		long versions = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("charity-relief-rate").count();

		Http.Response tenfold = deployDecision("owner", "charity-relief-rate.dmn",
				original.replace("<text>\"0.60\"</text>", "<text>\"9.9999\"</text>"));
		assertThat(tenfold.status()).as(tenfold.body()).isEqualTo(400);
		assertThat(tenfold.body()).contains("charity-relief-rate").contains("dibao").contains("9.9999");
		Http.Response uncovered = deployDecision("owner", "charity-relief-rate.dmn",
				original.replace("<text>not(\"dibao\",\"registered-poor\")</text>", "<text>\"none\"</text>"));
		assertThat(uncovered.status()).as(uncovered.body()).isEqualTo(400);
		assertThat(uncovered.body()).contains("sanwu").contains("没有一条适用的规则");
		// the second-approval decision in the same file answers yes or no for every relief, or the grant would stop
		Http.Response unanswered = deployDecision("owner", "charity-relief-rate.dmn",
				original.replace("<text>&lt;= 10000</text>", "<text>&lt; 0</text>"));
		assertThat(unanswered.status()).as(unanswered.body()).isEqualTo(400);
		assertThat(unanswered.body()).contains("charity-second-approval").contains("9999.99").doesNotContain("50000.00 元");
		assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("charity-relief-rate").count())
			.as("nothing deployed").isEqualTo(versions);

		try {
			Http.Response changed = deployDecision("owner", "charity-relief-rate.dmn",
					original.replace("<text>\"0.60\"</text>", "<text>\"0.65\"</text>"));
			assertThat(changed.status()).as("a rate of 0.65 is the federation's to set: " + changed.body()).isEqualTo(200);
		}
		finally {
			repositoryService.createDeployment().name("慈善救助比例").addString("charity-relief-rate.dmn", original).deploy();
		}
	}

	/**
	 * The owner deploys the follow-up's schedule: a version that gives a disease of the catalogue no rule, a kind of
	 * visit the product has no form for, an interval of no time or of hours, or days a visit opens early that are
	 * negative or not whole is refused with 400 naming the decision, the disease and why, and nothing is deployed;
	 * a changed window within bounds deploys.
	 */
	@Test
	void aScheduleTheFollowupCouldNotPlan_isRefused_atItsDeployment() throws IOException {
		String original = Files.readString(Path.of("processes/chronic-followup-schedule.dmn"), StandardCharsets.UTF_8);
		long versions = repositoryService.createDecisionDefinitionQuery()
			.decisionDefinitionKey("chronic-followup-schedule")
			.count();

		Http.Response noTime = deployDecision("owner", "chronic-followup-schedule.dmn",
				original.replace("<outputEntry id=\"Out_TB_Interval\"><text>\"P1M\"</text>",
						"<outputEntry id=\"Out_TB_Interval\"><text>\"P0D\"</text>"));
		assertThat(noTime.status()).as(noTime.body()).isEqualTo(400);
		assertThat(noTime.body()).contains("chronic-followup-schedule").contains("病种 TB").contains("P0D")
			.doesNotContain("病种 HTN");
		Http.Response hours = deployDecision("owner", "chronic-followup-schedule.dmn",
				original.replace("<text>\"P3M\"</text>", "<text>\"PT12H\"</text>"));
		assertThat(hours.status()).as(hours.body()).isEqualTo(400);
		assertThat(hours.body()).contains("病种 HTN").contains("病种 DM").contains("病种 SMI").contains("PT12H");
		Http.Response noForm = deployDecision("owner", "chronic-followup-schedule.dmn",
				original.replace("<text>\"hypertension\"</text>", "<text>\"weekly\"</text>"));
		assertThat(noForm.status()).as(noForm.body()).isEqualTo(400);
		assertThat(noForm.body()).contains("病种 HTN").contains("weekly").contains("随访表单");
		Http.Response early = deployDecision("owner", "chronic-followup-schedule.dmn",
				original.replace("<outputEntry id=\"Out_DM_Window\"><text>15</text>",
						"<outputEntry id=\"Out_DM_Window\"><text>-3</text>"));
		assertThat(early.status()).as(early.body()).isEqualTo(400);
		assertThat(early.body()).contains("病种 DM").contains("提前天数").contains("-3");
		Http.Response uncovered = deployDecision("owner", "chronic-followup-schedule.dmn",
				original.replace("<text>\"CVD\",\"CHD\",\"COPD\",\"RA\",\"OA\",\"CB\"</text>",
						"<text>\"CVD\",\"CHD\"</text>"));
		assertThat(uncovered.status()).as(uncovered.body()).isEqualTo(400);
		assertThat(uncovered.body()).contains("病种 COPD").contains("没有一条适用的规则").doesNotContain("病种 CVD");
		assertThat(repositoryService.createDecisionDefinitionQuery()
			.decisionDefinitionKey("chronic-followup-schedule")
			.count()).as("nothing deployed").isEqualTo(versions);

		try {
			Http.Response changed = deployDecision("owner", "chronic-followup-schedule.dmn",
					original.replace("<outputEntry id=\"Out_HTN_Window\"><text>15</text>",
							"<outputEntry id=\"Out_HTN_Window\"><text>20</text>"));
			assertThat(changed.status()).as("a window of 20 days is the owner's to set: " + changed.body())
				.isEqualTo(200);
		}
		finally {
			repositoryService.createDeployment()
				.name("慢病随访频次")
				.addString("chronic-followup-schedule.dmn", original)
				.deploy();
		}
	}

	@org.springframework.beans.factory.annotation.Autowired
	org.camunda.bpm.engine.RepositoryService repositoryService;

	private ProcessInstance startCase() {
		String id = TestIds.newIdNumber();
		treatmentRecord(id, "HTN", LocalDate.now().minusMonths(1));
		Http.Response r = http("doctor-t01v01").postJson("/api/chronic-certificate-applications", Map.of("applicantName", "版本", "idNumber", id,
				"villageCode", "T01V01", "householdCategory", "dibao", "diseaseCode", "HTN", "phone", "13700001234"));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return runtimeService.createProcessInstanceQuery().processInstanceId(r.json().path("processInstanceId").asText()).singleResult();
	}

	@org.junit.jupiter.params.ParameterizedTest(name = "{0}")
	@org.junit.jupiter.params.provider.CsvSource(delimiter = '|', quoteCharacter = '`', value = {
			"a method call on any object|Task_IssueCertificate|`camunda:delegateExpression=\"${issueCertificate}\"`|`camunda:expression=\"${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('touch /tmp/ha-pwned')}\"`",
			"a script listener|Process_ChronicCertificate|`<camunda:executionListener delegateExpression=\"${chronicApplicationStart}\" event=\"start\" />`|`<camunda:executionListener event=\"start\"><camunda:script scriptFormat=\"javascript\">java.lang.Runtime.getRuntime()</camunda:script></camunda:executionListener>`",
			"a Java class|Task_IssueCertificate|`camunda:delegateExpression=\"${issueCertificate}\"`|`camunda:class=\"java.lang.ProcessBuilder\"`",
			"a bean that is not the product's|Task_IssueCertificate|`camunda:delegateExpression=\"${issueCertificate}\"`|`camunda:expression=\"${identityService}\"`",
			"a product bean that is no step template (an import, as the system)|Task_IssueCertificate|`camunda:delegateExpression=\"${issueCertificate}\"`|`camunda:expression=\"${treatmentRecordImporter.importCsv('idNumber,diseaseCode,hospitalName,visitDate')}\"`",
			"an account's exemptions|Task_IssueCertificate|`camunda:delegateExpression=\"${issueCertificate}\"`|`camunda:expression=\"${accounts.markDemo('owner')}\"`",
			"a step template called into|Task_IssueCertificate|`camunda:delegateExpression=\"${issueCertificate}\"`|`camunda:expression=\"${issueCertificate.execute(execution)}\"`",
			"a task offered to another village|Task_TownshipReview|`camunda:candidateGroups=\"township-health-${townshipCode}\"`|`camunda:candidateGroups=\"village-doctor-T02V01\"`",
			"a task given to a person by Camunda's old namespace|Task_TownshipReview|`camunda:candidateGroups=\"township-health-${townshipCode}\"`|`camunda:candidateGroups=\"township-health-${townshipCode}\" xmlns:activiti=\"http://activiti.org/bpmn\" activiti:assignee=\"health-t02\"`",
			"the jurisdiction rewritten by a step's result|Task_IssueCertificate|`camunda:delegateExpression=\"${issueCertificate}\"`|`camunda:expression=\"${'T02'}\" camunda:resultVariable=\"townshipCode\"`" })
	void aModelWithCode_isRefusedNamingTheElement_andNothingIsDeployed(String what, String elementId, String from, String to)
			throws Exception {
		String original = Files.readString(Path.of("processes/chronic-certificate.bpmn"), StandardCharsets.UTF_8);
		String attack = original.replace(from, to);
		assertThat(attack).as(what).isNotEqualTo(original);
		long deployments = engine.getRepositoryService().createDeploymentQuery().count();

		Http.Response r = deploy("owner", attack);

		assertThat(r.status()).as(r.body()).isEqualTo(400);
		assertThat(r.body()).contains(elementId.equals("Process_ChronicCertificate") ? "chronic-certificate" : elementId);
		assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
		assertThat(Path.of("/tmp/ha-pwned")).doesNotExist();
	}

	/**
	 * A form the owner deploys may declare any field, but no step changes a case's jurisdiction: the township's review
	 * sent with {@code villageCode}, which its (changed) form now declares, is refused naming it, and the case stays
	 * where it was.
	 */
	@Test
	void aFormThatDeclaresTheVillage_stillCannotMoveTheCase() throws Exception {
		String bpmn = Files.readString(Path.of("processes/chronic-certificate.bpmn"), StandardCharsets.UTF_8);
		String review = Files.readString(Path.of("forms/chronicTownshipReviewForm.form"), StandardCharsets.UTF_8);
		String withVillage = review.replaceFirst("\"components\"\\s*:\\s*\\[",
				"\"components\": [{\"type\": \"textfield\", \"key\": \"villageCode\", \"label\": \"村\", \"id\": \"Field_Village\"},");
		assertThat(withVillage).isNotEqualTo(review);
		ProcessInstance pi = startCase();
		Http.Response changed = deploy("owner", bpmn, Map.of("chronicTownshipReviewForm", withVillage));
		assertThat(changed.status()).as(changed.body()).isEqualTo(200);
		try {
			String taskId = task(pi.getId(), "Task_TownshipReview").getId();
			Http township = http("health-t01");
			assertThat(township.postJson("/engine-rest/task/" + taskId + "/claim", Map.of("userId", "health-t01")).status())
				.isEqualTo(204);
			Http.Response moved = township.postJson("/engine-rest/task/" + taskId + "/submit-form", Map.of("variables",
					Map.of("townshipDecision", Map.of("value", "pass"), "townshipOpinion", Map.of("value", "同意"),
							"villageCode", Map.of("value", "T02V01"))));
			assertThat(moved.status()).as(moved.body()).isEqualTo(400);
			assertThat(moved.body()).contains("villageCode").contains("案件的辖区在发起时确定");
			assertThat(task(pi.getId(), "Task_TownshipReview")).as("the review is still open").isNotNull();
			assertThat(runtimeService.getVariable(pi.getId(), "villageCode")).isEqualTo("T01V01");
			assertThat(jdbc.queryForObject("SELECT village_code FROM ha_case WHERE process_instance_id = ?", String.class,
					pi.getId())).isEqualTo("T01V01");
		}
		finally {
			assertThat(deploy("owner", bpmn).status()).isEqualTo(200);
		}
	}

	@Test
	void aChangedModelDeploysFromModeler_newCasesUseIt_andARunningCaseIsMigrated() throws Exception {
		String original = Files.readString(Path.of("processes/chronic-certificate.bpmn"), StandardCharsets.UTF_8);
		String changed = original.replace("name=\"县医保局审批\"", "name=\"县医保局审批（新版）\"").replace("camunda:versionTag=\"1.0\"", "camunda:versionTag=\"1.1\"");
		ProcessInstance before = startCase();

		assertThat(deploy("doctor-t01v01", changed).status()).isEqualTo(403);
		Http.Response deployed = deploy("owner", changed);
		assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
		JsonNode definitions = deployed.json().path("deployedProcessDefinitions");
		assertThat(definitions.size()).isOne();
		String newDefinition = definitions.fieldNames().next();
		// Modeler deploys changed resources only: the unchanged forms stay as they are, and the new version uses them
		assertThat(deployed.json().path("deployedCamundaFormDefinitions").size()).isZero();
		try {
			ProcessInstance after = startCase();
			assertThat(after.getProcessDefinitionId()).isEqualTo(newDefinition);
			assertThat(before.getProcessDefinitionId()).isNotEqualTo(newDefinition);
			assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(before.getId()).singleResult().getProcessDefinitionId())
				.as("a running case stays on its version").isEqualTo(before.getProcessDefinitionId());

			// an administrator migrates the running case with Camunda's migration API
			Http admin = http("admin");
			Http.Response plan = admin.postJson("/engine-rest/migration/generate", Map.of("sourceProcessDefinitionId",
					before.getProcessDefinitionId(), "targetProcessDefinitionId", newDefinition, "updateEventTriggers", true));
			assertThat(plan.status()).as(plan.body()).isEqualTo(200);
			// a migration that would also set the case's jurisdiction or a decision, or skip the listeners, is refused
			com.fasterxml.jackson.databind.node.ObjectNode withVariables = plan.json().deepCopy();
			withVariables.putObject("variables").putObject("townshipCode").put("value", "T02").put("type", "String");
			Http.Response rewriting = admin.postJson("/engine-rest/migration/execute",
					Map.of("migrationPlan", withVariables, "processInstanceIds", List.of(before.getId())));
			assertThat(rewriting.status()).as(rewriting.body()).isEqualTo(400);
			assertThat(rewriting.body()).contains("variables");
			Http.Response skipping = admin.postJson("/engine-rest/migration/execute", Map.of("migrationPlan", plan.json(),
					"processInstanceIds", List.of(before.getId()), "skipCustomListeners", true));
			assertThat(skipping.status()).as(skipping.body()).isEqualTo(400);
			assertThat(runtimeService.getVariable(before.getId(), "townshipCode")).isEqualTo("T01");
			assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(before.getId()).singleResult()
				.getProcessDefinitionId()).as("not migrated").isEqualTo(before.getProcessDefinitionId());

			Http.Response migrated = admin.postJson("/engine-rest/migration/execute",
					Map.of("migrationPlan", plan.json(), "processInstanceIds", List.of(before.getId())));
			assertThat(migrated.status()).as(migrated.body()).isEqualTo(204);
			assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(before.getId()).singleResult().getProcessDefinitionId())
				.isEqualTo(newDefinition);
			complete("health-t01", before.getId(), "Task_TownshipReview", Map.of("townshipDecision", "pass", "townshipOpinion", "同意"));
			String countyTask = task(before.getId(), "Task_CountyApproval").getId();
			assertThat(task(before.getId(), "Task_CountyApproval").getName()).isEqualTo("县医保局审批（新版）");
			Http.Response form = http("insurance").get("/engine-rest/task/" + countyTask + "/deployed-form");
			assertThat(form.status()).as("the migrated case's task still finds its form").isEqualTo(200);
			assertThat(form.body()).contains("chronicCountyApprovalForm");
			// staff cannot migrate
			assertThat(http("health-t01").postJson("/engine-rest/migration/execute",
					Map.of("migrationPlan", plan.json(), "processInstanceIds", List.of(after.getId()))).status()).isEqualTo(403);
		}
		finally {
			assertThat(deploy("owner", original).status()).isEqualTo(200);
		}
	}


	/**
	 * A model the owner changes so that a case goes from its start straight to the certificate passes the model rules
	 * (the step templates are the process's own), but the certificate step issues nothing without the township's pass
	 * and the county's approval in the case record: its job fails, for the administrator to see.
	 */
	@Test
	void aChangedModelThatSkipsTheApprovals_issuesNoCertificate() throws Exception {
		String original = Files.readString(Path.of("processes/chronic-certificate.bpmn"), StandardCharsets.UTF_8);
		String skipping = original.replace(
				"<bpmn:sequenceFlow id=\"SequenceFlow_ToTownshipReview\" sourceRef=\"Gateway_MaterialsReady\" targetRef=\"Task_TownshipReview\" />",
				"<bpmn:sequenceFlow id=\"SequenceFlow_ToTownshipReview\" sourceRef=\"Gateway_MaterialsReady\" targetRef=\"Task_IssueCertificate\" />");
		assertThat(skipping).isNotEqualTo(original);
		try {
			assertThat(deploy("owner", skipping).status()).isEqualTo(200);
			ProcessInstance pi = startCase();
			assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).count())
				.as("straight to the certificate").isEqualTo(1);
			String businessKey = pi.getBusinessKey();

			assertThatThrownBy(() -> runDueJobs(pi.getId())).hasMessageContaining("不发证").hasMessageContaining(businessKey);
			assertThat(count("SELECT COUNT(*) FROM ha_certificate WHERE business_key = ?", businessKey)).isZero();
			assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).count())
				.as("the case waits at the certificate step").isOne();
		}
		finally {
			assertThat(deploy("owner", original).status()).isEqualTo(200);
		}
	}

}
