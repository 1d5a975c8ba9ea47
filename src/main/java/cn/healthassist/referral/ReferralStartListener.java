package cn.healthassist.referral;

import static cn.healthassist.referral.ReferralVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import cn.healthassist.cases.CaseIndex;
import cn.healthassist.cases.CaseRecord;
import cn.healthassist.processes.ProcessKeys;
import cn.healthassist.numbering.Sequences;
import cn.healthassist.security.CaseAuthorizations;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.security.EngineUsers;
import cn.healthassist.security.Groups;
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

	public ReferralStartListener(ReferralValidator validator, Sequences sequences, CaseIndex caseIndex,
			ReferralMapper referrals, CaseAuthorizations caseAuthorizations, IdentityService identityService) {
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
		String businessKey = sequences.businessKey(ProcessKeys.businessKeyPrefix(ProcessKeys.COUNTY_REFERRAL), year);
		execution.setProcessBusinessKey(businessKey);

		execution.setVariable(CASE_NO, businessKey);
		execution.setVariable(PATIENT_NAME, v.patientName());
		execution.setVariable(APPLICANT_NAME, v.patientName());
		execution.setVariable(ID_NUMBER, v.idNumber());
		execution.setVariable(HOUSEHOLD_CATEGORY, v.householdCategory().code());
		execution.setVariable(HOUSEHOLD_CATEGORY_NAME, v.householdCategory().name());
		execution.setVariable(HOSPITAL_CODE, v.hospital().code());
		execution.setVariable(HOSPITAL_NAME, v.hospital().name());
		execution.setVariable(COUNTY_CODE, v.countyCode());
		execution.setVariable(DIAGNOSIS, v.diagnosis());
		execution.setVariable(REASON, v.reason());
		execution.setVariable(DESTINATION_CODE, v.destination().code());
		execution.setVariable(DESTINATION_NAME, v.destination().name());
		execution.setVariable(URGENCY, v.urgency());
		execution.setVariable(URGENCY_NAME, "emergency".equals(v.urgency())
				? Messages.get("referral.urgency.emergency") : Messages.get("referral.urgency.normal"));
		execution.setVariable(SUBJECT_NAME, Messages.get("referral.subject", v.destination().name()));

		caseIndex.register(new CaseRecord(businessKey, ProcessKeys.COUNTY_REFERRAL, execution.getProcessInstanceId(),
				v.patientName(), v.idNumber(), v.householdCategory().code(), v.countyCode(), null, null, v.hospital().code(),
				v.destination().code(), CaseRecord.RUNNING, starter == null ? null : starter.userId(), now, null,
				v.activeKey()), Messages.get("referral.alreadyReferring"));
		referrals.insert(new Referral(businessKey, execution.getProcessInstanceId(), null, v.patientName(), v.idNumber(),
				v.householdCategory().code(), v.hospital().code(), v.destination().code(), v.diagnosis(), v.reason(),
				v.urgency(), starter == null ? null : starter.userId(), now, null, null, null, null, null, null, null, null,
				null, null));
		caseAuthorizations.grantRead(execution.getProcessInstanceId(), List.of(Groups.hospitalDoctor(v.hospital().code()),
				Groups.hospitalHead(v.hospital().code()), Groups.HEALTH_COMMISSION));
	}

	private static String string(DelegateExecution execution, String name) {
		Object value = execution.getVariable(name);
		return value == null ? null : value.toString();
	}

}
