package cn.healthassist.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.support.Applications;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/**
 * A process owner deploys a changed form alone (Modeler deploys the file it has open), and the engine binds the forms
 * to their latest version: the next person fills in the new version. The completion's check, the audit log and the
 * trail read the same version — a field the new version adds is accepted, recorded and labelled; a step keeps the
 * fields of the version it was submitted with after the form changed again; a field the version in force no longer
 * has is refused. The facts the rules of a running case read stay those its process version declares: a form deployed
 * alone lets no person set the disease of a certificate.
 */
class FormVersionsIT extends IntegrationTest {

	private static final String FORM = "chronicTownshipReviewForm";

	private static final String ADDED = "townshipVisitNote";

	@Autowired
	AuditLog auditLog;

	@Autowired
	ObjectMapper json;

	@Autowired
	RepositoryService repositoryService;

	@Autowired
	FormFields formFields;

	@Autowired
	PlatformTransactionManager transactionManager;

	private final List<String> deployments = new ArrayList<>();

	@AfterEach
	void latestVersionAsBefore() {
		deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
	}

	@Test
	void aFormDeployedAlone_isTheVersionChecked_recorded_kept_andLabelled() throws Exception {
		String withNote = deployForm(true);
		String caseA = zeroMaterialCase();
		assertThat(submitReview(caseA, Map.of("townshipDecision", "pass", "townshipOpinion", "材料齐全，同意上报",
				ADDED, "已入户核实，本人在家")).status()).isEqualTo(204);

		AuditEntry entry = reviewEntry(caseA);
		assertThat(entry.formDeploymentId()).as("the version the person submitted").isEqualTo(withNote);
		assertThat(json.readTree(entry.data()).path(ADDED).asText()).isEqualTo("已入户核实，本人在家");
		assertThat(labelOf(caseA, ADDED)).startsWith("入户核查记录").contains("未采用");
		assertThat(fact(caseA, ADDED)).as("no fact of the case's process version: its rules do not read it").isNull();
		assertThat(fact(caseA, "townshipOpinion")).isEqualTo("材料齐全，同意上报");

		// the owner takes the field out again: the step submitted with it keeps it, by its own version
		String withoutNote = deployForm(false);
		assertThat(json.readTree(reviewEntry(caseA).data()).path(ADDED).asText()).isEqualTo("已入户核实，本人在家");
		assertThat(labelOf(caseA, ADDED)).startsWith("入户核查记录");
		assertThat(fact(caseA, "townshipOpinion")).isEqualTo("材料齐全，同意上报");
		assertThat(auditLog.verify(businessKey(caseA)).verified()).isTrue();

		// and the version in force no longer lets a person send it
		String caseB = zeroMaterialCase();
		Http.Response refused = submitReview(caseB, Map.of("townshipDecision", "pass", "townshipOpinion", "同意",
				ADDED, "旧表单的字段"));
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.body()).contains(ADDED);
		assertThat(task(caseB, "Task_TownshipReview")).as("nothing completed").isNotNull();
		assertThat(auditLog.entries(businessKey(caseB))).noneMatch(e -> AuditEntry.TASK_COMPLETED.equals(e.eventType()));

		assertThat(submitReview(caseB, Map.of("townshipDecision", "pass", "townshipOpinion", "同意")).status())
			.isEqualTo(204);
		assertThat(reviewEntry(caseB).formDeploymentId()).isEqualTo(withoutNote);
		assertThat(fact(caseB, ADDED)).isNull();

