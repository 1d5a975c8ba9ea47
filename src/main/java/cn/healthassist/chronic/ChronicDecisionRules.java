package cn.healthassist.chronic;

import static cn.healthassist.chronic.ChronicVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import cn.healthassist.audit.CaseFacts;
import cn.healthassist.audit.CaseRecords;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.problems.FieldProblem;
import cn.healthassist.processes.ProcessKeys;
import cn.healthassist.engine.TaskCompletionRules;
import cn.healthassist.values.Texts;
import cn.healthassist.values.VariableValues;
import cn.healthassist.values.Days;
import cn.healthassist.values.Messages;

/**
 * The rules of the human steps of {@code chronic-certificate}, checked before a step completes (by
 * {@link cn.healthassist.engine.TaskCompletionGuard}), from Tasklist or the REST API alike: a decision from the allowed ones, a written opinion, the required materials. A step that
 * breaks them is not completed and the person sees why. When a review step opens, the previous round's decision
 * is cleared so that nobody confirms it by accident; a return reason is kept for the village doctor to read.
 */
@Component("chronicDecisionRules")
public class ChronicDecisionRules implements TaskListener, TaskCompletionRules {

	private final CaseRecords caseRecords;

	public ChronicDecisionRules(CaseRecords caseRecords) {
		this.caseRecords = caseRecords;
	}

	static final List<String> TOWNSHIP_DECISIONS = List.of("pass", "return", "ineligible");

	static final List<String> COUNTY_DECISIONS = List.of("approve", "reject");

	static final List<String> EXPLAIN_METHODS = List.of("in-person", "phone", "meeting", "written");

	static final List<String> RESPONSES = List.of("accepted", "objection", "other");

	static final List<String> REQUIRED_MATERIALS = List.of("diagnosis", "records");

