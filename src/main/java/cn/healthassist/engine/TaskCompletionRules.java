package cn.healthassist.engine;

import cn.healthassist.problems.FieldProblem;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.task.Task;

/**
 * The rules a process's human steps must pass before they complete: a decision from the allowed ones, a written
 * opinion, the required materials. Checked by {@link TaskCompletionGuard} before the engine completes a task,
 * whatever the door (Tasklist, engine REST API, Java API), so a person gets the plain message and a 400.
 */
public interface TaskCompletionRules {

	/** The key of the process whose tasks these rules check. */
	String processKey();

	/**
	 * @param task the task being completed
	 * @param variables the task's variables with the submitted values laid over them
	 * @return the problems; empty when the task may complete
	 */
	List<FieldProblem> check(Task task, Map<String, Object> variables, ProcessEngineServices services);

	/** Rules that need only the step's id and the submitted values (most of them). */
	interface ByStep extends TaskCompletionRules {

		/**
		 * @param step the task's definition key ({@code Task_TownshipReview})
		 * @param variables the task's variables with the submitted values laid over them
		 */
		List<FieldProblem> check(String step, Map<String, Object> variables);

		@Override
		default List<FieldProblem> check(Task task, Map<String, Object> variables, ProcessEngineServices services) {
			return check(task.getTaskDefinitionKey(), variables);
		}

	}

}
