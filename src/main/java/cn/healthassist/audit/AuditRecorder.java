package cn.healthassist.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.healthassist.privacy.PersonalDataCipher;
import cn.healthassist.processes.ProcessVariables;
import cn.healthassist.engine.SystemCalls;

/**
 * Writes the audit log entries of a case as it runs (called by {@link AuditParseListener}): its start with the
 * start form's data, every completed human step with who did it, the decision, the opinion and the form's data,
 * every timer or message that fired, and its end with the outcome.
 */
@Component
public class AuditRecorder {

	private final AuditLog auditLog;

	private final FormFields formFields;

	private final ObjectMapper json;

	private final PersonalDataCipher cipher;

	/** No engine service here: the recorder runs inside the engine's commands and takes them from the execution. */
	public AuditRecorder(AuditLog auditLog, FormFields formFields, ObjectMapper json, PersonalDataCipher cipher) {
		this.auditLog = auditLog;
		this.formFields = formFields;
		this.json = json;
		this.cipher = cipher;
	}

	void caseStarted(DelegateExecution execution) {
		String businessKey = execution.getProcessBusinessKey();
		if (businessKey == null) {
			return;
		}
		FlowElement element = execution.getBpmnModelElementInstance();
		Form form = element instanceof StartEvent start
				? form(execution.getProcessEngineServices(), execution.getProcessDefinitionId(), start.getCamundaFormRef(),
						start.getCamundaFormRefBinding(), start.getCamundaFormRefVersion())
				: Form.NONE;
		Object initiator = execution.getVariable("initiator");
		auditLog.append(businessKey, execution.getProcessInstanceId(), AuditEntry.CASE_STARTED,
				execution.getCurrentActivityId(), execution.getCurrentActivityName(), null,
				initiator == null ? currentUser() : initiator.toString(), ClockUtil.getCurrentTime(), null, null,
				data(form.fields(), execution.getVariables()), form.deploymentId());
		leaveWhatTheEngineHolds(execution);
	}

	/**
	 * Once the case record holds them (sealed), the engine keeps no copy of the ID number, the phone and the diagnosis,
	 * not even a masked one, nor, in a process that declares what its engine keeps, anything else of the start: they
	 * leave its variables in the same transaction as the start (CaseRecords.engineHolds). The rules read the record;
	 * the forms show them from there, personal data in full to the case's own people (cases/RecordValuesInForms).
	 */
	private void leaveWhatTheEngineHolds(DelegateExecution execution) {
		for (String name : List.copyOf(execution.getVariableNames())) {
			if (!CaseRecords.engineHolds(cipher, execution.getProcessDefinitionId(), name)) {
				execution.removeVariable(name);
			}
		}
	}


	void taskCompleted(DelegateTask task) {
		String businessKey = task.getExecution().getProcessBusinessKey();
		if (businessKey == null) {
			return;
		}
		UserTask element = task.getBpmnModelElementInstance();
		Form form = element == null ? Form.NONE
				: form(task.getProcessEngineServices(), task.getProcessDefinitionId(), element.getCamundaFormRef(),
						element.getCamundaFormRefBinding(), element.getCamundaFormRefVersion());
		Map<String, FormFields.Field> fields = form.fields();
		Map<String, Object> variables = task.getVariables();
		String decision = null;
		String opinion = null;
		for (FormFields.Field f : fields.values()) {
			if (decision == null && (f.key().endsWith("Decision") || f.key().endsWith("Outcome"))) {
				Object v = variables.get(f.key());
				decision = v == null ? null : v.toString();
			}
		}
		for (String suffix : List.of("Opinion", "Note", "Reason")) {
			for (FormFields.Field f : fields.values()) {
				if (opinion == null && f.key().endsWith(suffix) && variables.get(f.key()) != null) {
					opinion = variables.get(f.key()).toString();
				}
			}
		}
		// the person who really completed the step; the assignee only when the system completed it
		String person = currentUser();
		String user = person != null ? person : task.getAssignee();
		auditLog.append(businessKey, task.getProcessInstanceId(), AuditEntry.TASK_COMPLETED, task.getTaskDefinitionKey(),
				task.getName(), task.getId(), user, ClockUtil.getCurrentTime(), decision, opinion, data(fields, variables),
				form.deploymentId());
		// a step's form may carry personal data too (a phone corrected): recorded sealed, the engine keeps none of it;
		// nor, in a process that declares what its engine keeps, the form's other fields (an opinion, a note)
		for (String field : fields.keySet()) {
			if (!CaseRecords.engineHolds(cipher, task.getProcessDefinitionId(), field)) {
				task.removeVariable(field);
				task.getExecution().removeVariable(field);
			}
		}
	}

