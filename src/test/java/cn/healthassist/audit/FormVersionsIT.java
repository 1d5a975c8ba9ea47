package cn.healthassist.audit;

import static org.assertj.core.api.Assertions.assertThat;

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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.healthassist.support.Applications;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/**
 * A process owner deploys a changed form alone (Modeler deploys the file it has open), and the engine binds the forms
 * to their latest version: the next person fills in the new version. The completion's check, the case record and the
 * trail read the same version — a field the new version adds is accepted, recorded, kept as a fact and labelled; a step
 * keeps the fields of the version it was submitted with after the form changed again; a field the version in force
 * no longer has is refused.
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
		assertThat(fact(caseA, ADDED)).as("a fact of the record").isEqualTo("已入户核实，本人在家");
		assertThat(labelOf(caseA, ADDED)).isEqualTo("入户核查记录");

		// the owner takes the field out again: the step submitted with it keeps it, by its own version
		String withoutNote = deployForm(false);
		assertThat(fact(caseA, ADDED)).isEqualTo("已入户核实，本人在家");
		assertThat(fact(caseA, "townshipOpinion")).isEqualTo("材料齐全，同意上报");
		assertThat(labelOf(caseA, ADDED)).isEqualTo("入户核查记录");
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

		// the version is under the entry's hash: read by another version, the chain no longer verifies
		jdbc.update("UPDATE ha_audit_log SET form_deployment_id = NULL WHERE id = ?", entry.id());
		AuditLog.ChainCheck changed = auditLog.verify(businessKey(caseA));
		assertThat(changed.verified()).isFalse();
		assertThat(changed.brokenAtSeq()).isEqualTo(entry.seq());
	}

	/** The township review form as the project ships it, with or without the added field, deployed alone. */
	private String deployForm(boolean withNote) throws Exception {
		ObjectNode form;
		try (InputStream in = getClass().getResourceAsStream("/forms/" + FORM + ".form")) {
			form = (ObjectNode) json.readTree(in);
		}
		if (withNote) {
			ObjectNode note = ((ArrayNode) form.path("components")).addObject();
			note.put("type", "textfield").put("key", ADDED).put("label", "入户核查记录").put("id", "Field_" + ADDED);
		}
		String id = repositoryService.createDeployment()
			.name(FORM + " from Modeler")
			.addString(FORM + ".form", json.writeValueAsString(form))
			.deploy()
			.getId();
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
