package cn.healthassist.audit;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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

	private final Map<String, Map<String, Field>> cache = new ConcurrentHashMap<>();

	/** The engine's services come with each call: the audit log reads forms inside the engine's own commands. */
	public FormFields(ObjectMapper json) {
		this.json = json;
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
