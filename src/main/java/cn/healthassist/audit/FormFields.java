package cn.healthassist.audit;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.CamundaFormRefImpl;
import org.camunda.bpm.engine.impl.form.entity.CamundaFormDefinitionManager;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.healthassist.engine.BoundForms;
import cn.healthassist.engine.SystemCalls;

/**
 * The fields of a Camunda Form of a deployment: their keys, labels, and the labels of their options, so that the
 * audit log records what a person entered at a step and the trail shows it in words ("通过，报县医保局审批"
 * rather than "pass"). Read once per deployment and form.
 */
@Component
public class FormFields {

	private static final List<String> INPUTS = List.of("textfield", "textarea", "number", "select", "radio", "checkbox",
			"checklist", "taglist", "datetime");

	private final ObjectMapper json;

	private final ObjectProvider<ProcessEngine> engine;

	private final Map<String, Map<String, Field>> cache = new ConcurrentHashMap<>();

	/**
	 * The engine's services come with each call: the audit log reads forms inside the engine's own commands. The
	 * engine itself is looked up when first used (the pinned versions), once it is built.
	 */
	public FormFields(ObjectMapper json, ObjectProvider<ProcessEngine> engine) {
		this.json = json;
		this.engine = engine;
	}

	/**
	 * A field of a form: its label, its options' labels by value, and whether a person fills it in (not read-only or
	 * disabled: the fields a completion may carry, and the only ones the case record takes from a step).
	 */
	public record Field(String key, String label, Map<String, String> options, boolean editable) {

		public String labelOf(Object value) {
			return value == null ? null : options.getOrDefault(value.toString(), value.toString());
		}

	}

	/**
	 * The deployment holding the version of a form the engine shows for a start event or user task of a process
	 * definition deployed in {@code processDeploymentId}, resolved as the engine resolves it for Tasklist and for the
	 * completion's check (its binding: {@code latest}, {@code deployment} or {@code version}). A process owner may
	 * deploy a changed form alone from Modeler: a {@code latest} form is then in a newer deployment than its process.
	 * In the current engine command, or in one of its own when none is open (the services the engine hands out are its
	 * ProcessEngine). The process's deployment when no version is found (the engine then shows no form).
	 */
	public String boundDeployment(ProcessEngineServices services, String processDeploymentId, String formKey,
			String binding, String version) {
		if (formKey == null) {
			return processDeploymentId;
		}
		if (Context.getCommandContext() == null) {
			return SystemCalls.inOneCommand((ProcessEngine) services,
					() -> boundDeployment(services, processDeploymentId, formKey, binding, version));
		}
		// the step's check, rules and record resolve it once in their transaction, and so all see the same version
		CamundaFormRefImpl ref = new CamundaFormRefImpl(formKey, binding == null ? "latest" : binding);
		// the engine reads the version only with the binding "version" (DefaultFormHandler): so does the key here
		if ("version".equals(ref.getBinding()) && version != null && !version.isEmpty()
				&& version.chars().allMatch(Character::isDigit)) {
			ref.setVersion(Integer.valueOf(version));
		}
		CamundaFormDefinition bound = BoundForms.of(processDeploymentId, ref);
		return bound == null ? processDeploymentId : bound.getDeploymentId();
	}

	/**
	 * The deployment of the version of a {@code latest}-bound form that fixes which of a step's fields a running case
	 * takes as facts (CaseRecords): of the form's versions, the newest that is in the process definition's own
	 * deployment or that the application deployed itself at its start (a release of the product, which changes its
	 * rules too; with deploy-changed-only a changed form is deployed alone). A form a person deploys alone (a process
	 * owner, from Modeler: Camunda's user operation log names them, at the history level {@code full} the product
	 * runs at) may add fields a person fills in, recorded and shown, but no fact a rule reads; a process version
	 * deployed together with it takes them. Null when no version qualifies: the step then establishes no facts.
	 * Looked up once per process definition and step by the caller.
	 */
	public String pinnedDeployment(IdentityService identityService, String processDeploymentId, String formKey) {
		if (Context.getCommandContext() == null) {
			return SystemCalls.inOneCommand(engine.getObject(),
					() -> pinnedDeployment(identityService, processDeploymentId, formKey));
		}
		return SystemCalls.run(identityService, () -> {
			CamundaFormDefinitionManager versions = Context.getCommandContext().getCamundaFormDefinitionManager();
			CamundaFormDefinitionEntity latest = versions.findLatestDefinitionByKey(formKey);
			for (int v = latest == null ? 0 : latest.getVersion(); v >= 1; v--) {
				CamundaFormDefinitionEntity version = versions.findDefinitionByKeyVersionAndTenantId(formKey, v, null);
				if (version != null && (version.getDeploymentId().equals(processDeploymentId)
						|| !byPerson(version.getDeploymentId()))) {
					return version.getDeploymentId();
				}
			}
			return null;
		});
	}

