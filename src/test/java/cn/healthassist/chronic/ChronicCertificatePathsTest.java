package cn.healthassist.chronic;

import cn.healthassist.support.ProcessUnitTest;

import static cn.healthassist.chronic.ChronicActivities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.Map;

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
 * Every path of processes/chronic-certificate.bpmn on the bare engine (no Spring, no application; beans are mocks):
 * <ul>
 * <li>Gateway_ZeroMaterial: treatment records found (零材料, straight to the township) and not found (the village
 * doctor collects materials);</li>
 * <li>Gateway_TownshipDecision: pass, return (back to the village doctor, then reviewed again), ineligible (policy
 * explained);</li>
 * <li>Gateway_CountyDecision: approve (certificate issued after the async boundary), reject (policy explained);</li>
 * <li>the event sub-process 撤回 (message {@code chronic-certificate-withdraw}) while materials are collected and while
 * the review waits;</li>
 * <li>the reminder (催办) timer of each of the four human steps.</li>
 * </ul>
 */
@Deployment(resources = { "processes/chronic-certificate.bpmn", "forms/chronicCertificateStartForm.form",
		"forms/chronicCollectMaterialsForm.form", "forms/chronicTownshipReviewForm.form",
		"forms/chronicCountyApprovalForm.form", "forms/chronicExplainPolicyForm.form" })
class ChronicCertificatePathsTest extends ProcessUnitTest {

	ChronicCertificatePathsTest() {
		super("P5D");
	}

	private static final String KEY = "chronic-certificate";

	private static final String VILLAGE_DOCTORS = "village-doctor-T01V01";

	private static final String TOWNSHIP_HEALTH = "township-health-T01";

	/** What the treatment-record look-up finds (the real one searches the imported records of 24 months). */
	boolean treatmentRecordsFound;

	final ExecutionListener applicationStart = mock(ExecutionListener.class);

	final JavaDelegate lookUpTreatmentRecords = execution -> execution.setVariable("zeroMaterial", treatmentRecordsFound);

	final TaskListener decisionRules = mock(TaskListener.class);

	final JavaDelegate issueCertificate = mock(JavaDelegate.class);

	@BeforeEach
	void setUp() {
		Mocks.register("chronicApplicationStart", applicationStart);
		Mocks.register("lookUpTreatmentRecords", lookUpTreatmentRecords);
		Mocks.register("chronicDecisionRules", decisionRules);
		Mocks.register("issueCertificate", issueCertificate);
	}

	@Test
	void recordsFound_zeroMaterial_townshipPasses_countyApproves_thenIssued() throws Exception {
		ProcessInstance pi = start(true);

		assertThat(pi).isWaitingAt(TOWNSHIP_REVIEW).hasNotPassed(COLLECT_MATERIALS);
		assertThat(task()).hasCandidateGroup(TOWNSHIP_HEALTH).hasDueDate(due);
		complete(task(), withVariables("townshipDecision", "pass"));

		assertThat(pi).isWaitingAt(COUNTY_APPROVAL);
		assertThat(task()).hasCandidateGroup("county-insurance");
		complete(task(), withVariables("countyDecision", "approve"));

		assertIssued(pi);
		assertThat(pi).hasPassedInOrder("StartEvent_ApplicationSubmitted", LOOK_UP_TREATMENT_RECORDS, "Gateway_ZeroMaterial",
				"Gateway_MaterialsReady", TOWNSHIP_REVIEW, "Gateway_TownshipDecision", COUNTY_APPROVAL,
				"Gateway_CountyDecision", ISSUE_CERTIFICATE, END_ISSUED);
		verify(applicationStart).notify(any());
	}

	@Test
	void noRecords_villageDoctorCollectsMaterials_thenIssued() throws Exception {
		ProcessInstance pi = start(false);

		assertThat(pi).isWaitingAt(COLLECT_MATERIALS);
		assertThat(task()).hasCandidateGroup(VILLAGE_DOCTORS).hasDueDate(due);
		complete(task());

		assertThat(pi).isWaitingAt(TOWNSHIP_REVIEW);
		complete(task(), withVariables("townshipDecision", "pass"));
		complete(task(), withVariables("countyDecision", "approve"));

		assertIssued(pi);
		assertThat(pi).hasPassedInOrder(LOOK_UP_TREATMENT_RECORDS, "Gateway_CollectMaterialsJoin", COLLECT_MATERIALS,
				"Gateway_MaterialsReady", TOWNSHIP_REVIEW, COUNTY_APPROVAL, ISSUE_CERTIFICATE, END_ISSUED);
	}

	@Test
	void townshipReturns_villageCorrects_thenIssued() throws Exception {
		ProcessInstance pi = start(true);
		assertThat(pi).isWaitingAt(TOWNSHIP_REVIEW);
		complete(task(), withVariables("townshipDecision", "return"));

		assertThat(pi).isWaitingAt(COLLECT_MATERIALS).hasPassed("Gateway_CollectMaterialsJoin");
		assertThat(task()).hasCandidateGroup(VILLAGE_DOCTORS);
		complete(task());

		assertThat(pi).isWaitingAt(TOWNSHIP_REVIEW);
		complete(task(), withVariables("townshipDecision", "pass"));
		complete(task(), withVariables("countyDecision", "approve"));

		assertIssued(pi);
		assertThat(passes(pi, TOWNSHIP_REVIEW)).isEqualTo(2);
		assertThat(passes(pi, COLLECT_MATERIALS)).isEqualTo(1);
	}

