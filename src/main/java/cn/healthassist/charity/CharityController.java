package cn.healthassist.charity;

import static cn.healthassist.charity.CharityVariables.*;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.healthassist.audit.CaseRecords;
import cn.healthassist.cases.CaseIndex;
import cn.healthassist.cases.CaseRecord;
import cn.healthassist.cases.CaseScope;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.problems.FieldProblem;
import cn.healthassist.values.Money;
import cn.healthassist.processes.ProcessKeys;
import cn.healthassist.web.StartResponse;
import cn.healthassist.engine.SystemCalls;
import cn.healthassist.values.Texts;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.security.CurrentUsers;
import cn.healthassist.values.Messages;

/** Charity relief requests (docs/product.md 4) and objections during the public notice. */
@RestController
class CharityController {

	private final RuntimeService runtimeService;

	private final IdentityService identityService;

	private final RepositoryService repositoryService;

	private final CharityValidator validator;

	private final CaseIndex caseIndex;

	private final CaseRecords caseRecords;

	CharityController(RuntimeService runtimeService, IdentityService identityService,
			RepositoryService repositoryService, CharityValidator validator, CaseIndex caseIndex,
			CaseRecords caseRecords) {
		this.repositoryService = repositoryService;
		this.caseRecords = caseRecords;
		this.runtimeService = runtimeService;
		this.identityService = identityService;
		this.validator = validator;
		this.caseIndex = caseIndex;
	}

	@PostMapping("/api/charity-relief-applications")
	@Transactional
	ResponseEntity<StartResponse> start(@RequestBody CharityApplication request) {
		CurrentUser user = CurrentUsers.require();
		Map<String, Object> amounts = new LinkedHashMap<>();
		amounts.put(TOTAL_COST, request.totalCost());
		amounts.put(INSURED_COST, request.insuredCost());
		amounts.put(BASIC_INSURANCE_PAID, request.basicInsurancePaid());
		amounts.put(SERIOUS_ILLNESS_INSURANCE_PAID, request.seriousIllnessInsurancePaid());
		amounts.put(MEDICAL_ASSISTANCE_PAID, request.medicalAssistancePaid());
		amounts.put(OTHER_RELIEF_PAID, request.otherReliefPaid());
		CharityValidator.Valid valid = validator.validate(new CharityValidator.Raw(request.applicantName(),
				request.idNumber(), request.villageCode(), request.householdCategory(), request.hospitalName(),
				request.admissionDate(), request.dischargeDate(), amounts), user);
		VariableMap variables = Variables.createVariables()
			.putValue(APPLICANT_NAME, request.applicantName())
			.putValue(ID_NUMBER, request.idNumber())
			.putValue(VILLAGE_CODE, request.villageCode())
			.putValue(HOUSEHOLD_CATEGORY, request.householdCategory())
			.putValue(HOSPITAL_NAME, request.hospitalName())
			.putValue(ADMISSION_DATE, request.admissionDate())
			.putValue(DISCHARGE_DATE, request.dischargeDate());
		valid.amounts().forEach((field, amount) -> variables.putValue(field, Money.text(amount)));
		ProcessInstance instance = runtimeService.createProcessInstanceByKey(ProcessKeys.CHARITY_RELIEF)
			.setVariables(variables)
			.execute();
		return ResponseEntity.created(URI.create("/api/cases/" + instance.getBusinessKey() + "/trail"))
			.body(new StartResponse(instance.getBusinessKey(), instance.getProcessInstanceId()));
	}

	/** An objection raised during the public notice. */
	record Objection(String reason) {
	}

	/**
	 * Records an objection during the public notice (公示异议) and sends the case back to the township's
	 * verification (message {@code charity-objection}). For the village committee, the township civil-affairs office
	 * and the charity federation of the case.
	 */
	@PostMapping("/api/charity-relief-applications/{businessKey}/objections")
	@Transactional
	Map<String, Object> object(@PathVariable String businessKey, @RequestBody Objection objection) {
		CurrentUser user = CurrentUsers.require();
		List<FieldProblem> problems = new ArrayList<>();
		String reason = Texts.text(problems, "reason", Messages.get("label.objection"), objection.reason(), true, 500);
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
		CaseRecord record = caseIndex.find(businessKey);
		CaseScope scope = CaseScope.of(user);
		if (record == null || !ProcessKeys.CHARITY_RELIEF.equals(record.processKey()) || !scope.isOwnJurisdiction(record)
				|| user.isAuditor()) {
			throw CaseRejectedException.notFound(Messages.get("charity.objection.notFound", businessKey));
		}
		long waiting = SystemCalls.run(identityService, () -> runtimeService.createEventSubscriptionQuery()
			.processInstanceId(record.processInstanceId())
			.eventName(CharityActivities.OBJECTION_MESSAGE)
			.count());
		if (waiting == 0) {
			throw CaseRejectedException.conflict(Messages.get("charity.objection.notInNotice"));
		}
		SystemCalls.run(identityService, () -> {
			ProcessInstance pi = runtimeService.createProcessInstanceQuery()
				.processInstanceId(record.processInstanceId())
				.singleResult();
			// the count is the record's; a case an earlier version started may have it as a variable only
			Object counted = runtimeService.getVariable(pi.getId(), OBJECTION_COUNT);
			int count = Math.max(counted instanceof Number n ? n.intValue() : 0,
					caseRecords.of(repositoryService, identityService, businessKey, pi.getProcessDefinitionId())
						.number(OBJECTION_COUNT, 0)) + 1;
			// the objection is a fact of the case, kept after it ends; the engine is only told to go back
			// the township verifies the case again after an objection: its earlier pass, and the notice, count no more
			Map<String, Object> objected = new java.util.LinkedHashMap<>();
			objected.put(OBJECTION_REASON, reason);
			objected.put("objectionBy", user.userId());
			objected.put(OBJECTION_COUNT, count);
			objected.put(VERIFICATION_DECISION, null);
			objected.put(NOTICE_UNTIL, null);
			caseRecords.establish(businessKey, record.processInstanceId(), CharityActivities.OBJECTION_RECEIVED, null,
					user.userId(), reason, objected);
			runtimeService.createMessageCorrelation(CharityActivities.OBJECTION_MESSAGE)
				.processInstanceId(record.processInstanceId())
				.correlate();
			if (counted != null) {
				runtimeService.removeVariable(pi.getId(), OBJECTION_COUNT);
			}
			return null;
		});
		return Map.of("businessKey", businessKey, "status", "returned-to-verification");
	}

}