	/** Whether a person made the deployment (Camunda logs it under their name), not the application at its start. */
	private boolean byPerson(String deploymentId) {
		return engine.getObject()
			.getHistoryService()
			.createUserOperationLogQuery()
			.deploymentId(deploymentId)
			.entityType(EntityTypes.DEPLOYMENT)
			.operationType(UserOperationLogEntry.OPERATION_TYPE_CREATE)
			.list()
			.stream()
			.anyMatch(entry -> entry.getUserId() != null);
	}

	/** The input fields of the form, in form order; empty when the deployment has no such form. */
	public Map<String, Field> of(RepositoryService repositoryService, IdentityService identityService,
			String deploymentId, String formKey) {
		if (deploymentId == null || formKey == null) {
			return Map.of();
		}
		Map<String, Field> known = cache.get(deploymentId + "|" + formKey);
		if (known != null) {
			return known;
		}
		// the form belongs to the case's deployment; reading it is not the user's right to check here
		Map<String, Field> own = SystemCalls.run(identityService, () -> readFrom(repositoryService, deploymentId, formKey));
		if (own != null) {
			cache.put(deploymentId + "|" + formKey, own);
			return own;
		}
		// not in the deployment: the latest version, which may change, so it is not cached
		return SystemCalls.run(identityService, () -> read(repositoryService, deploymentId, formKey));
	}

	/**
	 * The form in the process's own deployment or, as the engine binds forms to their latest version, in the newest
	 * deployment that has it (a model redeployed from Modeler carries only its changed files).
	 */
	private Map<String, Field> read(RepositoryService repositoryService, String deploymentId, String formKey) {
		Map<String, Field> own = readFrom(repositoryService, deploymentId, formKey);
		if (own != null) {
			return own;
		}
		for (var deployment : repositoryService.createDeploymentQuery().orderByDeploymentTime().desc().listPage(0, 100)) {
			Map<String, Field> found = readFrom(repositoryService, deployment.getId(), formKey);
			if (found != null) {
				return found;
			}
		}
		return new LinkedHashMap<>();
	}

	private Map<String, Field> readFrom(RepositoryService repositoryService, String deploymentId, String formKey) {
		Map<String, Field> fields = new LinkedHashMap<>();
		for (String resource : repositoryService.getDeploymentResourceNames(deploymentId)) {
			if (!resource.endsWith(".form")) {
				continue;
			}
			try (InputStream in = repositoryService.getResourceAsStream(deploymentId, resource)) {
				JsonNode form = json.readTree(in);
				if (formKey.equals(form.path("id").asText())) {
					collect(form.path("components"), fields);
					return fields;
				}
			}
			catch (IOException e) {
				// an unreadable form has no fields to record
			}
		}
		return null;
	}

	private static void collect(JsonNode components, Map<String, Field> fields) {
		for (JsonNode c : components) {
			if (INPUTS.contains(c.path("type").asText()) && c.hasNonNull("key")) {
				Map<String, String> options = new LinkedHashMap<>();
				for (JsonNode v : c.path("values")) {
					options.put(v.path("value").asText(), v.path("label").asText());
				}
				// a date field (datetime) carries its label as dateLabel
				String label = c.hasNonNull("label") ? c.path("label").asText() : c.path("dateLabel").asText();
				boolean editable = !c.path("readonly").asBoolean(false) && !c.path("disabled").asBoolean(false);
				fields.put(c.path("key").asText(), new Field(c.path("key").asText(), label, options, editable));
			}
			if (c.has("components")) {
				collect(c.path("components"), fields);
			}
		}
	}

}
