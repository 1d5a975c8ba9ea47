package cn.healthassist.engine;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.task.Task;

/**
 * A person's step on a task (claiming or assigning it, completing it, submitting its form) or start of a case runs in
 * one command context, so in one transaction and one entity cache with the guards that check it: the task, its candidate
 * groups, its deployed form, its variables and its case record are read once, in the transaction that then changes
 * them, instead of in a transaction of each guard's own before it (docs/benchmark.md). The form's version the guard
 * checks the fields against is the one the step's record is made by ({@link BoundForms}). A guard that refuses the step throws before the
 * step's command runs; the transaction is rolled back and nothing is changed, as before.
 * <p>
 * The guards after this interceptor tell the person's own command from the commands the engine runs inside it with
 * {@link #isOutermost}: a command context is already open when they see the step.
 */
public class StepTransaction extends CommandInterceptor {

	/** The step whose command context this interceptor opened, on this thread. */
	private static final ThreadLocal<Command<?>> STEP = new ThreadLocal<>();

	/** The step's task as the person may see it, once a guard has read it: its id and the task (null: not visible). */
	private static final ThreadLocal<Seen> SEEN = new ThreadLocal<>();

	private record Seen(String taskId, Task task) {
	}

	private final ProcessEngineConfigurationImpl config;

	public StepTransaction(ProcessEngineConfigurationImpl config) {
		this.config = config;
	}

	@Override
	public <T> T execute(Command<T> command) {
		if (Context.getCommandContext() != null || !isStep(command)) {
			return next.execute(command);
		}
		// the rest of the chain (the guards, then the engine's transaction and command context, which it finds open and
		// joins) runs inside a command of its own, which opens the transaction
		return config.getCommandExecutorTxRequired().execute(context -> {
			STEP.set(command);
			try {
				return next.execute(command);
			}
			finally {
				STEP.remove();
				SEEN.remove();
			}
		});
	}

	private static boolean isStep(Command<?> command) {
		return command instanceof ClaimTaskCmd || command instanceof AssignTaskCmd || command instanceof CompleteTaskCmd
				|| command instanceof SubmitTaskFormCmd || command instanceof StartProcessInstanceCmd
				|| command instanceof StartProcessInstanceAtActivitiesCmd || command instanceof SubmitStartFormCmd;
	}

	/**
	 * The task as the current person may see it (a task query with their authorizations; null when they may not see
	 * it). Within a step the guards share one read, made before the step's command runs: only the guards call this,
	 * all of them before that command and as the person (not inside {@code SystemCalls.run}, whose view would differ).
	 */
	public static Task visibleTask(TaskService taskService, String taskId) {
		Seen seen = SEEN.get();
		if (seen != null && seen.taskId().equals(taskId)) {
			return seen.task();
		}
		Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
		if (STEP.get() != null) {
			SEEN.set(new Seen(taskId, task));
		}
		return task;
	}

	/**
	 * Whether the command is the outermost of a request: no command context is open, or this interceptor opened it for
	 * this very command.
	 */
	public static boolean isOutermost(Command<?> command) {
		return Context.getCommandContext() == null || STEP.get() == command;
	}

}
