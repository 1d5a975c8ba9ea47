package cn.healthassist.referral;

import static cn.healthassist.referral.ReferralVariables.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import cn.healthassist.audit.CaseFacts;
import cn.healthassist.audit.CaseRecords;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.problems.FieldProblem;
import cn.healthassist.processes.ProcessKeys;
import cn.healthassist.engine.TaskCompletionRules;
import cn.healthassist.values.Texts;
import cn.healthassist.values.Messages;

/**
 * The rules of the human steps of {@code county-referral} (a decision and an opinion at each), checked before a
 * step completes; and what a completed step writes to the referral registry: the head's decision, the audit
 * outcome, the moment an overdue emergency referral was escalated.
 */
@Component("referralRules")
public class ReferralRules implements TaskListener, TaskCompletionRules.ByStep {

	static final List<String> HEAD_DECISIONS = List.of("approve", "reject");

	static final List<String> AUDIT_OUTCOMES = List.of("compliant", "non-compliant");

	static final List<String> SUPERVISE_ACTIONS = List.of("phone", "notice", "visit");

	private final ReferralMapper referrals;

	private final CaseRecords caseRecords;

	public ReferralRules(ReferralMapper referrals, CaseRecords caseRecords) {
		this.referrals = referrals;
		this.caseRecords = caseRecords;
	}

	@Override
	public String processKey() {
		return ProcessKeys.COUNTY_REFERRAL;
	}

	@Override
	public void notify(DelegateTask task) {
		String step = task.getTaskDefinitionKey();
		String businessKey = task.getExecution().getProcessBusinessKey();
		if (EVENTNAME_CREATE.equals(task.getEventName())) {
			if (ReferralActivities.UNIT_HEAD_APPROVAL.equals(step) || ReferralActivities.CONFIRM_EMERGENCY.equals(step)) {
				CaseRecords.openEmpty(task, HEAD_DECISION, HEAD_OPINION);
			}
			else if (ReferralActivities.SUPERVISE_OVERDUE.equals(step)) {
				referrals.escalated(businessKey, ClockUtil.getCurrentTime());
			}
			return;
		}
		// the case record and this step's own fields, nothing else of the task's variables
		CaseFacts inputs = caseRecords.inputs(task);
		List<FieldProblem> problems = check(step, inputs.values());
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
		String user = actor(task);
		if (ReferralActivities.UNIT_HEAD_APPROVAL.equals(step) || ReferralActivities.CONFIRM_EMERGENCY.equals(step)) {
			String decision = inputs.text(HEAD_DECISION);
			caseRecords.establish(task, Map.of(HEAD_DECISION_NAME, "approve".equals(decision)
					? Messages.get("referral.head.approved") : Messages.get("referral.head.notApproved")));
			referrals.headDecided(businessKey, decision, inputs.text(HEAD_OPINION), user, ClockUtil.getCurrentTime());
		}
		else if (ReferralActivities.COMMISSION_AUDIT.equals(step)) {
			referrals.audited(businessKey, inputs.text(AUDIT_OUTCOME), inputs.text(AUDIT_OPINION), user,
					ClockUtil.getCurrentTime());
		}
	}

	@Override
	public List<FieldProblem> check(String step, Map<String, Object> v) {
		List<FieldProblem> problems = new ArrayList<>();
		switch (step) {
			case ReferralActivities.UNIT_HEAD_APPROVAL, ReferralActivities.CONFIRM_EMERGENCY -> {
				Texts.oneOf(problems, HEAD_DECISION, Messages.get("label.approvalDecision"), v.get(HEAD_DECISION),
						HEAD_DECISIONS);
				Texts.text(problems, HEAD_OPINION, Messages.get("label.approvalOpinion"), v.get(HEAD_OPINION), true, 500);
			}
			case ReferralActivities.COMMISSION_AUDIT -> {
				Texts.oneOf(problems, AUDIT_OUTCOME, Messages.get("label.reviewDecision"), v.get(AUDIT_OUTCOME),
						AUDIT_OUTCOMES);
				Texts.text(problems, AUDIT_OPINION, Messages.get("label.reviewOpinion"), v.get(AUDIT_OPINION), true, 500);
			}
			case ReferralActivities.SUPERVISE_OVERDUE -> {
				Texts.oneOf(problems, SUPERVISE_ACTION, Messages.get("label.superviseAction"), v.get(SUPERVISE_ACTION),
						SUPERVISE_ACTIONS);
				Texts.text(problems, SUPERVISE_NOTE, Messages.get("label.superviseNote"), v.get(SUPERVISE_NOTE), true, 500);
			}
			default -> {
			}
		}
		return problems;
	}

	private static String actor(DelegateTask task) {
		if (task.getAssignee() != null) {
			return task.getAssignee();
		}
		Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		return auth == null ? null : auth.getUserId();
	}

}
