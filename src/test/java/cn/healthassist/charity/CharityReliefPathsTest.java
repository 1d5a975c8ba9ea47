package cn.healthassist.charity;

import cn.healthassist.support.ProcessUnitTest;

import static cn.healthassist.charity.CharityActivities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every path of processes/charity-relief.bpmn on the bare engine (no Spring, no application; beans are mocks, the two
 * decisions of processes/charity-relief-rate.dmn are the real ones):
 * <ul>
 * <li>Gateway_VerificationResult: pass, return (the village committee supplements, the township verifies again),
 * reject;</li>
 * <li>Gateway_Eligible: eligible (低保) and not eligible (a category outside the rule, decided by the DMN);</li>
 * <li>Gateway_NoticeNeeded: a public notice (notice days &gt; 0) and none (0 days);</li>
 * <li>the event-based Gateway_NoticeEvents: the notice period ends (timer at {@code noticeUntil}) or an objection
 * arrives (message {@code charity-objection}, back to verification);</li>
 * <li>Gateway_FederationDecision: approve, reject;</li>
 * <li>Gateway_SecondApprovalNeeded: not needed (3,600 yuan) and needed (12,000 yuan, DMN charity-second-approval);</li>
 * <li>Gateway_SecondDecision: approve (paid), reject;</li>
 * <li>the reminder (催办) timer of each of the five human steps.</li>
 * </ul>
 */
@Deployment(resources = { "processes/charity-relief.bpmn", "processes/charity-relief-rate.dmn",
		"forms/charityStartForm.form", "forms/charitySupplementForm.form", "forms/charityVerificationForm.form",
		"forms/charityFederationApprovalForm.form", "forms/charitySecondApprovalForm.form",
		"forms/charityPaymentForm.form" })
class CharityReliefPathsTest extends ProcessUnitTest {

	CharityReliefPathsTest() {
		super("P10D");
	}

	private static final String KEY = "charity-relief";

	private static final Date NOTICE_UNTIL = Date.from(NOW.plus(Duration.ofDays(7)));

	private static final String SMALL = "3600.00";

	private static final String ABOVE_THRESHOLD = "12000.00";

	/** The relief the calculation arrives at when the rule makes the person eligible. */
	String reliefAmount;

	final ExecutionListener charityStart = mock(ExecutionListener.class);

	final TaskListener charityRules = mock(TaskListener.class);

	final JavaDelegate calculateRelief = mock(JavaDelegate.class);

	final JavaDelegate startPublicNotice = mock(JavaDelegate.class);

	final JavaDelegate recordGrant = mock(JavaDelegate.class);

	@BeforeEach
	void setUp() throws Exception {
		// as the real delegates: the calculation follows the DMN's eligibility, the notice ends after seven days
		doAnswer(call -> calculate(call.getArgument(0))).when(calculateRelief).execute(any());
		doAnswer(call -> {
			call.<DelegateExecution>getArgument(0).setVariable("noticeUntil", NOTICE_UNTIL);
			return null;
		}).when(startPublicNotice).execute(any());
		Mocks.register("charityStart", charityStart);
		Mocks.register("charityRules", charityRules);
		Mocks.register("calculateRelief", calculateRelief);
		Mocks.register("startPublicNotice", startPublicNotice);
		Mocks.register("recordGrant", recordGrant);
	}

	@Test
	void verified_noticeWithoutObjection_federationApproves_noSecondApproval_paid() throws Exception {
		ProcessInstance pi = start("dibao", SMALL, 7);
		verified(pi);

		assertThat(pi).hasPassedInOrder(DECIDE_RATE, CALCULATE, "Gateway_Eligible", DECIDE_SECOND, "Gateway_NoticeNeeded",
				PUBLIC_NOTICE);
		waitsOutTheNotice(pi);
		assertThat(pi).variables().containsEntry("secondApprovalRequired", false);
		execute(job(NOTICE_OVER));

		federationDecides(pi, "approve");
		paid(pi);
		assertThat(pi).hasNotPassed(SECOND_APPROVAL, OBJECTION);
	}

