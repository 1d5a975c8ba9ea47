package cn.healthassist.referral;

import cn.healthassist.support.ProcessUnitTest;

import static cn.healthassist.referral.ReferralActivities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Date;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every path of processes/county-referral.bpmn on the bare engine (no Spring, no application; beans are mocks):
 * <ul>
 * <li>Gateway_Urgency: normal (the unit head approves first) and emergency (the referral is issued at once, the head
 * confirms afterwards);</li>
 * <li>Gateway_HeadApproved: approve (referral issued after the async boundary) and reject (ends without a
 * referral);</li>
 * <li>Gateway_AuditCompliant: compliant and non-compliant;</li>
 * <li>the non-interrupting timer BoundaryEvent_EmergencyConfirmationOverdue (24 hours without the head's
 * confirmation): the health commission supervises while the confirmation stays open;</li>
 * <li>a head who disagrees when confirming an emergency referral: the model does not branch on it, the case goes to
 * the audit like a confirmed one;</li>
 * <li>the reminder (催办) timers of the head's approval and of the commission's audit.</li>
 * </ul>
 */
@Deployment(resources = { "processes/county-referral.bpmn", "forms/referralStartForm.form",
		"forms/referralHeadApprovalForm.form", "forms/referralSuperviseForm.form", "forms/referralCommissionAuditForm.form" })
class CountyReferralPathsTest extends ProcessUnitTest {

	CountyReferralPathsTest() {
		super("P3D");
	}

	private static final String KEY = "county-referral";

	private static final String HOSPITAL_HEADS = "hospital-head-H01";

	final ExecutionListener referralStart = mock(ExecutionListener.class);

	final TaskListener referralRules = mock(TaskListener.class);

	final JavaDelegate issueReferral = mock(JavaDelegate.class);

	@BeforeEach
	void setUp() {
		when(dueDates.period("referral-emergency-confirmation")).thenReturn("PT24H");
		Mocks.register("referralStart", referralStart);
		Mocks.register("referralRules", referralRules);
		Mocks.register("issueReferral", issueReferral);
	}

	@Test
	void normalReferral_headApproves_issued_auditedCompliant() throws Exception {
		ProcessInstance pi = start("normal");

		assertThat(pi).isWaitingAt(UNIT_HEAD_APPROVAL);
		assertThat(task()).hasCandidateGroup(HOSPITAL_HEADS).hasDueDate(due);
		complete(task(), withVariables("headDecision", "approve"));

		assertThat(pi).isWaitingAt(ISSUE_REFERRAL);
		verifyNoInteractions(issueReferral);
		execute(job());
		verify(issueReferral).execute(any());

		waitsForAudit(pi);
		complete(task(), withVariables("auditOutcome", "compliant"));

		assertThat(pi).isEnded().hasPassed(END_COMPLIANT).hasNotPassed(END_NON_COMPLIANT, ISSUE_EMERGENCY_REFERRAL);
		assertThat(pi).hasPassedInOrder("StartEvent_ReferralRequested", "Gateway_Urgency", UNIT_HEAD_APPROVAL,
				"Gateway_HeadApproved", ISSUE_REFERRAL, "Gateway_AuditJoin", COMMISSION_AUDIT, "Gateway_AuditCompliant",
				END_COMPLIANT);
		verify(referralStart).notify(any());
	}

	@Test
	void normalReferral_headRejects_endsRejected_noReferralIssued() {
		ProcessInstance pi = start("normal");
		assertThat(pi).isWaitingAt(UNIT_HEAD_APPROVAL);

		complete(task(), withVariables("headDecision", "reject"));

		assertThat(pi).isEnded().hasPassed(END_REJECTED).hasNotPassed(ISSUE_REFERRAL, COMMISSION_AUDIT);
		assertThat(jobQuery().count()).isZero();
		verifyNoInteractions(issueReferral);
	}

