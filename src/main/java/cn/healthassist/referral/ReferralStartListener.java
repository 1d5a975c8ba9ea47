package cn.healthassist.referral;

import static cn.healthassist.referral.ReferralVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
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
 * Start of {@code county-referral}: checks the request, gives the case its business key ({@code RF-2026-000123}),
 * registers it in the case index and the referral registry, and lets the hospital's doctors and head and the
 * health commission read it. A refused request throws and nothing is stored.
 */
@Component("referralStart")
public class ReferralStartListener implements ExecutionListener {

	private final ReferralValidator validator;

	private final Sequences sequences;

	private final CaseIndex caseIndex;

	private final ReferralMapper referrals;

	private final CaseAuthorizations caseAuthorizations;

	private final IdentityService identityService;

	private final CaseRecords records;

	public ReferralStartListener(ReferralValidator validator, Sequences sequences, CaseIndex caseIndex,
			ReferralMapper referrals, CaseAuthorizations caseAuthorizations, IdentityService identityService, CaseRecords records) {
		this.records = records;
		this.validator = validator;
		this.sequences = sequences;
		this.caseIndex = caseIndex;
		this.referrals = referrals;
		this.caseAuthorizations = caseAuthorizations;
		this.identityService = identityService;
	}

	@Override
	public void notify(DelegateExecution execution) {
		CurrentUser starter = EngineUsers.current(identityService);
		ReferralValidator.Valid v = validator.validate(new ReferralApplication(string(execution, PATIENT_NAME),
				string(execution, ID_NUMBER), string(execution, HOUSEHOLD_CATEGORY), string(execution, HOSPITAL_CODE),
				string(execution, DIAGNOSIS), string(execution, REASON), string(execution, DESTINATION_CODE),
				string(execution, URGENCY)), starter);
		Date now = ClockUtil.getCurrentTime();
		int year = LocalDate.ofInstant(now.toInstant(), ZoneId.systemDefault()).getYear();
		String businessKey = sequences.businessKey(CaseProcess.COUNTY_REFERRAL.businessKeyPrefix(), year);
		execution.setProcessBusinessKey(businessKey);

		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put(CASE_NO, businessKey);
		facts.put(PATIENT_NAME, v.patientName());
		facts.put(APPLICANT_NAME, v.patientName());
		facts.put(ID_NUMBER, v.idNumber());
		facts.put(HOUSEHOLD_CATEGORY, v.householdCategory().code());
		facts.put(HOUSEHOLD_CATEGORY_NAME, v.householdCategory().name());
		facts.put(HOSPITAL_CODE, v.hospital().code());
		facts.put(HOSPITAL_NAME, v.hospital().name());
		facts.put(COUNTY_CODE, v.countyCode());
		facts.put(DIAGNOSIS, v.diagnosis());
		facts.put(REASON, v.reason());
		facts.put(DESTINATION_CODE, v.destination().code());
		facts.put(DESTINATION_NAME, v.destination().name());
		facts.put(URGENCY, v.urgency());
		facts.put(URGENCY_NAME, "emergency".equals(v.urgency())
				? Messages.get("referral.urgency.emergency") : Messages.get("referral.urgency.normal"));
		facts.put(SUBJECT_NAME, Messages.get("referral.subject", v.destination().name()));
		records.establish(execution, facts);

		caseIndex.register(new CaseRecord(businessKey, ProcessKeys.COUNTY_REFERRAL, execution.getProcessInstanceId(),
				v.patientName(), v.idNumber(), v.householdCategory().code(), v.countyCode(), null, null, v.hospital().code(),
				v.destination().code(), CaseRecord.RUNNING, starter == null ? null : starter.userId(), now, null,
				v.activeKey()), Messages.get("referral.alreadyReferring"));
		referrals.insert(new Referral(businessKey, execution.getProcessInstanceId(), null, v.patientName(), v.idNumber(),
				v.householdCategory().code(), v.hospital().code(), v.destination().code(), v.diagnosis(), v.reason(),
				v.urgency(), starter == null ? null : starter.userId(), now, null, null, null, null, null, null, null, null,
				null, null));
		caseAuthorizations.grantRead(execution.getProcessInstanceId(),
				CaseProcess.COUNTY_REFERRAL.readers(null, null, v.hospital().code()));
	}

	private static String string(DelegateExecution execution, String name) {
		Object value = execution.getVariable(name);
		return value == null ? null : value.toString();
	}

}
