package cn.healthassist.audit;

import cn.healthassist.engine.ProductForms;

import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.healthassist.engine.SystemCalls;
import cn.healthassist.privacy.PersonalDataCipher;
import cn.healthassist.security.CaseProcess;

/**
 * The case record (案件记录): the facts of a case as the product established them, in its own table, appended step by
 * step and never overwritten — the hash-chained audit log ({@code ha_audit_log}). A case's facts are, in the order
 * they were appended:
 * <ul>
 * <li>the start form's fields as the start rules accepted them ({@code case-started});</li>
 * <li>what the start rules and every later rule established: codes and names of the jurisdiction, amounts calculated,
 * numbers issued, who approved ({@code rule-applied}, written by {@link #establish});</li>
 * <li>of every completed step, only the fields its deployed form lets a person fill in ({@code task-completed}): a
 * value the step's form does not offer is never taken from that step.</li>
 * </ul>
 * The later fact of a name replaces the earlier one. The product's rules read their inputs here ({@link #of},
 * {@link #inputs}), never from the process variables: those are working copies for the forms, Tasklist and the
 * routing, and a variable changed by any other way changes no amount, person or number the rules produce.
 */
@Component
public class CaseRecords {

	private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
	};

	private final AuditLog auditLog;

	private final FormFields formFields;

	private final ObjectMapper json;

	private final PersonalDataCipher cipher;

	/**
	 * The form of a user task, by process definition and activity: the process's deployment, the form's key, binding
	 * and version; NONE for a step without one.
	 */
	private final Map<String, Form> forms = new ConcurrentHashMap<>();

	private record Form(String deploymentId, String formKey, String binding, String version, boolean latest,
			String pinnedDeploymentId) {

		static final Form NONE = new Form(null, null, null, null, false, null);

	}

	public CaseRecords(AuditLog auditLog, FormFields formFields, ObjectMapper json, PersonalDataCipher cipher) {
		this.auditLog = auditLog;
		this.formFields = formFields;
		this.json = json;
		this.cipher = cipher;
	}

	/**
	 * A rule of the product establishes facts: they are appended to the case record and set as process variables (for
	 * the routing and Tasklist's list), except personal data and, in a process that declares what its engine keeps
	 * (CaseProcess.engineKeeps), any other value, which only the record keeps (docs/security.md). Values are texts,
	 * numbers, booleans, dates or null.
	 */
	public void establish(DelegateExecution execution, Map<String, ?> facts) {
		append(execution.getProcessBusinessKey(), execution.getProcessInstanceId(), execution.getCurrentActivityId(),
				execution.getCurrentActivityName(), null, facts);
		// a start rule's values stay until the start is recorded, which takes out of the engine what it does not keep
		// (AuditRecorder); a later rule's never go in
		boolean later = execution.getEventName() == null;
		facts.forEach((k, v) -> {
			if (later && !engineHolds(cipher, execution.getProcessDefinitionId(), k)) {
				execution.removeVariable(k);
			}
			else {
				execution.setVariable(k, v);
			}
		});
	}

	/**
	 * Facts only the case record keeps: appended as {@link #establish(DelegateExecution, Map)} appends them, but not
	 * set as process variables. The rules read them here, the forms show them from the record
	 * (cases/RecordValuesInForms); the engine keeps what its routing needs.
	 */
	public void keep(DelegateExecution execution, Map<String, ?> facts) {
		append(execution.getProcessBusinessKey(), execution.getProcessInstanceId(), execution.getCurrentActivityId(),
				execution.getCurrentActivityName(), null, facts);
	}

	/**
	 * As {@link #establish(DelegateExecution, Map)}, by a rule of a human step (its approver, a normalised amount). A
	 * value of one of the step's own fields (an amount as the rule normalised it) replaces the submitted one, so that
	 * the step's entry in the record holds it too; the engine lets it go with the step's other fields once that entry
	 * is written (AuditRecorder), unless it keeps it.
	 */
	public void establish(DelegateTask task, Map<String, ?> facts) {
		append(task.getExecution().getProcessBusinessKey(), task.getProcessInstanceId(), task.getTaskDefinitionKey(),
				task.getName(), task.getId(), facts);
		Set<String> own = editable(task.getProcessEngineServices(), task.getProcessDefinitionId(),
				task.getTaskDefinitionKey()).keySet();
		facts.forEach((k, v) -> {
			if (!own.contains(k) && !engineHolds(cipher, task.getProcessDefinitionId(), k)) {
				task.removeVariable(k);
			}
			else {
				task.setVariable(k, v);
			}
		});
	}

	/**
	 * Whether the engine may hold this value of a case as a process variable: no personal data (docs/security.md,
	 * "Not in the engine"), and of a process that declares what its engine keeps only that (CaseProcess.engineKeeps).
	 */
	static boolean engineHolds(PersonalDataCipher cipher, String processDefinitionId, String name) {
		return !cipher.fields().contains(name) && CaseProcess.engineKeeps(processDefinitionId, name);
	}

	/**
	 * A step's own fields open empty, not with an earlier round's answer (a task listener at the step's creation): what
	 * the engine keeps (a decision a gateway reads) is set to null, anything else is not left in the engine
	 * (CaseProcess.engineKeeps).
	 */
	public static void openEmpty(DelegateTask task, String... fields) {
		for (String field : fields) {
			if (CaseProcess.engineKeeps(task.getProcessDefinitionId(), field)) {
				task.setVariable(field, null);
			}
			else {
				task.removeVariable(field);
			}
		}
	}

	/**
	 * Facts a person's request brings through the product's own API to an event of the case (a withdrawal, an
	 * objection), appended to the case record in the request's transaction, before the engine is told; the reason
	 * the person gave is the entry's opinion, which the trail shows at the event.
	 */
	public void establish(String businessKey, String processInstanceId, String activityId, String activityName,
			String userId, String opinion, Map<String, ?> facts) {
		append(businessKey, processInstanceId, activityId, activityName, null, userId, opinion, facts);
	}

	private void append(String businessKey, String processInstanceId, String activityId, String activityName,
			String taskId, Map<String, ?> facts) {
		append(businessKey, processInstanceId, activityId, activityName, taskId, currentUser(), null, facts);
	}

	private void append(String businessKey, String processInstanceId, String activityId, String activityName,
			String taskId, String userId, String opinion, Map<String, ?> facts) {
		if (businessKey == null) {
			throw new IllegalStateException("a case record needs the case's business key");
		}
		Map<String, Object> data = new LinkedHashMap<>();
		facts.forEach((k, v) -> data.put(k, v instanceof Date d ? d.toInstant().toString() : v));
		String text;
		try {
			text = json.writeValueAsString(data);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("facts of " + businessKey + " are not JSON", e);
		}
		auditLog.append(businessKey, processInstanceId, AuditEntry.RULE_APPLIED, activityId, activityName, taskId,
				userId, ClockUtil.getCurrentTime(), null, opinion, text);
	}

	/**
	 * What a person filled in at the case's last completed step (a visit's answers): the fields of the step's entry its
	 * form let them fill in, in the form's order and by the version they submitted, a field a process owner added too,
	 * but no personal data (ID number, phone, diagnosis); empty when no step was completed or it recorded nothing.
	 */
	public Map<String, Object> lastStep(DelegateExecution execution) {
		List<AuditEntry> entries = auditLog.entries(execution.getProcessBusinessKey());
		for (int i = entries.size() - 1; i >= 0; i--) {
			AuditEntry e = entries.get(i);
			if (!AuditEntry.TASK_COMPLETED.equals(e.eventType())) {
				continue;
			}
			Map<String, Object> filled = new LinkedHashMap<>();
			if (e.data() != null) {
				ProcessEngineServices services = execution.getProcessEngineServices();
				Map<String, Object> data = parse(e);
				editable(services.getRepositoryService(), services.getIdentityService(), execution.getProcessDefinitionId(),
						e.activityId(), e.formDeploymentId()).keySet().forEach(k -> {
							// personal data stays sealed in the log only, whatever a form asks
							if (data.get(k) != null && !cipher.fields().contains(k)) {
								filled.put(k, data.get(k));
							}
						});
			}
			return filled;
		}
		return Map.of();
	}

	/** The facts of the execution's case, as recorded so far. */
	public CaseFacts of(DelegateExecution execution) {
		return read(execution.getProcessEngineServices(), execution.getProcessBusinessKey(),
				execution.getProcessDefinitionId());
	}

	/**
	 * The inputs of a step's rules when it completes: the case's facts, and over them the fields of this step's form a
	 * person fills in, as submitted. Nothing else of the task's variables.
	 */
	public CaseFacts inputs(DelegateTask task) {
		return withOwnFields(task.getProcessEngineServices(), task.getExecution().getProcessBusinessKey(),
				task.getProcessDefinitionId(), task.getTaskDefinitionKey(), task::getVariable);
	}

	/**
	 * As {@link #inputs(DelegateTask)}, for the check before a completion is tried (TaskCompletionGuard): the case's
	 * facts and over them this step's own fields from the task's variables with the submission applied.
	 */
	public CaseFacts inputs(Task task, Map<String, Object> variables, ProcessEngineServices services) {
		String businessKey = SystemCalls.businessKey(services, task.getProcessInstanceId());
		return withOwnFields(services, businessKey, task.getProcessDefinitionId(), task.getTaskDefinitionKey(),
				variables::get);
	}

	/** The case's facts, and over them the step's fields a person fills in, with their values as given. */
	private CaseFacts withOwnFields(ProcessEngineServices services, String businessKey, String processDefinitionId,
			String taskDefinitionKey, Function<String, Object> own) {
		CaseFacts facts = read(services, businessKey, processDefinitionId);
		Map<String, Object> values = new LinkedHashMap<>(facts.values());
		for (String key : withinPinned(services.getRepositoryService(), services.getIdentityService(),
				processDefinitionId, taskDefinitionKey, editable(services, processDefinitionId, taskDefinitionKey))
			.keySet()) {
			values.put(key, own.apply(key));
		}
		return new CaseFacts(businessKey, values);
	}

	/** The facts of a case outside the engine's commands, by its business key and the process definition it runs in. */
	public CaseFacts of(RepositoryService repository, IdentityService identity, String businessKey,
			String processDefinitionId) {
		return read(repository, identity, businessKey, processDefinitionId);
	}

	/**
	 * The facts of a case outside the engine's commands (its documents, where it stands): by its business key and its
	 * process instance, running or ended; empty when the engine knows no such instance.
	 */
	public CaseFacts of(HistoryService history, RepositoryService repository, IdentityService identity,
			String businessKey, String processInstanceId) {
		return SystemCalls.run(identity, () -> {
			HistoricProcessInstance hpi = history.createHistoricProcessInstanceQuery()
				.processInstanceId(processInstanceId)
				.singleResult();
			return hpi == null ? new CaseFacts(businessKey, Map.of())
					: read(repository, identity, businessKey, hpi.getProcessDefinitionId());
		});
	}

	private CaseFacts read(ProcessEngineServices services, String businessKey, String processDefinitionId) {
		return read(services.getRepositoryService(), services.getIdentityService(), businessKey, processDefinitionId);
	}

	private CaseFacts read(RepositoryService repository, IdentityService identity, String businessKey,
			String processDefinitionId) {
		if (businessKey == null) {
			return new CaseFacts(null, new LinkedHashMap<>());
		}
		return of(repository, identity, businessKey, processDefinitionId, auditLog.entries(businessKey));
	}

	/** The facts of a case from its audit entries, already read (the trail's). */
	public CaseFacts of(RepositoryService repository, IdentityService identity, String businessKey,
			String processDefinitionId, List<AuditEntry> entries) {
		Map<String, Object> values = new LinkedHashMap<>();
		// each step's form is looked up once, however often the step ran
		Map<String, Map<String, FormFields.Field>> editableByStep = new HashMap<>();
		for (AuditEntry e : entries) {
			if (e.data() == null) {
				continue;
			}
			switch (e.eventType()) {
				case AuditEntry.CASE_STARTED, AuditEntry.RULE_APPLIED -> values.putAll(parse(e));
				case AuditEntry.TASK_COMPLETED -> {
					// by the form version the person submitted, within what the case's version lets a step establish
					Map<String, FormFields.Field> fields = editableByStep.computeIfAbsent(
							e.activityId() + "|" + e.formDeploymentId(),
							step -> withinPinned(repository, identity, processDefinitionId, e.activityId(),
									editable(repository, identity, processDefinitionId, e.activityId(),
											e.formDeploymentId())));
					parse(e).forEach((k, v) -> {
						if (fields.containsKey(k)) {
							values.put(k, v);
						}
					});
				}
				default -> {
				}
			}
		}
		return new CaseFacts(businessKey, values);
	}

	private Map<String, Object> parse(AuditEntry e) {
		try {
			return json.readValue(e.data(), MAP);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("the record of " + e.businessKey() + " #" + e.seq() + " is not JSON", ex);
		}
	}

	/**
	 * The names of the fields a person fills in on the form of a user task of the process definition, in the version
	 * the engine shows now (inside an engine command; FormFields.boundDeployment).
	 */
	public Set<String> editableFields(ProcessEngineServices services, String processDefinitionId, String activityId) {
		return editable(services, processDefinitionId, activityId).keySet();
	}

	/** The fields a person fills in on the form of a user task, in the version the engine shows now. */
	private Map<String, FormFields.Field> editable(ProcessEngineServices services, String processDefinitionId,
			String activityId) {
		RepositoryService repository = services.getRepositoryService();
		IdentityService identity = services.getIdentityService();
		Form form = form(repository, identity, processDefinitionId, activityId);
		String bound = form.formKey() == null ? null
				: formFields.boundDeployment(services, form.deploymentId(), form.formKey(), form.binding(),
						form.version());
		return editable(repository, identity, processDefinitionId, activityId, bound);
	}

	/**
	 * The fields a person fills in on the form of a user task of the process definition, in the version of
	 * {@code formDeploymentId}; null for the version in the process's own deployment.
	 */
	private Map<String, FormFields.Field> editable(RepositoryService repository, IdentityService identity,
			String processDefinitionId, String activityId, String formDeploymentId) {
		Form form = form(repository, identity, processDefinitionId, activityId);
		if (form.formKey() == null) {
			return Map.of();
		}
		Map<String, FormFields.Field> editable = new LinkedHashMap<>();
		// what a person may establish at this step (engine/ProductForms, as PersonCommandGuard lets through): a name
		// the product knows as another step's or a rule's, which a deployed form adds here, is recorded, never a fact
		ProductForms product = ProductForms.shipped();
		formFields.of(repository, identity, formDeploymentId != null ? formDeploymentId : form.deploymentId(),
				form.formKey())
			.forEach((k, f) -> {
				if (f.editable() && product.accepts(processDefinitionId, activityId, k)) {
					editable.put(k, f);
				}
			});
		return editable;
	}

	/**
	 * The fields of a step's entry a person filled in that are no facts of the case: editable in the form version
	 * they submitted (a form a person deployed alone) but not in the version whose fields the rules read. The trail
	 * marks them.
	 */
	public Set<String> notFacts(RepositoryService repository, IdentityService identity, String processDefinitionId,
			String activityId, String formDeploymentId) {
		Map<String, FormFields.Field> submitted = editable(repository, identity, processDefinitionId, activityId,
				formDeploymentId);
		Set<String> not = new HashSet<>(submitted.keySet());
		not.removeAll(withinPinned(repository, identity, processDefinitionId, activityId, submitted).keySet());
		return not;
	}

	/**
	 * Of a step's fields, those the case's process version lets a person establish as facts: the fields a person fills
	 * in on the step's form as the process definition's deployment or a later release of the application left it
	 * (FormFields.pinnedDeployment). A field a process owner adds to a form deployed alone is recorded and shown, but
	 * the rules of the cases already running do not take it: such a form makes no amount, person or decision of
	 * theirs a field a person sets. A new version of the process deployed with the form is what changes the facts,
	 * for the cases it starts.
	 */
	private Map<String, FormFields.Field> withinPinned(RepositoryService repository, IdentityService identity,
			String processDefinitionId, String activityId, Map<String, FormFields.Field> fields) {
		Form form = form(repository, identity, processDefinitionId, activityId);
		if (!form.latest() || fields.isEmpty()) {
			return fields; // a form bound to a deployment or a version is the one the case's version declared
		}
		if (form.pinnedDeploymentId() == null) {
			return Map.of();
		}
		Set<String> pinned = editable(repository, identity, processDefinitionId, activityId, form.pinnedDeploymentId())
			.keySet();
		Map<String, FormFields.Field> within = new LinkedHashMap<>(fields);
		within.keySet().retainAll(pinned);
		return within;
	}

	/** The form of a user task and its binding, from the model; NONE for a step without one. */
	private Form form(RepositoryService repository, IdentityService identity, String processDefinitionId,
			String activityId) {
		if (activityId == null) {
			return Form.NONE;
		}
		// a process definition's model never changes: its steps' forms are looked up once per node, not per request
		// (the guards read them outside the engine's commands, where each look-up was two commands of their own)
		return forms.computeIfAbsent(processDefinitionId + "|" + activityId, k -> SystemCalls.run(identity, () -> {
			BpmnModelInstance model = repository.getBpmnModelInstance(processDefinitionId);
			if (!(model.getModelElementById(activityId) instanceof UserTask task) || task.getCamundaFormRef() == null) {
				return Form.NONE;
			}
			String deploymentId = repository.getProcessDefinition(processDefinitionId).getDeploymentId();
			String binding = task.getCamundaFormRefBinding();
			// a form bound to a deployment or a version never changes; one bound to the latest is pinned for the facts
			boolean latest = binding == null || "latest".equals(binding);
			String pinned = latest ? formFields.pinnedDeployment(identity, deploymentId, task.getCamundaFormRef()) : null;
			return new Form(deploymentId, task.getCamundaFormRef(), binding, task.getCamundaFormRefVersion(), latest,
					pinned);
		}));
	}

	/** The person on whose behalf the engine's command runs; null for the system (timers, jobs). */
	private static String currentUser() {
		CommandContext context = Context.getCommandContext();
		return context == null ? null : context.getAuthenticatedUserId();
	}

}
