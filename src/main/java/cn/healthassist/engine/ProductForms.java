package cn.healthassist.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.healthassist.security.CaseProcess;

/**
 * The fields a person may submit at each step, as this release of the product defines them: the editable fields of
 * the forms it ships ({@code forms/}) at the steps its models ({@code processes/}) show them. A process owner may deploy
 * changed forms and models, which the engine then shows; but a step accepts at most these fields, whatever a deployed
 * form adds. Otherwise a changed form would let a later step submit an earlier step's decision or a rule's amount
 * under its name ({@code approvedAmount} at the payment), and the rules, which read a case's latest facts, would take
 * it. A step the product does not know accepts no field.
 */
public final class ProductForms {

	private final Map<String, Set<String>> fields;

	/** The candidate groups of each user task of the product's models, as written there (by process key#task id). */
	private final Map<String, String> groups;

	/** Every name of a case's facts the product knows: its forms' fields (shown or edited) and its rules' names. */
	private final Set<String> known;

	private ProductForms(Map<String, Set<String>> fields, Set<String> known, Map<String, String> groups) {
		this.fields = Map.copyOf(fields);
		this.groups = Map.copyOf(groups);
		this.known = Set.copyOf(known);
	}

	/**
	 * Whether a person may submit the field at the step: a field of the product's own form of the step, or one the
	 * product does not know (a field a process owner adds, as a visit's heart rate, is the owner's to add). A name the
	 * product knows as another step's, the start's or a rule's fact ({@code approvedAmount} on the payment form,
	 * {@code diseaseCode} on the township review's) is not.
	 */
	public boolean accepts(String processDefinitionId, String activityId, String field) {
		return ofDefinition(processDefinitionId, activityId).contains(field) || !known.contains(field);
	}

	/** As {@link #accepts}, for the process's start. */
	public boolean acceptsAtStart(String processKey, String field) {
		return ofStart(processKey).contains(field) || !known.contains(field);
	}

	private static final class Holder {

		static final ProductForms SHIPPED = load(new ObjectMapper());

	}

	/** The product's own forms and models, read once from the classpath. */
	public static ProductForms shipped() {
		return Holder.SHIPPED;
	}

	/** The fields the step (a user task or a start event of the process) accepts; none for a step the product lacks. */
	public Set<String> of(String processKey, String activityId) {
		return fields.getOrDefault(processKey + "#" + activityId, Set.of());
	}

	/** The fields the step of the process definition (by its id) accepts. */
	public Set<String> ofDefinition(String processDefinitionId, String activityId) {
		return of(CaseProcess.keyOf(processDefinitionId), activityId);
	}

	/**
	 * The candidate groups the product's model gives a user task ({@code township-health-${townshipCode}}), null for a
	 * task the product's model does not have. A changed model keeps them: a step the product's rules take for the
	 * county's approval stays the county's (engine/ModelRules).
	 */
	public String candidateGroups(String processKey, String taskId) {
		return groups.get(processKey + "#" + taskId);
	}

	/** The fields the process's start accepts (its start events' forms). */
	public Set<String> ofStart(String processKey) {
		return fields.getOrDefault(processKey + "#", Set.of());
	}

	static ProductForms load(ObjectMapper json) {
		try {
			// the class loader of the product's classes (in the packaged application, the one that sees BOOT-INF/classes),
			// not the calling thread's, which may be a job executor's
			PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(
					ProductForms.class.getClassLoader());
			Map<String, Set<String>> byForm = new HashMap<>();
			Set<String> known = new java.util.HashSet<>(CaseProcess.JURISDICTION_CODES);
			for (Resource form : resolver.getResources("classpath*:forms/*.form")) {
				byte[] content;
				try (InputStream in = form.getInputStream()) {
					content = in.readAllBytes();
				}
				com.fasterxml.jackson.databind.JsonNode tree = json.readTree(content);
				String id = tree.path("id").asText(null);
				if (id != null) {
					byForm.put(id, EditableFields.of(json, new java.io.ByteArrayInputStream(content)));
				}
				tree.findValuesAsText("key").forEach(known::add);
			}
			Set<String> rules = ruleNames(resolver);
			known.addAll(rules);
			Map<String, Set<String>> fields = new HashMap<>();
			Map<String, String> groups = new HashMap<>();
			for (Resource model : resolver.getResources("classpath*:processes/*.bpmn")) {
				BpmnModelInstance instance;
				try (InputStream in = model.getInputStream()) {
					instance = Bpmn.readModelFromStream(in);
				}
				for (UserTask task : instance.getModelElementsByType(UserTask.class)) {
					put(fields, byForm, processKey(task), task.getId(), task.getCamundaFormRef());
					if (task.getCamundaCandidateGroups() != null) {
						groups.put(processKey(task) + "#" + task.getId(), task.getCamundaCandidateGroups().strip());
					}
				}
				for (StartEvent start : instance.getModelElementsByType(StartEvent.class)) {
					String key = processKey(start);
					put(fields, byForm, key, start.getId(), start.getCamundaFormRef());
					put(fields, byForm, key, "", start.getCamundaFormRef());
				}
			}
			// fail closed: without its forms, models and names the product would take every name for a new one
			if (byForm.isEmpty() || fields.isEmpty() || rules.isEmpty()) {
				throw new IllegalStateException("the product's forms, models or names of facts were not found on the class path");
			}
			return new ProductForms(fields, known, groups);
		}
		catch (IOException e) {
			throw new UncheckedIOException("the product's forms and models could not be read", e);
		}
	}

	/**
	 * The names the product's rules give a case's facts: the constants of its {@code *Variables} classes
	 * (chronic/ChronicVariables, charity/CharityVariables …), read by name so that this package depends on none of them.
	 */
	private static Set<String> ruleNames(PathMatchingResourcePatternResolver resolver) throws IOException {
		Set<String> names = new java.util.HashSet<>();
		for (Resource type : resolver.getResources("classpath*:cn/healthassist/*/*Variables.class")) {
			String path = type.getURL().toString();
			String className = path.substring(path.lastIndexOf("cn/healthassist/"), path.length() - ".class".length())
				.replace('/', '.');
			try {
				for (java.lang.reflect.Field f : Class.forName(className, false, ProductForms.class.getClassLoader())
					.getFields()) {
					int m = f.getModifiers();
					if (f.getType() == String.class && java.lang.reflect.Modifier.isStatic(m)
							&& java.lang.reflect.Modifier.isFinal(m)) {
						names.add((String) f.get(null));
					}
				}
			}
			catch (ReflectiveOperationException e) {
				throw new IllegalStateException("the product's names of facts could not be read from " + className, e);
			}
		}
		return names;
	}

	private static void put(Map<String, Set<String>> fields, Map<String, Set<String>> byForm, String processKey,
			String activityId, String formRef) {
		if (processKey == null || formRef == null || !byForm.containsKey(formRef)) {
			return;
		}
		fields.merge(processKey + "#" + activityId, byForm.get(formRef), (a, b) -> {
			Set<String> both = new java.util.LinkedHashSet<>(a);
			both.addAll(b);
			return Set.copyOf(both);
		});
	}

	private static String processKey(ModelElementInstance element) {
		ModelElementInstance e = element;
		while (e != null && !(e instanceof Process)) {
			e = e.getParentElement();
		}
		return e == null ? null : ((Process) e).getId();
	}

}