	void eventOccurred(DelegateExecution execution) {
		String businessKey = execution.getProcessBusinessKey();
		if (businessKey == null) {
			return;
		}
		auditLog.append(businessKey, execution.getProcessInstanceId(), AuditEntry.EVENT, execution.getCurrentActivityId(),
				execution.getCurrentActivityName(), null, currentUser(), ClockUtil.getCurrentTime(), null, null, null);
	}

	void caseEnded(DelegateExecution execution) {
		String businessKey = execution.getProcessBusinessKey();
		if (businessKey == null) {
			return;
		}
		Object status = execution.getVariable(ProcessVariables.CASE_STATUS);
		auditLog.append(businessKey, execution.getProcessInstanceId(), AuditEntry.CASE_ENDED, null, null, null,
				currentUser(), ClockUtil.getCurrentTime(), status == null ? "cancelled" : status.toString(), null, null);
	}

	/**
	 * A start's or step's form as the person saw it: the deployment of its version when that is not the process's own
	 * (null for the process's own, as in the entries written before versions were kept), and its fields.
	 */
	private record Form(String deploymentId, Map<String, FormFields.Field> fields) {

		static final Form NONE = new Form(null, Map.of());

	}

	/**
	 * The version of the form the engine bound for the person (the one Tasklist showed and the completion was checked
	 * against, PersonCommandGuard): a form deployed alone after its process is recorded by its own fields.
	 */
	private Form form(ProcessEngineServices services, String processDefinitionId, String formKey, String binding,
			String version) {
		if (formKey == null) {
			return Form.NONE;
		}
		RepositoryService repositoryService = services.getRepositoryService();
		String processDeploymentId = SystemCalls.run(services.getIdentityService(),
				() -> repositoryService.getProcessDefinition(processDefinitionId).getDeploymentId());
		String deploymentId = formFields.boundDeployment(services, processDeploymentId, formKey, binding, version);
		return new Form(deploymentId.equals(processDeploymentId) ? null : deploymentId,
				formFields.of(repositoryService, services.getIdentityService(), deploymentId, formKey));
	}

	private String data(Map<String, FormFields.Field> fields, Map<String, Object> variables) {
		if (fields.isEmpty()) {
			return null;
		}
		Map<String, Object> data = new LinkedHashMap<>();
		for (String key : fields.keySet()) {
			Object v = variables.get(key);
			if (v instanceof SpinJsonNode spin) {
				v = spin.toString();
			}
			else if (v instanceof java.util.Date d) {
				v = d.toInstant().toString();
			}
			else if (v != null && !(v instanceof String || v instanceof Number || v instanceof Boolean
					|| v instanceof java.util.Collection)) {
				v = v.toString();
			}
			data.put(key, v);
		}
		try {
			return json.writeValueAsString(data);
		}
		catch (JsonProcessingException e) {
			return null;
		}
	}

	/** The person on whose behalf the engine's command runs; null for the system (timers, jobs). */
	private static String currentUser() {
		CommandContext context = Context.getCommandContext();
		return context == null ? null : context.getAuthenticatedUserId();
	}

}
