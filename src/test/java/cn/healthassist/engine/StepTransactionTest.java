package cn.healthassist.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A person's step runs in one command context (one transaction) with the guards' reads for it (StepTransaction), on an
 * engine of its own (in-memory H2): a guard after the interceptor sees the context the step's own listeners then run
 * in, and the reads it makes join it; what is not a step opens no context early; a refusal by a guard leaves the task
 * as it was.
 */
class StepTransactionTest {

	private static ProcessEngine engine;

	private static TaskService tasks;

	/** What the guard saw: the command, the context open at the time, and whether it counted as the outermost. */
	record Seen(String command, CommandContext context, boolean outermost) {
	}

	static final List<Seen> SEEN = new ArrayList<>();

	/** The context the task's listeners ran in. */
	static final List<CommandContext> LISTENED = new ArrayList<>();

	static volatile boolean refuse;

	/** The tasks the guard got from {@link StepTransaction#visibleTask}, twice a step, when it is to read them so. */
	static final List<Task> VISIBLE = new ArrayList<>();

	static volatile boolean readVisibleTwice;

	/** Stands for the guards: records what it sees and, for a step, reads the task as a guard does. */
	static class Guard extends CommandInterceptor {

		@Override
		public <T> T execute(Command<T> command) {
			SEEN.add(new Seen(command.getClass().getSimpleName(), Context.getCommandContext(),
					StepTransaction.isOutermost(command)));
			if (command instanceof ClaimTaskCmd || command instanceof CompleteTaskCmd) {
				String taskId = (String) CommandFields.read(command, "taskId");
				assertThat(tasks.createTaskQuery().taskId(taskId).count()).isOne();
				if (readVisibleTwice) {
					VISIBLE.add(StepTransaction.visibleTask(tasks, taskId));
					VISIBLE.add(StepTransaction.visibleTask(tasks, taskId));
				}
				if (refuse) {
					throw new BadUserRequestException("refused by the guard");
				}
			}
			return next.execute(command);
		}

	}

	public static class Listener implements TaskListener {

		@Override
		public void notify(DelegateTask task) {
			LISTENED.add(Context.getCommandContext());
		}

	}

	@BeforeAll
	static void buildEngine() {
		ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
			.createStandaloneInMemProcessEngineConfiguration()
			.setJdbcUrl("jdbc:h2:mem:step-transaction;DB_CLOSE_DELAY=-1")
			.setProcessEngineName("step-transaction")
			.setJobExecutorActivate(false);
		config.setCustomPreCommandInterceptorsTxRequired(List.of(new StepTransaction(config), new Guard()));
		engine = config.buildProcessEngine();
		tasks = engine.getTaskService();
		BpmnModelInstance model = Bpmn.createExecutableProcess("step")
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.userTask("Task_Review")
			.camundaCandidateGroups("township-health-T01")
			.camundaTaskListenerClass(TaskListener.EVENTNAME_ASSIGNMENT, Listener.class.getName())
			.camundaTaskListenerClass(TaskListener.EVENTNAME_COMPLETE, Listener.class.getName())
			.endEvent()
			.done();
		engine.getRepositoryService().createDeployment().addModelInstance("step.bpmn", model).deploy();
	}

	@AfterAll
	static void closeEngine() {
		engine.close();
	}

	@BeforeEach
	void forget() {
		SEEN.clear();
		LISTENED.clear();
		refuse = false;
		readVisibleTwice = false;
		VISIBLE.clear();
	}

	private String openTask() {
		engine.getRuntimeService().startProcessInstanceByKey("step");
		String id = tasks.createTaskQuery().taskUnassigned().list().get(0).getId();
		SEEN.clear();
		return id;
	}