	@Test
	void emergencyReferral_skipsHeadApproval_issuedAtOnce_confirmed_auditedNonCompliant() throws Exception {
		ProcessInstance pi = start("emergency");

		verify(issueReferral).execute(any());
		assertThat(pi).hasPassed(ISSUE_EMERGENCY_REFERRAL).hasNotPassed(UNIT_HEAD_APPROVAL)
			.isWaitingAt(CONFIRM_EMERGENCY);
		assertThat(task()).hasCandidateGroup(HOSPITAL_HEADS).hasDueDate(due);
		complete(task(), withVariables("headDecision", "approve"));

		waitsForAudit(pi);
		assertThat(jobQuery().activityId(CONFIRMATION_OVERDUE).count()).as("the 24-hour timer goes with the confirmation")
			.isZero();
		complete(task(), withVariables("auditOutcome", "non-compliant"));

		assertThat(pi).isEnded().hasPassed(END_NON_COMPLIANT).hasNotPassed(END_COMPLIANT, SUPERVISE_OVERDUE);
		assertThat(pi).hasPassedInOrder("Gateway_Urgency", ISSUE_EMERGENCY_REFERRAL, CONFIRM_EMERGENCY, "Gateway_AuditJoin",
				COMMISSION_AUDIT, END_NON_COMPLIANT);
		verify(issueReferral, times(1).description("confirming issues no second referral")).execute(any());
	}

	@Test
	void emergencyNotConfirmedWithin24Hours_commissionSupervises_caseGoesOn() throws Exception {
		ProcessInstance pi = start("emergency");
		assertThat(pi).isWaitingAt(CONFIRM_EMERGENCY);

		Job overdue = job(CONFIRMATION_OVERDUE);
		assertThat(overdue.getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofHours(24))));
		execute(overdue);

		assertThat(pi).isWaitingAt(CONFIRM_EMERGENCY, SUPERVISE_OVERDUE);
		assertThat(task(SUPERVISE_OVERDUE)).hasCandidateGroup("health-commission").hasDueDate(due);
		complete(task(SUPERVISE_OVERDUE), withVariables("superviseAction", "phone"));

		assertThat(pi).hasPassed(END_ESCALATION_HANDLED).isWaitingAt(CONFIRM_EMERGENCY).isNotEnded();
		assertThat(jobQuery().count()).as("the timer fires once, it does not repeat").isZero();
		complete(task(CONFIRM_EMERGENCY), withVariables("headDecision", "approve"));

		waitsForAudit(pi);
		complete(task(), withVariables("auditOutcome", "compliant"));
		assertThat(pi).isEnded().hasPassed(END_COMPLIANT);
	}

	/** Surprising but as modelled: the confirmation's decision is recorded, not routed on. */
	@Test
	void emergencyHeadDisagreesAfterwards_caseStillGoesToAudit() {
		ProcessInstance pi = start("emergency");
		assertThat(pi).isWaitingAt(CONFIRM_EMERGENCY);

		complete(task(), withVariables("headDecision", "reject"));

		waitsForAudit(pi);
		assertThat(pi).hasNotPassed(END_REJECTED);
	}

	@ParameterizedTest(name = "{0} ({1})")
	@CsvSource({ "Task_UnitHeadApproval, referral-head-approval, hospital-head-H01",
			"Task_CommissionAudit, referral-commission-audit, health-commission" })
	void overdueStep_remindsItsGroup_andKeepsWaiting(String step, String dueStep, String group) {
		ProcessInstance pi = runtimeService().createProcessInstanceByKey(KEY)
			.setVariable("hospitalCode", "H01")
			.startBeforeActivity(step)
			.execute();
		remindsWhenOverdue(pi, step, dueStep, group);
	}

	private static ProcessInstance start(String urgency) {
		return runtimeService().startProcessInstanceByKey(KEY,
				withVariables("hospitalCode", "H01", "countyCode", "C01", "urgency", urgency, "destinationCode", "P01"));
	}

	private void waitsForAudit(ProcessInstance pi) {
		assertThat(pi).hasPassed("Gateway_AuditJoin").isWaitingAt(COMMISSION_AUDIT);
		assertThat(task()).hasCandidateGroup("health-commission").hasDueDate(due);
	}

}