		// the version is under the entry's hash: read by another version, the chain no longer verifies, also when the
		// version is moved into the data's text
		String stored = jdbc.queryForObject("SELECT data FROM ha_audit_log WHERE id = ?", String.class, entry.id());
		jdbc.update("UPDATE ha_audit_log SET form_deployment_id = NULL WHERE id = ?", entry.id());
		assertThat(auditLog.verify(businessKey(caseA)).brokenAtSeq()).isEqualTo(entry.seq());
		jdbc.update("UPDATE ha_audit_log SET data = ? WHERE id = ?", stored + "\u001F" + withNote, entry.id());
		assertThat(auditLog.verify(businessKey(caseA)).verified()).isFalse();
		assertThat(auditLog.verify(businessKey(caseA)).brokenAtSeq()).isEqualTo(entry.seq());
	}

	@Test
	void aFormDeployedAlone_letsNoPersonSetAFactOfARunningCase() throws Exception {
		String pi = zeroMaterialCase();
		// a township review form that lets the centre "correct" the disease, deployed alone by a process owner
		deployForm("diseaseCode", "疾病");
		Http.Response refused = submitReview(pi, Map.of("townshipDecision", "pass", "townshipOpinion", "同意", "diseaseCode",
				"DM"));
		assertThat(refused.status()).as("the form declares it, but the disease is the start's: " + refused.body())
			.isEqualTo(400);
		assertThat(refused.body()).contains("diseaseCode");
		assertThat(submitReview(pi, Map.of("townshipDecision", "pass", "townshipOpinion", "同意")).status()).isEqualTo(204);
		assertThat(json.readTree(reviewEntry(pi).data()).path("diseaseCode").isMissingNode()
				|| json.readTree(reviewEntry(pi).data()).path("diseaseCode").isNull()).as("nothing of it recorded").isTrue();
		assertThat(fact(pi, "diseaseCode")).as("the rules read the start's").isEqualTo("HTN");
		assertThat(labelOf(pi, "townshipOpinion")).isEqualTo("审核意见");

		Task approval = task(pi, "Task_CountyApproval");
		as("insurance", () -> {
			taskService.claim(approval.getId(), "insurance");
			taskService.complete(approval.getId(), Map.of("countyDecision", "approve", "countyOpinion", "同意发证"));
		});
		runDueJobs(pi);
		assertThat(jdbc.queryForObject("SELECT disease_code FROM ha_certificate WHERE business_key = ?", String.class,
				businessKey(pi))).isEqualTo("HTN");
	}

	@Test
	void aStepsCheckAndRecord_seeOneVersion_whenAFormIsDeployedBetweenThem() throws Exception {
		String pi = zeroMaterialCase();
		Task review = task(pi, "Task_TownshipReview");
		as("health-t01", () -> taskService.claim(review.getId(), "health-t01"));
		String processDeployment = repositoryService.getProcessDefinition(review.getProcessDefinitionId())
			.getDeploymentId();
		Map<String, Object> withNote = Map.of("townshipDecision", "pass", "townshipOpinion", "同意", ADDED, "入户核实");
		String[] deployedMeanwhile = new String[1];

		// in the step's transaction its record has resolved the form's version; an owner's form adding a field commits
		// on another connection before the person's completion is checked in the same transaction
		Throwable refused = catchThrowable(() -> new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
			assertThat(formFields.boundDeployment(engine, processDeployment, FORM, "latest", null))
				.isEqualTo(processDeployment);
			Thread owner = new Thread(() -> deployedMeanwhile[0] = deployFormUnchecked(ADDED, "入户核查记录"));
			owner.start();
			join(owner);
			assertThat(deployedMeanwhile[0]).as("committed meanwhile").isNotNull();
			as("health-t01", () -> taskService.complete(review.getId(), withNote));
		}));
		assertThat(refused).as("checked against the version the step is recorded by")
			.isInstanceOf(CaseRejectedException.class)
			.hasMessageContaining(ADDED);
		assertThat(task(pi, "Task_TownshipReview")).as("nothing completed").isNotNull();
		assertThat(auditLog.entries(businessKey(pi))).noneMatch(e -> AuditEntry.TASK_COMPLETED.equals(e.eventType()));

		// the next transaction sees the new version, for the check and the record alike
		assertThat(submitReview(pi, withNote).status()).isEqualTo(204);
		assertThat(reviewEntry(pi).formDeploymentId()).isEqualTo(deployedMeanwhile[0]);
		assertThat(json.readTree(reviewEntry(pi).data()).path(ADDED).asText()).isEqualTo("入户核实");
	}

	private String deployFormUnchecked(String addedKey, String label) {
		try {
			return deployForm(addedKey, label);
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static void join(Thread thread) {
		try {
			thread.join(60_000);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	@Test
	void theVersionWhoseFieldsAreFacts_isTheProcessesOwnOrAReleases_neverAPersonsFormAlone() throws Exception {
		String pi = zeroMaterialCase();
		String processDeployment = repositoryService
			.getProcessDefinition(task(pi, "Task_TownshipReview").getProcessDefinitionId())
			.getDeploymentId();
		String before = formFields.pinnedDeployment(identityService, processDeployment, FORM);
		assertThat(before).as("the application's own").isNotNull();

		deployForm(ADDED, "入户核查记录");
		assertThat(formFields.pinnedDeployment(identityService, processDeployment, FORM)).as("an owner's form alone")
			.isEqualTo(before);

		// a release: the application deploys a changed form alone at its start, as no one
		String release = repositoryService.createDeployment()
			.name("health-assist")
			.addString(FORM + ".form", json.writeValueAsString(json.readTree(
					getClass().getResourceAsStream("/forms/" + FORM + ".form"))))
			.deploy()
			.getId();
		deployments.add(0, release);
		assertThat(formFields.pinnedDeployment(identityService, processDeployment, FORM)).isEqualTo(release);
	}

	/** The township review form as the project ships it, with or without the added field, deployed alone. */
	private String deployForm(boolean withNote) throws Exception {
		return withNote ? deployForm(ADDED, "入户核查记录") : deployForm(null, null);
	}

	/** The township review form as the project ships it, with an editable text field added, deployed alone. */
	private String deployForm(String addedKey, String label) throws Exception {
		ObjectNode form;
		try (InputStream in = getClass().getResourceAsStream("/forms/" + FORM + ".form")) {
			form = (ObjectNode) json.readTree(in);
		}
		if (addedKey != null) {
			ObjectNode note = ((ArrayNode) form.path("components")).addObject();
			note.put("type", "textfield").put("key", addedKey).put("label", label).put("id", "Field_" + addedKey);
		}
		String text = json.writeValueAsString(form);
		// as the process owner, as from Modeler (the application deploys at its start as no one)
		String id = as("owner", () -> repositoryService.createDeployment()
			.name(FORM + " from Modeler")
			.addString(FORM + ".form", text)
			.deploy()
			.getId());
		deployments.add(0, id);
		return id;
	}

	/** A chronic-certificate case with treatment records: it waits at the township review. */
	private String zeroMaterialCase() {
		String id = TestIds.newIdNumber();
		treatmentRecord(id, "HTN", LocalDate.now().minusMonths(2));
		String pi = startCase("doctor-t01v01", "/api/chronic-certificate-applications", Applications.chronic(id, "T01V01"))
			.getId();
		assertThat(task(pi, "Task_TownshipReview")).as("zero-material: straight to the township").isNotNull();
		return pi;
	}

	/** Claims the review and submits its form as health-t01 through the engine REST API, as Tasklist does. */
	private Http.Response submitReview(String processInstanceId, Map<String, Object> fields) {
		Task review = task(processInstanceId, "Task_TownshipReview");
		Http http = http("health-t01");
		if (review.getAssignee() == null) {
			assertThat(http.post("/engine-rest/task/" + review.getId() + "/claim", "application/json",
					"{\"userId\":\"health-t01\"}").status()).isEqualTo(204);
		}
		Map<String, Object> variables = new LinkedHashMap<>();
		fields.forEach((k, v) -> variables.put(k, Map.of("value", v)));
		return http.postJson("/engine-rest/task/" + review.getId() + "/submit-form", Map.of("variables", variables));
	}

	private AuditEntry reviewEntry(String processInstanceId) {
		return auditLog.entries(businessKey(processInstanceId))
			.stream()
			.filter(e -> AuditEntry.TASK_COMPLETED.equals(e.eventType()) && "Task_TownshipReview".equals(e.activityId()))
			.findFirst()
			.orElseThrow();
	}

	/** The label the auditor's trail gives the field at the township review. */
	private String labelOf(String processInstanceId, String key) {
		for (JsonNode field : trailStep(businessKey(processInstanceId), "Task_TownshipReview").path("fields")) {
			if (key.equals(field.path("key").asText())) {
				return field.path("label").asText();
			}
		}
		return null;
	}

	private String businessKey(String processInstanceId) {
		return historyService.createHistoricProcessInstanceQuery()
			.processInstanceId(processInstanceId)
			.singleResult()
			.getBusinessKey();
	}

}
