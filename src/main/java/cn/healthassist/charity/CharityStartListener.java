package cn.healthassist.charity;

import static cn.healthassist.charity.CharityVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

import cn.healthassist.audit.CaseRecords;
import cn.healthassist.cases.CaseIndex;
import cn.healthassist.cases.CaseRecord;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.values.Money;
import cn.healthassist.processes.ProcessKeys;
import cn.healthassist.numbering.Sequences;
import cn.healthassist.engine.SystemCalls;
import cn.healthassist.config.HealthAssistProperties;
import cn.healthassist.security.CaseAuthorizations;
import cn.healthassist.security.CaseProcess;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.security.EngineUsers;
import cn.healthassist.values.Messages;

/**
 * Start of {@code charity-relief}: checks the request, gives the case its business key ({@code CR-2026-000123}),
 * stores the amounts as two-decimal strings with the remaining self-paid amount, pins the versions of the relief
 * rule (DMN) this case will use (running cases keep the rule they started with, new cases take the newest), and
 * lets the village committee, the township civil-affairs office and the charity federation read the case.
 */
@Component("charityStart")
public class CharityStartListener implements ExecutionListener {

	private final CharityValidator validator;

	private final Sequences sequences;

	private final CaseIndex caseIndex;

	private final CaseAuthorizations caseAuthorizations;

	private final IdentityService identityService;

	private final RepositoryService repositoryService;

	private final HealthAssistProperties properties;

	private final CaseRecords records;

	public CharityStartListener(CharityValidator validator, Sequences sequences, CaseIndex caseIndex,
			CaseAuthorizations caseAuthorizations, IdentityService identityService, RepositoryService repositoryService,
			HealthAssistProperties properties, CaseRecords records) {
		this.records = records;
		this.validator = validator;
		this.sequences = sequences;
		this.caseIndex = caseIndex;
		this.caseAuthorizations = caseAuthorizations;
		this.identityService = identityService;
		this.repositoryService = repositoryService;
		this.properties = properties;
	}

	@Override
	public void notify(DelegateExecution execution) {
		CurrentUser starter = EngineUsers.current(identityService);
		Map<String, Object> amounts = new LinkedHashMap<>();
		for (String field : AMOUNTS) {
			amounts.put(field, execution.getVariable(field));
		}
		CharityValidator.Valid v = validator.validate(new CharityValidator.Raw(string(execution, APPLICANT_NAME),
				string(execution, ID_NUMBER), string(execution, VILLAGE_CODE), string(execution, HOUSEHOLD_CATEGORY),
				string(execution, HOSPITAL_NAME), string(execution, ADMISSION_DATE), string(execution, DISCHARGE_DATE),
				amounts), starter);
		Date now = ClockUtil.getCurrentTime();
		int year = LocalDate.ofInstant(now.toInstant(), ZoneId.systemDefault()).getYear();
		String businessKey = sequences.businessKey(CaseProcess.CHARITY_RELIEF.businessKeyPrefix(), year);
		execution.setProcessBusinessKey(businessKey);

		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put(CASE_NO, businessKey);
		facts.put(APPLICANT_NAME, v.applicantName());
		facts.put(ID_NUMBER, v.idNumber());
		facts.put(VILLAGE_CODE, v.village().code());
		facts.put(VILLAGE_NAME, v.village().name());
		facts.put(TOWNSHIP_CODE, v.village().townshipCode());
		facts.put(TOWNSHIP_NAME, v.village().townshipName());
		facts.put(COUNTY_CODE, v.village().countyCode());
		facts.put(HOUSEHOLD_CATEGORY, v.householdCategory().code());
		facts.put(HOUSEHOLD_CATEGORY_NAME, v.householdCategory().name());
		facts.put(HOSPITAL_NAME, v.hospitalName());
		facts.put(ADMISSION_DATE, v.admissionDate().toString());
		facts.put(DISCHARGE_DATE, v.dischargeDate().toString());
		v.amounts().forEach((field, amount) -> facts.put(field, Money.text(amount)));
		facts.put(REMAINING_SELF_PAID, Money.text(v.remainingSelfPaid()));
		facts.put(SUBJECT_NAME, Messages.get("charity.subject", v.hospitalName()));
		facts.put(RELIEF_RATE_VERSION, latestVersion(CharityActivities.RATE_DECISION));
		facts.put(SECOND_APPROVAL_VERSION, latestVersion(CharityActivities.SECOND_APPROVAL_DECISION));
		facts.put(NOTICE_DAYS, properties.getCharity().getNoticeDays());
		facts.put(OBJECTION_COUNT, 0);
		records.establish(execution, facts);

		caseIndex.register(new CaseRecord(businessKey, ProcessKeys.CHARITY_RELIEF, execution.getProcessInstanceId(),
				v.applicantName(), v.idNumber(), v.householdCategory().code(), v.village().countyCode(),
				v.village().townshipCode(), v.village().code(), null, v.hospitalName(), CaseRecord.RUNNING,
				starter == null ? null
						: starter.userId(), now, null, v.activeKey()), Messages.get("charity.alreadyApplying"));
		caseAuthorizations.grantRead(execution.getProcessInstanceId(),
				CaseProcess.CHARITY_RELIEF.readers(v.village().code(), v.village().townshipCode(), null));
	}

	private int latestVersion(String decisionKey) {
		DecisionDefinition definition = SystemCalls.run(identityService, () -> repositoryService
			.createDecisionDefinitionQuery()
			.decisionDefinitionKey(decisionKey)
			.latestVersion()
			.singleResult());
		if (definition == null) {
			throw new CaseRejectedException(org.springframework.http.HttpStatus.INTERNAL_SERVER_ERROR, null,
					Messages.get("charity.ruleNotDeployed", decisionKey));
		}
		return definition.getVersion();
	}

	private static String string(DelegateExecution execution, String name) {
		Object value = execution.getVariable(name);
		return value == null ? null : value.toString();
	}

}