	@Test
	void aboveTenThousandYuan_noNotice_secondApprovalAgrees_paid() throws Exception {
		ProcessInstance pi = start("dibao", ABOVE_THRESHOLD, 0);
		verified(pi);

		assertThat(pi).hasPassed("Gateway_NoticeDone").hasNotPassed(PUBLIC_NOTICE, NOTICE_EVENTS);
		assertThat(pi).variables().containsEntry("secondApprovalRequired", true);
		federationDecides(pi, "approve");

		assertThat(pi).hasPassed("Gateway_SecondApprovalNeeded").isWaitingAt(SECOND_APPROVAL);
		assertThat(task()).hasCandidateGroup("charity-federation").hasDueDate(due);
		complete(task(), withVariables("secondDecision", "approve"));

		paid(pi);
		verifyNoInteractions(startPublicNotice);
	}

	@Test
	void secondApprovalDisagrees_endsRejected_notPaid() {
		ProcessInstance pi = start("dibao", ABOVE_THRESHOLD, 0);
		verified(pi);
		federationDecides(pi, "approve");
		assertThat(pi).isWaitingAt(SECOND_APPROVAL);

		complete(task(), withVariables("secondDecision", "reject"));

		assertThat(pi).isEnded().hasPassed("Gateway_SecondDecision", END_SECOND_REJECTED).hasNotPassed(RECORD_PAYMENT);
		verifyNoInteractions(recordGrant);
	}

	@Test
	void federationRejects_endsRejected_notPaid() {
		ProcessInstance pi = start("dibao", SMALL, 0);
		verified(pi);

		federationDecides(pi, "reject");

		assertThat(pi).isEnded().hasPassed(END_FEDERATION_REJECTED).hasNotPassed(SECOND_APPROVAL, RECORD_PAYMENT);
		verifyNoInteractions(recordGrant);
	}

	@Test
	void objectionDuringNotice_returnsToVerification_thenNoticedAgain() throws Exception {
		ProcessInstance pi = start("dibao", SMALL, 7);
		verified(pi);
		waitsOutTheNotice(pi);

		runtimeService().createMessageCorrelation(OBJECTION_MESSAGE)
			.processInstanceId(pi.getId())
			.setVariable("objectionReason", "申请人家庭收入不实")
			.correlate();

		assertThat(pi).hasPassed(OBJECTION).hasNotPassed(NOTICE_OVER).isWaitingAt(VERIFICATION);
		assertThat(jobQuery().activityId(NOTICE_OVER).count()).as("the notice timer is cancelled").isZero();
		verified(pi);
		assertThat(passes(pi, VERIFICATION)).isEqualTo(2);
		verify(startPublicNotice, times(2)).execute(any());

		execute(job(NOTICE_OVER));
		assertThat(pi).isWaitingAt(FEDERATION_APPROVAL);
	}

	@Test
	void verificationReturns_villageCommitteeSupplements_thenVerifiedAgain() {
		ProcessInstance pi = start("dibao", SMALL, 0);
		assertThat(pi).isWaitingAt(VERIFICATION);
		complete(task(), withVariables("verificationDecision", "return"));

		assertThat(pi).isWaitingAt(SUPPLEMENT);
		assertThat(task()).hasCandidateGroup("village-committee-T01V01").hasDueDate(due);
		complete(task());

		assertThat(pi).hasPassedInOrder(VERIFICATION, "Gateway_VerificationResult", SUPPLEMENT, "Gateway_VerificationJoin")
			.isWaitingAt(VERIFICATION);
		verifyNoInteractions(calculateRelief);
		verified(pi);
		assertThat(pi).isWaitingAt(FEDERATION_APPROVAL);
	}

	@Test
	void verificationRejects_endsRejected_nothingCalculated() {
		ProcessInstance pi = start("dibao", SMALL, 7);
		assertThat(pi).isWaitingAt(VERIFICATION);

		complete(task(), withVariables("verificationDecision", "reject"));

		assertThat(pi).isEnded().hasPassed(END_VERIFICATION_REJECTED).hasNotPassed(DECIDE_RATE, SUPPLEMENT);
		verifyNoInteractions(calculateRelief, startPublicNotice, recordGrant);
	}

	@Test
	void categoryOutsideTheRule_endsNotEligible_withoutNotice() {
		ProcessInstance pi = start("sanwu", SMALL, 7);
		assertThat(pi).isWaitingAt(VERIFICATION);

		complete(task(), withVariables("verificationDecision", "pass"));

		assertThat(pi).isEnded().hasPassedInOrder(DECIDE_RATE, CALCULATE, "Gateway_Eligible", END_NOT_ELIGIBLE)
			.hasNotPassed(DECIDE_SECOND, PUBLIC_NOTICE, FEDERATION_APPROVAL);
		assertThat(pi).variables().containsEntry("eligible", false);
		verifyNoInteractions(startPublicNotice, recordGrant);
	}

