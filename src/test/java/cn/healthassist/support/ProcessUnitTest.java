package cn.healthassist.support;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.ProcessEngine;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import cn.healthassist.values.DueDates;

/**
 * Base of the engine-only process tests ({@code *PathsTest}): the in-memory engine of process-unit.cfg.xml, the
 * engine's clock at {@link #NOW}, and the two beans every model names, {@code dueDates} (each step due
 * {@link #due})) and {@code overdueReminder}, as mocks; all reset after each test. A test class
 * registers the beans of its own process in its own {@code @BeforeEach}, which runs after this one's.
 */
public abstract class ProcessUnitTest {

	protected static final Instant NOW = Instant.parse("2026-06-10T02:00:00Z");

	/**
	 * The in-memory engine of process-unit.cfg.xml, one extension per test (it keeps the state of what it runs; the
	 * engine itself is built once and cached). Not named camunda.cfg.xml: Camunda's REST API looks up the default engine
	 * through ProcessEngines, which would build an engine of that file in the whole-application tests.
	 */
	@RegisterExtension
	final ProcessEngineExtension extension = ProcessEngineExtension.builder()
		.configurationResource("process-unit.cfg.xml")
		.build();

	/** The engine, for the services a test calls directly. */
	protected ProcessEngine engine;

	protected final TaskListener overdueReminder = mock(TaskListener.class);

	protected final DueDates dueDates = mock(DueDates.class);

	/** How long each step may take in this process's tests, as an ISO period ({@code P5D}). */
	private final String stepDuration;

	/** When each step is due: what the mocked {@code dueDates} answers. */
	protected final Date due;

	protected ProcessUnitTest(String stepDuration) {
		this.stepDuration = stepDuration;
		this.due = Date.from(NOW.plus(Duration.parse(stepDuration)));
	}

	@BeforeEach
	void startTheEngineClock(ProcessEngine processEngine) {
		this.engine = processEngine;
		BpmnAwareTests.init(processEngine);
		ClockUtil.setCurrentTime(Date.from(NOW));
		when(dueDates.date(anyString())).thenReturn(due);
		when(dueDates.period(anyString())).thenReturn(stepDuration);
		Mocks.register("overdueReminder", overdueReminder);
		Mocks.register("dueDates", dueDates);
	}

	@AfterEach
	void resetTheEngineClock() {
		BpmnAwareTests.reset();
		Mocks.reset();
		ClockUtil.reset();
	}

	/**
	 * A case started at a step that then runs overdue: the step's task is its group's and due at {@link #due} (asked of
	 * dueDates under its own name), the reminder timer fires at that time and reminds once, the case keeps waiting.
	 */
	protected void remindsWhenOverdue(ProcessInstance pi, String step, String dueStep, String group) {
		assertThat(pi).isWaitingAt(step);
		assertThat(task()).hasCandidateGroup(group).hasDueDate(due);
		verify(dueDates).date(dueStep);
		verify(dueDates).period(dueStep);
		Job reminder = job();
		Assertions.assertThat(reminder.getDuedate()).isEqualTo(due);
		verifyNoInteractions(overdueReminder);
		execute(reminder);
		verify(overdueReminder).notify(argThat(t -> step.equals(t.getTaskDefinitionKey())));
		assertThat(pi).isWaitingAt(step);
		Assertions.assertThat(jobQuery().count()).as("one reminder per step, not a repeating one").isZero();
	}

}