	@Test
	void townshipFindsIneligible_villageDoctorExplainsPolicy_endsNotEligible() {
		ProcessInstance pi = start(true);
		assertThat(pi).isWaitingAt(TOWNSHIP_REVIEW);
		complete(task(), withVariables("townshipDecision", "ineligible"));

		assertThat(pi).isWaitingAt(EXPLAIN_POLICY).hasNotPassed(COUNTY_APPROVAL);
		assertThat(task()).hasCandidateGroup(VILLAGE_DOCTORS).hasDueDate(due);
		complete(task());

		assertNotIssued(pi);
		assertThat(pi).hasPassedInOrder(TOWNSHIP_REVIEW, "Gateway_TownshipDecision", "Gateway_ExplainJoin", EXPLAIN_POLICY,
				END_NOT_ELIGIBLE);
	}

	@Test
	void countyRejects_villageDoctorExplainsPolicy_endsNotIssued() {
		ProcessInstance pi = start(true);
		assertThat(pi).isWaitingAt(TOWNSHIP_REVIEW);
		complete(task(), withVariables("townshipDecision", "pass"));
		assertThat(pi).isWaitingAt(COUNTY_APPROVAL);
		complete(task(), withVariables("countyDecision", "reject"));

		assertThat(pi).isWaitingAt(EXPLAIN_POLICY);
		complete(task());

		assertNotIssued(pi);
		assertThat(pi).hasPassedInOrder(COUNTY_APPROVAL, "Gateway_CountyDecision", "Gateway_ExplainJoin", EXPLAIN_POLICY,
				END_NOT_ELIGIBLE);
	}

	/** The two moments the API lets the village doctor withdraw; the model itself would take the message at any. */
	@ParameterizedTest(name = "records found {0}: withdrawn at {1}")
	@CsvSource({ "false, Task_CollectMaterials", "true, Task_TownshipReview" })
	void villageDoctorWithdraws_beforeTheReview_endsWithdrawn(boolean recordsFound, String waitingAt) {
		ProcessInstance pi = start(recordsFound);
		assertThat(pi).isWaitingAt(waitingAt);

		runtimeService().createMessageCorrelation(WITHDRAW_MESSAGE)
			.processInstanceId(pi.getId())
			.setVariable("withdrawReason", "患者改变主意")
			.correlate();

		assertThat(pi).isEnded().hasPassed(END_WITHDRAWN).hasNotPassed(END_ISSUED, END_NOT_ELIGIBLE);
		assertThat(taskQuery().count()).isZero();
		assertThat(jobQuery().count()).as("the step's reminder timer is gone with it").isZero();
		verifyNoInteractions(issueCertificate);
	}

	@ParameterizedTest(name = "{0} ({1}) reminds {2}")
	@CsvSource({ "Task_CollectMaterials, collect-materials, village-doctor-T01V01",
			"Task_TownshipReview, township-review, township-health-T01",
			"Task_CountyApproval, county-approval, county-insurance",
			"Task_ExplainPolicy, explain-policy, village-doctor-T01V01" })
	void overdueStep_remindsItsGroup_andKeepsWaiting(String step, String dueStep, String group) {
		ProcessInstance pi = runtimeService().createProcessInstanceByKey(KEY)
			.setVariables(caseVariables())
			.startBeforeActivity(step)
			.execute();
		remindsWhenOverdue(pi, step, dueStep, group);
	}

	private ProcessInstance start(boolean recordsFound) {
		treatmentRecordsFound = recordsFound;
		return runtimeService().startProcessInstanceByKey(KEY, caseVariables());
	}

	/** What the application's start listener derives from the village; here the mocked listener sets nothing. */
	private static Map<String, Object> caseVariables() {
		return withVariables("villageCode", "T01V01", "townshipCode", "T01", "countyCode", "C01", "idNumber",
				"341722196503120411", "diseaseCode", "HTN");
	}

	/** The approval only reaches the async boundary; the certificate is issued when its job runs. */
	private void assertIssued(ProcessInstance pi) throws Exception {
		assertThat(pi).isWaitingAt(ISSUE_CERTIFICATE);
		verifyNoInteractions(issueCertificate);
		execute(job());
		assertThat(pi).isEnded().hasPassed(END_ISSUED).hasNotPassed(EXPLAIN_POLICY, END_WITHDRAWN);
		verify(issueCertificate).execute(any());
	}

	private void assertNotIssued(ProcessInstance pi) {
		assertThat(pi).isEnded().hasPassed(END_NOT_ELIGIBLE).hasNotPassed(ISSUE_CERTIFICATE, END_ISSUED);
		verifyNoInteractions(issueCertificate);
	}

	private static long passes(ProcessInstance pi, String activityId) {
		return historyService().createHistoricActivityInstanceQuery()
			.processInstanceId(pi.getId())
			.activityId(activityId)
			.count();
	}

}
