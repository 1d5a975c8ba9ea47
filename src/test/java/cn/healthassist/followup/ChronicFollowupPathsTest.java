package cn.healthassist.followup;

import cn.healthassist.support.ProcessUnitTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every path of processes/chronic-followup.bpmn on the bare engine (no Spring, no application; beans are mocks, the
 * schedule is the real DMN chronic-followup-schedule):
 * <ul>
 * <li>Gateway_VisitKind inside SubProcess_Visit: all six visit kinds (hypertension, diabetes, mental disorder,
 * tuberculosis, the six common chronic diseases, any other disease), each chosen by the DMN from the disease;</li>
 * <li>Gateway_FollowupEnds: continue (the next visit is scheduled), the patient died, the tuberculosis is cured;</li>
 * <li>the interrupting timer BoundaryEvent_VisitMissed (grace period over): recorded as missed, next visit
 * scheduled;</li>
 * <li>the reminder (催办) timer of a visit at its due date;</li>
 * <li>the event sub-process 证撤销 (message {@code chronic-followup-stop}) while waiting for the window and during a
 * visit.</li>
 * </ul>
 */
@Deployment(resources = { "processes/chronic-followup.bpmn", "processes/chronic-followup-schedule.dmn",
		"forms/followupHypertensionForm.form", "forms/followupDiabetesForm.form", "forms/followupMentalForm.form",
		"forms/followupTuberculosisForm.form", "forms/followupEducationForm.form", "forms/followupGeneralForm.form" })
class ChronicFollowupPathsTest extends ProcessUnitTest {

	/** The visits' due dates come from the schedule (visitDue), not from dueDates. */
	ChronicFollowupPathsTest() {
		super("P90D");
	}

	private static final String KEY = "chronic-followup";

	/** The dates the mocked scheduleVisit plans for every visit: shown 15 days before it is due, missed 30 days after. */
	private static final Date OPENS_AT = Date.from(NOW.plus(Duration.ofDays(75)));

	private static final Date DUE = Date.from(NOW.plus(Duration.ofDays(90)));

	private static final Date MISSED_AT = Date.from(NOW.plus(Duration.ofDays(120)));

	private static final String WINDOW = "Event_VisitWindowOpens";

	private static final String MISSED = "BoundaryEvent_VisitMissed";

	private static final String RECORD_VISIT = "Task_RecordVisit";

	private static final String RECORD_MISSED = "Task_RecordMissedVisit";

	/** What recordVisit concludes from the visit's answers (the real one: died, tuberculosis cured, or continue). */
	String visitOutcome = "continue";

	/** The activities recordVisit ran in, in order. */
	final List<String> recorded = new ArrayList<>();

	final ExecutionListener followupStart = mock(ExecutionListener.class);

	final TaskListener followupRules = mock(TaskListener.class);

	final JavaDelegate scheduleVisit = mock(JavaDelegate.class);

	final JavaDelegate recordVisit = this::record;

	@BeforeEach
	void setUp() throws Exception {
		doAnswer(call -> plan(call.getArgument(0))).when(scheduleVisit).execute(any());
		Mocks.register("followupStart", followupStart);
		Mocks.register("followupRules", followupRules);
		Mocks.register("scheduleVisit", scheduleVisit);
		Mocks.register("recordVisit", recordVisit);
	}

	@ParameterizedTest(name = "{0}: {1} visit at {2}")
	@CsvSource({ "HTN, hypertension, Task_VisitHypertension", "DM, diabetes, Task_VisitDiabetes",
			"SMI, mental, Task_VisitMental", "TB, tuberculosis, Task_VisitTuberculosis", "COPD, common, Task_VisitCommon",
			"CKD, general, Task_VisitGeneral" })
	void eachDisease_isVisitedAtItsOwnStep_thenTheNextVisitIsScheduled(String disease, String kind, String visit)
			throws Exception {
		ProcessInstance pi = start(disease);
		assertThat(pi).variables().containsEntry("visitKind", kind);

		windowOpens(pi);
		assertThat(pi).hasPassed("StartEvent_Visit", "Gateway_VisitKind").isWaitingAt(visit);
		assertThat(task()).hasCandidateGroup("village-doctor-T01V01").hasDueDate(DUE);
		complete(task());

		assertThat(pi).hasPassedInOrder(visit, "Gateway_VisitRecorded", "EndEvent_VisitDone", RECORD_VISIT,
				"Gateway_FollowupEnds", "Gateway_NextVisit", "Task_ScheduleVisit");
		assertThat(pi).hasPassed("SubProcess_Visit").isWaitingAt(WINDOW).isNotEnded();
		assertThat(recorded).containsExactly(RECORD_VISIT);
		verify(scheduleVisit, times(2)).execute(any());
	}

