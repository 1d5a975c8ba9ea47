package cn.healthassist.chronic;

import static cn.healthassist.chronic.ChronicVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import cn.healthassist.audit.CaseRecords;
import cn.healthassist.cases.CaseIndex;
import cn.healthassist.cases.CaseRecord;
import cn.healthassist.processes.ProcessKeys;
import cn.healthassist.numbering.Sequences;
import cn.healthassist.security.CaseAuthorizations;
import cn.healthassist.security.CaseProcess;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.security.EngineUsers;
import cn.healthassist.values.Messages;

/**
 * Start of {@code chronic-certificate}, from Tasklist or the API: checks the application
 * ({@link ChronicApplicationValidator}), gives the case its business key ({@code CC-2026-000123}), registers it in
 * the case index and lets its village, township and the county insurance bureau read it. A refused application
 * throws, and the start rolls back with nothing stored.
 */
@Component("chronicApplicationStart")
public class ChronicApplicationStartListener implements ExecutionListener {

	private final ChronicApplicationValidator validator;

	private final Sequences sequences;

	private final CaseIndex caseIndex;

	private final CaseAuthorizations caseAuthorizations;

	private final IdentityService identityService;

	private final CaseRecords records;

	public ChronicApplicationStartListener(ChronicApplicationValidator validator, Sequences sequences,
			CaseIndex caseIndex, CaseAuthorizations caseAuthorizations, IdentityService identityService, CaseRecords records) {
		this.records = records;
		this.validator = validator;
		this.sequences = sequences;
		this.caseIndex = caseIndex;
		this.caseAuthorizations = caseAuthorizations;
		this.identityService = identityService;
	}

	@Override
	public void notify(DelegateExecution execution) {
		CurrentUser starter = EngineUsers.current(identityService);
		ChronicApplication application = new ChronicApplication(string(execution, APPLICANT_NAME),
				string(execution, ID_NUMBER), string(execution, VILLAGE_CODE), string(execution, HOUSEHOLD_CATEGORY),
				string(execution, DISEASE_CODE), string(execution, PHONE));
		ChronicApplicationValidator.Valid valid = validator.validate(application, starter);

		int year = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault()).getYear();
		String businessKey = sequences.businessKey(CaseProcess.CHRONIC_CERTIFICATE.businessKeyPrefix(), year);
		execution.setProcessBusinessKey(businessKey);

		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put(CASE_NO, businessKey);
		facts.put(APPLICANT_NAME, valid.applicantName());
		facts.put(ID_NUMBER, valid.idNumber());
		facts.put(VILLAGE_CODE, valid.village().code());
		facts.put(VILLAGE_NAME, valid.village().name());
		facts.put(TOWNSHIP_CODE, valid.village().townshipCode());
		facts.put(TOWNSHIP_NAME, valid.village().townshipName());
		facts.put(COUNTY_CODE, valid.village().countyCode());
		facts.put(HOUSEHOLD_CATEGORY, valid.householdCategory().code());
		facts.put(HOUSEHOLD_CATEGORY_NAME, valid.householdCategory().name());
		facts.put(DISEASE_CODE, valid.disease().code());
		facts.put(DISEASE_NAME, valid.disease().name());
		facts.put(SUBJECT_NAME, Messages.get("chronic.subject", valid.disease().name()));
		facts.put(PHONE, valid.phone());
		facts.put(RETURN_COUNT, 0);
		records.establish(execution, facts);

		caseIndex.register(new CaseRecord(businessKey, ProcessKeys.CHRONIC_CERTIFICATE, execution.getProcessInstanceId(),
				valid.applicantName(), valid.idNumber(), valid.householdCategory().code(), valid.village().countyCode(),
				valid.village().townshipCode(), valid.village().code(), null, valid.disease().code(), CaseRecord.RUNNING,
				starter == null ? null : starter.userId(), ClockUtil.getCurrentTime(), null, valid.activeKey()),
				Messages.get("chronic.alreadyApplying", valid.disease().name()));
		caseAuthorizations.grantRead(execution.getProcessInstanceId(),
				CaseProcess.CHRONIC_CERTIFICATE.readers(valid.village().code(), valid.village().townshipCode(), null));
	}

	private static String string(DelegateExecution execution, String name) {
		Object value = execution.getVariable(name);
		return value == null ? null : value.toString();
	}

}
