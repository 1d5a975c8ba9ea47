package cn.healthassist.followup;

import static cn.healthassist.followup.FollowupVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
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
import cn.healthassist.values.Keys;
import cn.healthassist.processes.ProcessKeys;
import cn.healthassist.numbering.Sequences;
import cn.healthassist.engine.SystemCalls;
import cn.healthassist.security.CaseAuthorizations;
import cn.healthassist.security.CaseProcess;
import cn.healthassist.values.Messages;

/**
 * Start of {@code chronic-followup} for an issued certificate: business key {@code FU-2026-000123}, one running
 * follow-up per certificate (a unique key in the case index), the schedule rule's version pinned, and the village's
 * family doctors, the township health centre and the health commission allowed to read it.
 * <p>
 * A follow-up runs for years, so the engine keeps only what its routing and Tasklist's list need: the village (the
 * candidate group), the applicant's name, the village's name, the case number and subject (the list's columns and
 * its search by name), and the visit's schedule. The certificate, the ID number, the township and the disease are
 * the case record's (CaseRecords.keep); the visit forms show them from there (cases/RecordValuesInForms).
 */
@Component("followupStart")
public class FollowupStartListener implements ExecutionListener {

	private final Sequences sequences;

	private final CaseIndex caseIndex;

	private final CaseAuthorizations caseAuthorizations;

	private final RepositoryService repositoryService;

	private final IdentityService identityService;

	private final CaseRecords caseRecords;

	public FollowupStartListener(Sequences sequences, CaseIndex caseIndex, CaseAuthorizations caseAuthorizations,
			RepositoryService repositoryService, IdentityService identityService, CaseRecords caseRecords) {
		this.sequences = sequences;
		this.caseIndex = caseIndex;
		this.caseAuthorizations = caseAuthorizations;
		this.repositoryService = repositoryService;
		this.identityService = identityService;
		this.caseRecords = caseRecords;
	}

	/**
	 * The start's values the engine does not keep: the household category and the county are the case index's, the
	 * rest the case record's. The disease code stays until the schedule rule has read it (ScheduleVisitDelegate).
	 */
	static final List<String> NOT_KEPT = List.of(CERTIFICATE_NO, ID_NUMBER, TOWNSHIP_CODE, DISEASE_NAME,
			HOUSEHOLD_CATEGORY, COUNTY_CODE);

	@Override
	public void notify(DelegateExecution execution) {
		Date now = ClockUtil.getCurrentTime();
		int year = LocalDate.ofInstant(now.toInstant(), ZoneId.systemDefault()).getYear();
		String businessKey = sequences.businessKey(CaseProcess.CHRONIC_FOLLOWUP.businessKeyPrefix(), year);
		execution.setProcessBusinessKey(businessKey);
		execution.setVariable(CASE_NO, businessKey);
		execution.setVariable(SUBJECT_NAME, Messages.get("followup.subject", execution.getVariable(DISEASE_NAME)));
		DecisionDefinition schedule = SystemCalls.run(identityService, () -> repositoryService.createDecisionDefinitionQuery()
			.decisionDefinitionKey(SCHEDULE_DECISION)
			.latestVersion()
			.singleResult());
		execution.setVariable(SCHEDULE_VERSION, schedule.getVersion());
		String village = (String) execution.getVariable(VILLAGE_CODE);
		String township = (String) execution.getVariable(TOWNSHIP_CODE);
		String certificate = (String) execution.getVariable(CERTIFICATE_NO);
		caseIndex.register(new CaseRecord(businessKey, ProcessKeys.CHRONIC_FOLLOWUP, execution.getProcessInstanceId(),
				(String) execution.getVariable(APPLICANT_NAME), (String) execution.getVariable(ID_NUMBER),
				(String) execution.getVariable(HOUSEHOLD_CATEGORY), (String) execution.getVariable(COUNTY_CODE), township,
				village, null, certificate, CaseRecord.RUNNING, null, now, null, Keys.followupOf(certificate)),
				Messages.get("followup.alreadyFollowed", certificate));
		Map<String, Object> facts = new LinkedHashMap<>();
		for (String name : List.of(CERTIFICATE_NO, APPLICANT_NAME, ID_NUMBER, VILLAGE_CODE, VILLAGE_NAME, TOWNSHIP_CODE,
				DISEASE_CODE, DISEASE_NAME)) {
			facts.put(name, execution.getVariable(name));
		}
		caseRecords.keep(execution, facts);
		// a follow-up's variables stay for years (docs/benchmark.md)
		execution.removeVariables(NOT_KEPT);
		caseAuthorizations.grantRead(execution.getProcessInstanceId(),
				CaseProcess.CHRONIC_FOLLOWUP.readers(village, township, null));
	}

}