	@Test
	void patientDied_followupEndsDeceased() {
		ProcessInstance pi = start("HTN");
		windowOpens(pi);
		visitOutcome = "deceased";

		complete(task(), withVariables("patientDied", true));

		assertThat(pi).isEnded().hasPassed(RECORD_VISIT, "EndEvent_PatientDied").hasNotPassed("EndEvent_TuberculosisCured");
		assertThat(jobQuery().count()).isZero();
	}

	@Test
	void tuberculosisCured_followupEndsCured() {
		ProcessInstance pi = start("TB");
		windowOpens(pi);
		assertThat(pi).isWaitingAt("Task_VisitTuberculosis");
		visitOutcome = "cured";

		complete(task(), withVariables("tbOutcome", "cured"));

		assertThat(pi).isEnded().hasPassed(RECORD_VISIT, "EndEvent_TuberculosisCured").hasNotPassed("EndEvent_PatientDied");
	}

	@Test
	void visitMissedAfterTheGracePeriod_recordedMissed_nextVisitScheduled() {
		ProcessInstance pi = start("DM");
		windowOpens(pi);
		assertThat(pi).isWaitingAt("Task_VisitDiabetes");
		assertThat(job(MISSED).getDuedate()).isEqualTo(MISSED_AT);

		execute(job(MISSED));

		assertThat(pi).hasPassedInOrder(MISSED, RECORD_MISSED, "Gateway_NextVisit", "Task_ScheduleVisit")
			.hasNotPassed(RECORD_VISIT, "Gateway_FollowupEnds", "EndEvent_VisitDone")
			.isWaitingAt(WINDOW);
		assertThat(taskQuery().count()).as("the visit is cancelled").isZero();
		assertThat(recorded).containsExactly(RECORD_MISSED);
	}

	@Test
	void visitOverdue_remindsTheDoctor_andKeepsWaiting() {
		ProcessInstance pi = start("SMI");
		windowOpens(pi);
		assertThat(pi).isWaitingAt("Task_VisitMental");
		assertThat(job("Task_VisitMental").getDuedate()).isEqualTo(DUE);
		verifyNoInteractions(overdueReminder);

		execute(job("Task_VisitMental"));

		verify(overdueReminder).notify(argThat(t -> "Task_VisitMental".equals(t.getTaskDefinitionKey())));
		assertThat(pi).isWaitingAt("Task_VisitMental");
		assertThat(job(MISSED)).as("still missed after the grace period").isNotNull();
	}

	@ParameterizedTest(name = "revoked while {0}")
	@ValueSource(strings = { "waiting for the window", "in a visit" })
	void certificateRevoked_followupEndsRevoked(String moment) {
		ProcessInstance pi = start("HTN");
		if (moment.equals("in a visit")) {
			windowOpens(pi);
		}

		runtimeService().createMessageCorrelation("chronic-followup-stop").processInstanceId(pi.getId()).correlate();

		assertThat(pi).isEnded().hasPassed("EndEvent_CertificateRevoked").hasNotPassed(RECORD_VISIT, RECORD_MISSED);
		assertThat(jobQuery().count()).isZero();
		assertThat(taskQuery().count()).isZero();
	}

	private ProcessInstance start(String disease) {
		ProcessInstance pi = runtimeService().startProcessInstanceByKey(KEY,
				withVariables("villageCode", "T01V01", "townshipCode", "T01", "diseaseCode", disease,
						"scheduleVersion", repositoryService().createDecisionDefinitionQuery()
							.decisionDefinitionKey("chronic-followup-schedule")
							.latestVersion()
							.singleResult()
							.getVersion()));
		assertThat(pi).hasPassedInOrder("StartEvent_CertificateIssued", "Task_DecideSchedule", "Gateway_NextVisit",
				"Task_ScheduleVisit").isWaitingAt(WINDOW);
		return pi;
	}

	private static void windowOpens(ProcessInstance pi) {
		assertThat(pi).isWaitingAt(WINDOW);
		assertThat(job(WINDOW).getDuedate()).isEqualTo(OPENS_AT);
		execute(job(WINDOW));
	}

	/** As the real scheduleVisit: the visit kind from the DMN's result, and the visit's dates. */
	private static Object plan(DelegateExecution execution) {
		@SuppressWarnings("unchecked")
		Map<String, Object> schedule = (Map<String, Object>) execution.getVariable("schedule");
		execution.setVariable("visitKind", schedule.get("visitKind"));
		execution.setVariable("visitOpensAt", OPENS_AT);
		execution.setVariable("visitDue", DUE);
		execution.setVariable("visitMissedAt", MISSED_AT);
		return null;
	}

	private void record(DelegateExecution execution) {
		recorded.add(execution.getCurrentActivityId());
		execution.setVariable("followupOutcome", RECORD_MISSED.equals(execution.getCurrentActivityId()) ? "continue"
				: visitOutcome);
	}

}