	@Override
	public void notify(DelegateTask task) {
		if (EVENTNAME_CREATE.equals(task.getEventName())) {
			created(task);
		}
		else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
			completing(task);
		}
	}

	private void created(DelegateTask task) {
		switch (task.getTaskDefinitionKey()) {
			case ChronicActivities.COLLECT_MATERIALS -> {
				if ("return".equals(task.getVariable(TOWNSHIP_DECISION))) {
					// the township's opinion is the case record's (the engine keeps the decision only)
					task.setVariable(RETURN_REASON, caseRecords.of(task.getExecution()).text(TOWNSHIP_OPINION));
				}
			}
			case ChronicActivities.TOWNSHIP_REVIEW -> CaseRecords.openEmpty(task, TOWNSHIP_DECISION, TOWNSHIP_OPINION);
			case ChronicActivities.COUNTY_APPROVAL -> CaseRecords.openEmpty(task, COUNTY_DECISION, COUNTY_OPINION);
			default -> {
			}
		}
	}

	/**
	 * Side effects of a completion that passed the rules; the rules run again as a last line of defence, on the case
	 * record and this step's own fields.
	 */
	private void completing(DelegateTask task) {
		CaseFacts inputs = caseRecords.inputs(task);
		List<FieldProblem> problems = check(task.getTaskDefinitionKey(), inputs.values(), task.getProcessInstanceId(),
				task.getProcessEngineServices());
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
		switch (task.getTaskDefinitionKey()) {
			case ChronicActivities.TOWNSHIP_REVIEW -> {
				// the county approves what the township has reviewed: an approval before this review counts for nothing
				// (IssueCertificateDelegate), whatever order a model gives the steps
				Map<String, Object> facts = new LinkedHashMap<>();
				if (inputs.get(COUNTY_DECISION) != null || inputs.get(COUNTY_APPROVER) != null) {
					facts.put(COUNTY_DECISION, null);
					facts.put(COUNTY_APPROVER, null);
				}
				if ("return".equals(inputs.text(TOWNSHIP_DECISION))) {
					facts.put(RETURN_COUNT, inputs.number(RETURN_COUNT, 0) + 1);
				}
				if (!facts.isEmpty()) {
					caseRecords.establish(task, facts);
				}
			}
			case ChronicActivities.COUNTY_APPROVAL -> {
				String approver = task.getAssignee();
				if (approver == null) {
					Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
					approver = auth == null ? null : auth.getUserId();
				}
				Map<String, Object> facts = new LinkedHashMap<>();
				facts.put(COUNTY_APPROVER, approver);
				caseRecords.establish(task, facts);
			}
			default -> {
			}
		}
	}

	@Override
	public String processKey() {
		return ProcessKeys.CHRONIC_CERTIFICATE;
	}

	@Override
	public List<FieldProblem> check(Task task, Map<String, Object> variables, ProcessEngineServices services) {
		return check(task.getTaskDefinitionKey(), caseRecords.inputs(task, variables, services).values(),
				task.getProcessInstanceId(), services);
	}

	List<FieldProblem> check(String step, Map<String, Object> v, String processInstanceId, ProcessEngineServices services) {
		List<FieldProblem> problems = new ArrayList<>();
		switch (step) {
			case ChronicActivities.COLLECT_MATERIALS -> {
				List<String> materials = VariableValues.stringList(v.get(MATERIALS_CHECKLIST));
				if (!materials.containsAll(REQUIRED_MATERIALS)) {
					problems.add(new FieldProblem(MATERIALS_CHECKLIST, Messages.get("chronic.materials.required")));
				}
				Texts.text(problems, MATERIALS_NOTE, Messages.get("label.materialsNote"), v.get(MATERIALS_NOTE), false, 500);
				if (services.getTaskService().getProcessInstanceAttachments(processInstanceId).isEmpty()) {
					problems.add(new FieldProblem("attachments", Messages.get("chronic.materials.attachments")));
				}
			}
			case ChronicActivities.TOWNSHIP_REVIEW -> {
				Texts.oneOf(problems, TOWNSHIP_DECISION, Messages.get("label.reviewDecision"),
						v.get(TOWNSHIP_DECISION), TOWNSHIP_DECISIONS);
				Texts.text(problems, TOWNSHIP_OPINION, Messages.get("label.reviewOpinion"), v.get(TOWNSHIP_OPINION),
						true, 500);
			}
			case ChronicActivities.COUNTY_APPROVAL -> {
				Texts.oneOf(problems, COUNTY_DECISION, Messages.get("label.approvalDecision"), v.get(COUNTY_DECISION),
						COUNTY_DECISIONS);
				Texts.text(problems, COUNTY_OPINION, Messages.get("label.approvalOpinion"), v.get(COUNTY_OPINION),
						true, 500);
			}
			case ChronicActivities.EXPLAIN_POLICY -> {
				Texts.oneOf(problems, EXPLAIN_METHOD, Messages.get("label.explainMethod"), v.get(EXPLAIN_METHOD),
						EXPLAIN_METHODS);
				Texts.oneOf(problems, APPLICANT_RESPONSE, Messages.get("label.applicantResponse"),
						v.get(APPLICANT_RESPONSE), RESPONSES);
				Texts.text(problems, EXPLAIN_NOTE, Messages.get("label.explainNote"), v.get(EXPLAIN_NOTE), true, 500);
				explainDate(problems, v.get(EXPLAIN_DATE));
			}
			default -> {
			}
		}
		return problems;
	}

	private static void explainDate(List<FieldProblem> problems, Object value) {
		if (value == null || value.toString().isBlank()) {
			problems.add(new FieldProblem(EXPLAIN_DATE, Messages.get("chronic.explainDate.missing")));
			return;
		}
		try {
			LocalDate date = Days.parse(value.toString());
			LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault());
			if (date.isAfter(today)) {
				problems.add(new FieldProblem(EXPLAIN_DATE, Messages.get("chronic.explainDate.future")));
			}
		}
		catch (DateTimeParseException e) {
			problems.add(new FieldProblem(EXPLAIN_DATE, Messages.get("chronic.explainDate.format")));
		}
	}

}