	@ParameterizedTest(name = "{0} ({1}) reminds {2}")
	@CsvSource({ "Task_SupplementMaterials, charity-supplement, village-committee-T01V01",
			"Task_CivilVerification, charity-verification, township-civil-T01",
			"Task_FederationApproval, charity-federation-approval, charity-federation",
			"Task_SecondApproval, charity-second-approval, charity-federation",
			"Task_RecordPayment, charity-payment, charity-federation" })
	void overdueStep_remindsItsGroup_andKeepsWaiting(String step, String dueStep, String group) {
		ProcessInstance pi = runtimeService().createProcessInstanceByKey(KEY)
			.setVariables(caseVariables("dibao", 7))
			.startBeforeActivity(step)
			.execute();
		remindsWhenOverdue(pi, step, dueStep, group);
	}

	private ProcessInstance start(String householdCategory, String relief, int noticeDays) {
		reliefAmount = relief;
		return runtimeService().startProcessInstanceByKey(KEY, caseVariables(householdCategory, noticeDays));
	}

	/**
	 * What the application's start listener sets: the village's township, the rule versions this case uses (the
	 * deployed ones) and the notice days.
	 */
	private static Map<String, Object> caseVariables(String householdCategory, int noticeDays) {
		return withVariables("villageCode", "T01V01", "townshipCode", "T01", "householdCategory", householdCategory,
				"noticeDays", noticeDays, "reliefRateVersion", decisionVersion(RATE_DECISION), "secondApprovalVersion",
				decisionVersion(SECOND_APPROVAL_DECISION));
	}

	private static int decisionVersion(String key) {
		return repositoryService().createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion().singleResult()
			.getVersion();
	}

	/** The township's civil-affairs office verifies; the relief is then decided and calculated. */
	private void verified(ProcessInstance pi) {
		assertThat(pi).isWaitingAt(VERIFICATION);
		assertThat(task()).hasCandidateGroup("township-civil-T01").hasDueDate(due);
		complete(task(), withVariables("verificationDecision", "pass"));
		assertThat(pi).hasPassed(DECIDE_RATE, CALCULATE, DECIDE_SECOND);
	}

	/** The event-based gateway holds the token; its timer and its message subscription both wait. */
	private static void waitsOutTheNotice(ProcessInstance pi) {
		assertThat(pi).isWaitingAt(NOTICE_EVENTS);
		assertThat(job(NOTICE_OVER).getDuedate()).isEqualTo(NOTICE_UNTIL);
		assertThat(runtimeService().createEventSubscriptionQuery()
			.processInstanceId(pi.getId())
			.activityId(OBJECTION)
			.eventName(OBJECTION_MESSAGE)
			.count()).isOne();
	}

	private void federationDecides(ProcessInstance pi, String decision) {
		assertThat(pi).isWaitingAt(FEDERATION_APPROVAL);
		assertThat(task()).hasCandidateGroup("charity-federation").hasDueDate(due);
		complete(task(), withVariables("federationDecision", decision));
	}

	/** Payment is registered by the federation; the grant is recorded after the async boundary. */
	private void paid(ProcessInstance pi) throws Exception {
		assertThat(pi).hasPassed("Gateway_ReadyForPayment").isWaitingAt(RECORD_PAYMENT);
		assertThat(task()).hasCandidateGroup("charity-federation").hasDueDate(due);
		complete(task(), withVariables("paymentDate", "2026-06-20", "voucherNo", "PZ-001"));

		assertThat(pi).isWaitingAt(RECORD_GRANT);
		verifyNoInteractions(recordGrant);
		execute(job());
		assertThat(pi).isEnded().hasPassed(END_PAID);
		verify(recordGrant).execute(any());
	}

	/** The rule's result (DMN charity-relief-rate, in {@code reliefRule}) decides eligibility, as in the real one. */
	private Object calculate(DelegateExecution execution) {
		@SuppressWarnings("unchecked")
		Map<String, Object> rule = (Map<String, Object>) execution.getVariable("reliefRule");
		boolean eligible = Boolean.TRUE.equals(rule.get("eligible"));
		execution.setVariable("eligible", eligible);
		execution.setVariable("reliefAmount", eligible ? reliefAmount : "0.00");
		return null;
	}

	private static long passes(ProcessInstance pi, String activityId) {
		return historyService().createHistoricActivityInstanceQuery()
			.processInstanceId(pi.getId())
			.activityId(activityId)
			.count();
	}

}