	@Test
	void aClaim_theGuardsReadsAndTheClaimsListener_shareOneCommandContext() {
		String taskId = openTask();
		tasks.claim(taskId, "health-t01");
		Seen claim = SEEN.stream().filter(s -> s.command().equals("ClaimTaskCmd")).findFirst().orElseThrow();
		assertThat(claim.context()).as("opened before the guards").isNotNull();
		assertThat(claim.outermost()).as("the person's own command").isTrue();
		Seen read = SEEN.get(SEEN.indexOf(claim) + 1);
		assertThat(read.command()).isEqualTo("TaskQueryImpl");
		assertThat(read.context()).as("the guard's read joins it").isSameAs(claim.context());
		assertThat(read.outermost()).as("a command inside the step").isFalse();
		assertThat(LISTENED).as("the claim itself runs in it").containsExactly(claim.context());
		assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo("health-t01");
	}

	@Test
	void aCompletion_runsInTheContextItsGuardsSaw() {
		String taskId = openTask();
		tasks.complete(taskId, Map.of("townshipDecision", "pass"));
		Seen complete = SEEN.stream().filter(s -> s.command().equals("CompleteTaskCmd")).findFirst().orElseThrow();
		assertThat(complete.context()).isNotNull();
		assertThat(complete.outermost()).isTrue();
		assertThat(LISTENED).containsExactly(complete.context());
		assertThat(tasks.createTaskQuery().taskId(taskId).count()).isZero();
	}

	@Test
	void aStart_runsInOneContextWithItsGuards() {
		engine.getRuntimeService().startProcessInstanceByKey("step");
		Seen start = SEEN.stream().filter(s -> s.command().equals("StartProcessInstanceCmd")).findFirst().orElseThrow();
		assertThat(start.context()).as("opened before the guards, so the start form's check shares its transaction")
			.isNotNull();
		assertThat(start.outermost()).isTrue();
		assertThat(SEEN.subList(SEEN.indexOf(start) + 1, SEEN.size())).as("the engine's commands inside it")
			.allSatisfy(s -> {
				assertThat(s.context()).isSameAs(start.context());
				assertThat(s.outermost()).isFalse();
			});
	}

	@Test
	void whatIsNoStep_opensNoContextBeforeTheGuards() {
		openTask();
		tasks.createTaskQuery().taskCandidateGroup("township-health-T01").list();
		assertThat(SEEN).extracting(Seen::command).containsExactly("TaskQueryImpl");
		assertThat(SEEN.get(0).context()).isNull();
		assertThat(SEEN.get(0).outermost()).isTrue();
	}

	@Test
	void aStepAGuardRefuses_changesNothing() {
		String taskId = openTask();
		refuse = true;
		assertThatThrownBy(() -> tasks.claim(taskId, "health-t01")).hasMessageContaining("refused by the guard");
		assertThatThrownBy(() -> tasks.complete(taskId)).hasMessageContaining("refused by the guard");
		refuse = false;
		assertThat(LISTENED).isEmpty();
		assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
		assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId).singleResult().getAssignee())
			.isNull();
	}

	@Test
	void theGuardsOfAStep_readItsTaskOnce_andTheNextStepReadsItAgain() {
		String taskId = openTask();
		readVisibleTwice = true;
		tasks.claim(taskId, "health-t01");
		long queries = SEEN.stream().filter(s -> s.command().equals("TaskQueryImpl")).count();
		assertThat(queries).as("the guard's own count, then one read for both visibleTask calls").isEqualTo(2);
		assertThat(VISIBLE).hasSize(2).allSatisfy(t -> assertThat(t.getId()).isEqualTo(taskId));
		assertThat(VISIBLE.get(1)).isSameAs(VISIBLE.get(0));

		SEEN.clear();
		tasks.complete(taskId, Map.of("townshipDecision", "pass"));
		assertThat(SEEN.stream().filter(s -> s.command().equals("TaskQueryImpl")).count()).as("a new step reads anew").isEqualTo(2);
		assertThat(VISIBLE).hasSize(4);
		assertThat(VISIBLE.get(2).getAssignee()).as("the claim is seen by the next step").isEqualTo("health-t01");

		String other = openTask();
		StepTransaction.visibleTask(tasks, other);
		StepTransaction.visibleTask(tasks, other);
		assertThat(SEEN.stream().filter(s -> s.command().equals("TaskQueryImpl")).count()).as("outside a step, each call reads")
			.isEqualTo(2);
	}

}
