package cn.healthassist.followup;

import static cn.healthassist.followup.FollowupVariables.*;

import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import cn.healthassist.audit.CaseRecords;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Records the visit in the follow-up table: done on time (by its due date), done late, or missed (reached from
 * the grace-period timer). Decides whether the follow-up goes on: it ends when the patient has died or the
 * tuberculosis is cured.
 */
@Component("recordVisit")
public class RecordVisitDelegate implements JavaDelegate {

	static final String MISSED_ACTIVITY = "Task_RecordMissedVisit";

	private final ObjectMapper json;

	private final FollowupVisitMapper visits;

	private final CaseRecords caseRecords;

	public RecordVisitDelegate(FollowupVisitMapper visits, ObjectMapper json, CaseRecords caseRecords) {
		this.visits = visits;
		this.caseRecords = caseRecords;
		this.json = json;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String businessKey = execution.getProcessBusinessKey();
		// the visit planned last: its number is the record's (a follow-up begun before kept it as a variable)
		int visitNo = execution.getVariable(VISIT_NO) instanceof Number n ? n.intValue()
				: caseRecords.of(execution).number(VISIT_NO, 0);
		Date now = ClockUtil.getCurrentTime();
		if (MISSED_ACTIVITY.equals(execution.getCurrentActivityId())) {
			visits.record(businessKey, visitNo, "missed", null, null, null);
			execution.setVariable(FOLLOWUP_OUTCOME, "continue");
			return;
		}
		Date due = (Date) execution.getVariable(VISIT_DUE);
		// the visit's answers as its step's entry in the case record holds them: every field of the visit form the
		// doctor filled in, in the version they were shown (a field a process owner added too)
		Map<String, Object> data = caseRecords.lastStep(execution);
		String answers;
		try {
			answers = json.writeValueAsString(data);
		}
		catch (JsonProcessingException e) {
			answers = null;
		}
		Object doctor = execution.getVariable(FollowupVariables.VISIT_DOCTOR);
		visits.record(businessKey, visitNo, now.after(due) ? "done-late" : "done-on-time", now,
				doctor == null ? null : doctor.toString(), answers);
		String outcome = "continue";
		if (Boolean.TRUE.equals(execution.getVariable(PATIENT_DIED))) {
			outcome = "deceased";
		}
		else if ("tuberculosis".equals(execution.getVariable(VISIT_KIND)) && "cured".equals(execution.getVariable(TB_OUTCOME))) {
			outcome = "cured";
		}
		execution.setVariable(FOLLOWUP_OUTCOME, outcome);
	}

}
