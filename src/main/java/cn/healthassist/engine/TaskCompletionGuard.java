package cn.healthassist.engine;

import cn.healthassist.security.EngineDoors;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.TypedValue;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.problems.FieldProblem;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Checks {@link TaskCompletionRules} before a task is completed or its form submitted. Runs in the completion's
 * transaction ({@link StepTransaction}) but before its command, so its reads share the completion's entity cache, and
 * a refused completion changes nothing and surfaces as a {@link CaseRejectedException} (a BadUserRequestException:
 * HTTP 400 with the message, in Tasklist and the REST API) rather than as an error wrapped by a task listener. Only
 * tasks the user may see are checked; the engine refuses the others itself.
 */
public class TaskCompletionGuard extends CommandInterceptor {

	private final ObjectProvider<ProcessEngine> engine;

	private final ObjectProvider<TaskCompletionRules> rules;

	private volatile Map<String, TaskCompletionRules> byProcess;

	public TaskCompletionGuard(ObjectProvider<ProcessEngine> engine, ObjectProvider<TaskCompletionRules> rules) {
		this.engine = engine;
		this.rules = rules;
	}

	@Override
	public <T> T execute(Command<T> command) {
		if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
			String taskId = (String) CommandFields.read(command, "taskId");
			Object submitted = CommandFields.read(command, command instanceof CompleteTaskCmd ? "variables" : "properties");
			check(taskId, submitted instanceof Map<?, ?> m ? m : Map.of());
		}
		return next.execute(command);
	}

	private void check(String taskId, Map<?, ?> submitted) {
		if (taskId == null) {
			return;
		}
		ProcessEngine processEngine = engine.getObject();
		Reading reading = read(processEngine, taskId);
		if (reading == null) {
			return;
		}
		Map<String, Object> variables = reading.variables();
		submitted.forEach((k, v) -> variables.put(String.valueOf(k), v instanceof TypedValue tv ? tv.getValue() : v));
		List<FieldProblem> problems = EngineDoors
			.asProduct(() -> reading.rules().check(reading.task(), variables, processEngine));
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
	}

	/** The task and its variables before the completion. */
	private record Reading(Task task, TaskCompletionRules rules, Map<String, Object> variables) {
	}

	/**
	 * Reads the task as the user may see it and, when rules apply to its process, its variables on behalf of the
	 * system.
	 */
	private Reading read(ProcessEngine processEngine, String taskId) {
		TaskService taskService = processEngine.getTaskService();
		Task task = StepTransaction.visibleTask(taskService, taskId);
		if (task == null || task.getProcessDefinitionId() == null) {
			return null;
		}
		TaskCompletionRules processRules = rules().get(cn.healthassist.security.CaseProcess.keyOf(task.getProcessDefinitionId()));
		if (processRules == null) {
			return null;
		}
		Map<String, Object> variables = SystemCalls.run(processEngine.getIdentityService(),
				() -> new HashMap<>(taskService.getVariables(taskId)));
		return new Reading(task, processRules, variables);
	}

	private Map<String, TaskCompletionRules> rules() {
		Map<String, TaskCompletionRules> map = byProcess;
		if (map == null) {
			map = new HashMap<>();
			for (TaskCompletionRules r : rules) {
				map.put(r.processKey(), r);
			}
			byProcess = map;
		}
		return map;
	}

}
