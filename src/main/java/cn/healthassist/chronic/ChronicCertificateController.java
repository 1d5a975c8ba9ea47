package cn.healthassist.chronic;

import cn.healthassist.engine.SystemCalls;

import static cn.healthassist.chronic.ChronicVariables.*;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.healthassist.audit.CaseRecords;
import cn.healthassist.cases.CaseIndex;
import cn.healthassist.cases.CaseRecord;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.problems.FieldProblem;
import cn.healthassist.processes.ProcessKeys;
import cn.healthassist.web.StartResponse;
import cn.healthassist.values.Texts;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.security.CurrentUsers;
import cn.healthassist.values.Messages;

/** Starts chronic-certificate applications (docs/product.md 4) and withdraws them (撤回). */
@RestController
@RequestMapping("/api/chronic-certificate-applications")
class ChronicCertificateController {

	private final RuntimeService runtimeService;

	private final TaskService taskService;

	private final IdentityService identityService;

	private final ChronicApplicationValidator validator;

	private final CaseIndex caseIndex;

	private final CaseRecords caseRecords;

	ChronicCertificateController(RuntimeService runtimeService, TaskService taskService, IdentityService identityService,
			ChronicApplicationValidator validator, CaseIndex caseIndex, CaseRecords caseRecords) {
		this.caseRecords = caseRecords;
		this.runtimeService = runtimeService;
		this.taskService = taskService;
		this.identityService = identityService;
		this.validator = validator;
		this.caseIndex = caseIndex;
	}

	@PostMapping
	@Transactional
	ResponseEntity<StartResponse> start(@RequestBody ChronicApplication application) {
		CurrentUser user = CurrentUsers.require();
		// the same rules run again in the start listener; checking first answers with every field's problem
		validator.validate(application, user);
		VariableMap variables = Variables.createVariables()
			.putValue(APPLICANT_NAME, application.applicantName())
			.putValue(ID_NUMBER, application.idNumber())
			.putValue(VILLAGE_CODE, application.villageCode())
			.putValue(HOUSEHOLD_CATEGORY, application.householdCategory())
			.putValue(DISEASE_CODE, application.diseaseCode())
			.putValue(PHONE, application.phone());
		ProcessInstance instance = runtimeService.createProcessInstanceByKey(ProcessKeys.CHRONIC_CERTIFICATE)
			.setVariables(variables)
			.execute();
		return ResponseEntity.created(URI.create("/api/cases/" + instance.getBusinessKey() + "/trail"))
			.body(new StartResponse(instance.getBusinessKey(), instance.getId()));
	}

	/** Body of a withdrawal. */
	record Withdrawal(String reason) {
	}

	/**
	 * Withdraws an application (撤回): only by the village doctor who started it, and only while the township
	 * health centre has not yet taken up the review (materials still being collected, or the review unclaimed).
	 */
	@PostMapping("/{businessKey}/withdraw")
	@Transactional
	Map<String, String> withdraw(@PathVariable String businessKey, @RequestBody Withdrawal withdrawal) {
		CurrentUser user = CurrentUsers.require();
		List<FieldProblem> problems = new java.util.ArrayList<>();
		String reason = Texts.text(problems, "reason", Messages.get("label.withdrawalReason"), withdrawal.reason(),
				true, 500);
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
		CaseRecord record = caseIndex.find(businessKey);
		if (record == null || !ProcessKeys.CHRONIC_CERTIFICATE.equals(record.processKey())
				|| !user.villages().contains(record.villageCode())) {
			throw CaseRejectedException.notFound(Messages.get("chronic.withdraw.notFound", businessKey));
		}
		if (!user.userId().equals(record.startedBy())) {
			throw CaseRejectedException.forbidden(Messages.get("chronic.withdraw.starterOnly"));
		}
		if (!CaseRecord.RUNNING.equals(record.status())) {
			throw CaseRejectedException.conflict(Messages.get("chronic.withdraw.closed"));
		}
		// the case's open steps, whoever may see them: the starter's right to the case was checked above
		SystemCalls.run(identityService, () -> {
			List<Task> tasks = taskService.createTaskQuery().processInstanceId(record.processInstanceId()).list();
			boolean withdrawable = !tasks.isEmpty() && tasks.stream()
				.allMatch(t -> ChronicActivities.COLLECT_MATERIALS.equals(t.getTaskDefinitionKey())
						|| (ChronicActivities.TOWNSHIP_REVIEW.equals(t.getTaskDefinitionKey()) && t.getAssignee() == null));
			if (!withdrawable) {
				throw CaseRejectedException.conflict(Messages.get("chronic.withdraw.reviewStarted"));
			}
			// the reason is a fact of the case, kept after it ends (the engine keeps no variable history)
			caseRecords.establish(businessKey, record.processInstanceId(), ChronicActivities.WITHDRAW_REQUESTED, null,
					user.userId(), reason, Map.of(WITHDRAW_REASON, reason, WITHDRAWN_BY, user.userId()));
			runtimeService.createMessageCorrelation(ChronicActivities.WITHDRAW_MESSAGE)
				.processInstanceId(record.processInstanceId())
				.setVariable(WITHDRAW_REASON, reason)
				.setVariable(WITHDRAWN_BY, user.userId())
				.correlate();
			return null;
		});
		return Map.of("businessKey", businessKey, "status", "withdrawn");
	}

}
