package cn.healthassist.referral;

import static cn.healthassist.support.Vars.vars;

import static cn.healthassist.referral.ReferralVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;


import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.healthassist.audit.CaseRecords;
import cn.healthassist.problems.FieldProblem;
import cn.healthassist.processes.ProcessKeys;

/** The rules of county-referral's human steps: a decision from the step's list and an opinion. */
class ReferralRulesTest {

	private final ReferralMapper referrals = mock(ReferralMapper.class);

	private final ReferralRules rules = new ReferralRules(referrals, mock(CaseRecords.class));

	@Test
	void theRules_areThoseOfCountyReferral() {
		assertThat(rules.processKey()).isEqualTo(ProcessKeys.COUNTY_REFERRAL);
	}

	// the unit head's approval and the emergency confirmation have the same rules

	@ParameterizedTest
	@ValueSource(strings = { ReferralActivities.UNIT_HEAD_APPROVAL, ReferralActivities.CONFIRM_EMERGENCY })
	void aHeadDecisionWithAnOpinion_passes(String step) {
		assertThat(rules.check(step, vars(HEAD_DECISION, "approve", HEAD_OPINION, "本院无介入条件，同意转诊。"))).isEmpty();
		assertThat(rules.check(step, vars(HEAD_DECISION, "reject", HEAD_OPINION, "本院可治疗。"))).isEmpty();
		verifyNoInteractions(referrals);
	}

	@ParameterizedTest
	@ValueSource(strings = { ReferralActivities.UNIT_HEAD_APPROVAL, ReferralActivities.CONFIRM_EMERGENCY })
	void aHeadStepWithoutDecisionOrOpinion_isRefusedForBoth(String step) {
		assertThat(rules.check(step, vars())).containsExactly(new FieldProblem("headDecision", "请选择审批结论"),
				new FieldProblem("headOpinion", "审批意见不能为空"));
	}

	@Test
	void aHeadDecisionOutsideTheList_isRefusedListingTheChoices() {
		assertThat(rules.check(ReferralActivities.UNIT_HEAD_APPROVAL, vars(HEAD_DECISION, "compliant", HEAD_OPINION, "同意")))
			.containsExactly(new FieldProblem("headDecision", "审批结论的取值无效（可选：approve、reject）"));
	}

	@Test
	void aHeadOpinionWithMarkupOrTooLong_isRefused() {
		assertThat(rules.check(ReferralActivities.UNIT_HEAD_APPROVAL,
				vars(HEAD_DECISION, "approve", HEAD_OPINION, "<iframe src=//evil>")))
			.containsExactly(new FieldProblem("headOpinion", "审批意见不能包含HTML标记"));
		assertThat(rules.check(ReferralActivities.CONFIRM_EMERGENCY,
				vars(HEAD_DECISION, "approve", HEAD_OPINION, "同".repeat(501))))
			.containsExactly(new FieldProblem("headOpinion", "审批意见不能超过500个字"));
	}

	// the health commission's audit

	@ParameterizedTest
	@ValueSource(strings = { "compliant", "non-compliant" })
	void anAuditWithAnOutcomeAndAnOpinion_passes(String outcome) {
		assertThat(rules.check(ReferralActivities.COMMISSION_AUDIT, vars(AUDIT_OUTCOME, outcome, AUDIT_OPINION, "转诊手续齐全")))
			.isEmpty();
	}

	@Test
	void anAuditWithTheHeadsDecision_isRefused() {
		assertThat(rules.check(ReferralActivities.COMMISSION_AUDIT, vars(AUDIT_OUTCOME, "approve", AUDIT_OPINION, "同意")))
			.containsExactly(new FieldProblem("auditOutcome", "审核结论的取值无效（可选：compliant、non-compliant）"));
	}

	@Test
	void anEmptyAudit_isRefusedForOutcomeAndOpinion() {
		assertThat(rules.check(ReferralActivities.COMMISSION_AUDIT, vars(AUDIT_OUTCOME, "", AUDIT_OPINION, "  ")))
			.containsExactly(new FieldProblem("auditOutcome", "请选择审核结论"), new FieldProblem("auditOpinion", "审核意见不能为空"));
	}

	// supervising an overdue emergency referral

	@ParameterizedTest
	@ValueSource(strings = { "phone", "notice", "visit" })
	void aSupervisionWithAnActionAndANote_passes(String action) {
		assertThat(rules.check(ReferralActivities.SUPERVISE_OVERDUE,
				vars(SUPERVISE_ACTION, action, SUPERVISE_NOTE, "已电话督促县人民医院补办确认手续"))).isEmpty();
	}

	@Test
	void aSupervisionWithAnUnknownActionAndNoNote_isRefusedForBoth() {
		assertThat(rules.check(ReferralActivities.SUPERVISE_OVERDUE, vars(SUPERVISE_ACTION, "email")))
			.containsExactly(new FieldProblem("superviseAction", "督办方式的取值无效（可选：phone、notice、visit）"),
					new FieldProblem("superviseNote", "督办情况不能为空"));
	}

	@Test
	void aSupervisionNoteWithAControlCharacter_isRefused() {
		assertThat(rules.check(ReferralActivities.SUPERVISE_OVERDUE, vars(SUPERVISE_ACTION, "visit", SUPERVISE_NOTE, "已\u001b督办")))
			.containsExactly(new FieldProblem("superviseNote", "督办情况含有不可见的控制字符"));
	}

	// other steps, and the door through a task

	@Test
	void aStepWithoutRules_passes() {
		assertThat(rules.check(ReferralActivities.ISSUE_REFERRAL, vars(HEAD_DECISION, "nonsense"))).isEmpty();
	}

	@Test
	void throughATask_theStepIsTheTasksDefinitionKey() {
		Task task = mock(Task.class);
		when(task.getTaskDefinitionKey()).thenReturn(ReferralActivities.COMMISSION_AUDIT);
		ProcessEngineServices services = mock(ProcessEngineServices.class);
		assertThat(rules.check(task, vars(AUDIT_OUTCOME, "compliant"), services))
			.containsExactly(new FieldProblem("auditOpinion", "审核意见不能为空"));
		verifyNoInteractions(services);
	}

}
