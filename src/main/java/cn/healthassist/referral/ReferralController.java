package cn.healthassist.referral;

import static cn.healthassist.referral.ReferralVariables.*;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.problems.FieldProblem;
import cn.healthassist.processes.ProcessKeys;
import cn.healthassist.web.StartResponse;
import cn.healthassist.values.Texts;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.security.CurrentUsers;
import cn.healthassist.security.Groups;
import cn.healthassist.values.Messages;

/** Referral requests (docs/product.md 4) and the health commission's batch audit (docs/product.md 2.2 step 4). */
@RestController
class ReferralController {

	static final int MAX_BATCH = 200;

	private final RuntimeService runtimeService;

	private final TaskService taskService;

	private final ReferralValidator validator;

	private final ReferralMapper referrals;

	private final TransactionTemplate transaction;

	ReferralController(RuntimeService runtimeService, TaskService taskService, ReferralValidator validator,
			ReferralMapper referrals, PlatformTransactionManager transactionManager) {
		this.runtimeService = runtimeService;
		this.taskService = taskService;
		this.validator = validator;
		this.referrals = referrals;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	@PostMapping("/api/referrals")
	@Transactional
	ResponseEntity<StartResponse> start(@RequestBody ReferralApplication request) {
		CurrentUser user = CurrentUsers.require();
		validator.validate(request, user);
		ProcessInstance instance = runtimeService.createProcessInstanceByKey(ProcessKeys.COUNTY_REFERRAL)
			.setVariables(Variables.createVariables()
				.putValue(PATIENT_NAME, request.patientName())
				.putValue(ID_NUMBER, request.idNumber())
				.putValue(HOUSEHOLD_CATEGORY, request.householdCategory())
				.putValue(HOSPITAL_CODE, request.hospitalCode())
				.putValue(DIAGNOSIS, request.diagnosis())
				.putValue(REASON, request.reason())
				.putValue(DESTINATION_CODE, request.destinationHospitalCode())
				.putValue(URGENCY, request.urgency()))
			.execute();
		return ResponseEntity.created(URI.create("/api/cases/" + instance.getBusinessKey() + "/trail"))
			.body(new StartResponse(instance.getBusinessKey(), instance.getProcessInstanceId()));
	}

	/** A referral waiting for the health commission's audit, as the batch-audit page lists it. */
	record AwaitingAudit(String businessKey, String taskId, String referralNo, String patientName, String hospitalCode,
			String destinationCode, String diagnosis, String reason, String urgency, String headDecision,
			String headOpinion, java.util.Date requestedAt, java.util.Date due, String assignee) {
	}

	@GetMapping("/api/referrals/awaiting-audit")
	List<AwaitingAudit> awaitingAudit() {
		requireCommission();
		List<AwaitingAudit> out = new ArrayList<>();
		List<Task> tasks = taskService.createTaskQuery()
			.processDefinitionKey(ProcessKeys.COUNTY_REFERRAL)
			.taskDefinitionKey(ReferralActivities.COMMISSION_AUDIT)
			.orderByDueDate()
			.asc()
			.listPage(0, 500);
		for (Task task : tasks) {
			String businessKey = (String) taskService.getVariable(task.getId(), CASE_NO);
			Referral r = referrals.find(businessKey);
			if (r != null) {
				out.add(new AwaitingAudit(businessKey, task.getId(), r.referralNo(), r.patientName(), r.hospitalCode(),
						r.destinationCode(), r.diagnosis(), r.reason(), r.urgency(), r.headDecision(), r.headOpinion(),
						r.requestedAt(), task.getDueDate(), task.getAssignee()));
			}
		}
		return out;
	}

	/** One outcome and opinion for many referrals. */
	record BatchAudit(List<String> businessKeys, String outcome, String opinion) {
	}

	/** What happened to each referral of a batch. */
	record BatchResult(String businessKey, boolean audited, String message) {
	}

	/**
	 * Audits each selected referral as its own step, by the user, each in its own transaction: a referral that
	 * another person has audited or taken up is reported and left as it is; the others are audited.
	 */
	@PostMapping("/api/referrals/audits")
	Map<String, Object> batchAudit(@RequestBody BatchAudit batch) {
		CurrentUser user = requireCommission();
		List<FieldProblem> problems = new ArrayList<>();
		String outcome = Texts.oneOf(problems, AUDIT_OUTCOME, Messages.get("label.reviewDecision"), batch.outcome(),
				ReferralRules.AUDIT_OUTCOMES);
		String opinion = Texts.text(problems, AUDIT_OPINION, Messages.get("label.reviewOpinion"), batch.opinion(),
				true, 500);
		List<String> sent = batch.businessKeys() == null ? List.of() : batch.businessKeys();
		if (sent.stream().anyMatch(k -> k == null || k.isBlank())) {
			problems.add(new FieldProblem("businessKeys", Messages.get("referral.batch.blankKey")));
			sent = sent.stream().filter(k -> k != null && !k.isBlank()).toList();
		}
		List<String> keys = List.copyOf(new LinkedHashSet<>(sent));
		if (keys.isEmpty()) {
			problems.add(new FieldProblem("businessKeys", Messages.get("referral.batch.none")));
		}
		if (keys.size() > MAX_BATCH) {
			problems.add(new FieldProblem("businessKeys", Messages.get("referral.batch.tooMany", MAX_BATCH)));
		}
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
		List<BatchResult> results = new ArrayList<>();
		for (String key : keys) {
			results.add(auditOne(key, outcome, opinion, user));
		}
		long audited = results.stream().filter(BatchResult::audited).count();
		return Map.of("audited", audited, "skipped", results.size() - audited, "results", results);
	}

	private BatchResult auditOne(String businessKey, String outcome, String opinion, CurrentUser user) {
		Referral referral = businessKey == null ? null : referrals.find(businessKey);
		if (referral == null) {
			return new BatchResult(businessKey, false, Messages.get("referral.batch.notFound"));
		}
		Task task = taskService.createTaskQuery()
			.processInstanceId(referral.processInstanceId())
			.taskDefinitionKey(ReferralActivities.COMMISSION_AUDIT)
			.singleResult();
		if (task == null) {
			return new BatchResult(businessKey, false, referral.auditUser() != null
					? Messages.get("referral.batch.auditedBy", referral.auditUser())
					: Messages.get("referral.batch.notAwaiting"));
		}
		if (task.getAssignee() != null && !task.getAssignee().equals(user.userId())) {
			return new BatchResult(businessKey, false, Messages.get("referral.batch.claimedBy", task.getAssignee()));
		}
		try {
			transaction.executeWithoutResult(status -> {
				if (task.getAssignee() == null) {
					taskService.claim(task.getId(), user.userId());
				}
				taskService.complete(task.getId(), Variables.createVariables()
					.putValue(AUDIT_OUTCOME, outcome)
					.putValue(AUDIT_OPINION, opinion));
			});
			return new BatchResult(businessKey, true, "compliant".equals(outcome)
					? Messages.get("referral.batch.compliant") : Messages.get("referral.batch.nonCompliant"));
		}
		catch (org.camunda.bpm.engine.TaskAlreadyClaimedException | org.camunda.bpm.engine.OptimisticLockingException
				| org.camunda.bpm.engine.exception.NullValueException e) {
			return new BatchResult(businessKey, false, Messages.get("referral.batch.changedByOthers"));
		}
	}

	private static CurrentUser requireCommission() {
		CurrentUser user = CurrentUsers.require();
		if (!user.isMember(Groups.HEALTH_COMMISSION)) {
			throw CaseRejectedException.forbidden(Messages.get("referral.batch.commissionOnly"));
		}
		return user;
	}

}
