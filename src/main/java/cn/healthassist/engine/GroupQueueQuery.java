package cn.healthassist.engine;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.camunda.bpm.engine.impl.TaskQueryImpl;

/**
 * Whether a task query asks for a group's queue and nothing else: the tasks offered to some candidate groups, unclaimed
 * (unless it includes claimed ones), active or suspended if it says so, in any order. Tasklist's 本组待办 is such a
 * query. Its count can then be answered from the groups' candidate links, less those whose task is claimed or in the
 * other state (task-query.xml, HA_QUEUE_COUNT), without reading every task of the group.
 * <p>
 * Every other field of Camunda's {@link TaskQueryImpl} must hold what a new query holds, or an empty list (the task
 * query writes no condition for an empty list of ids). The fields are read as they are, not from a list of known
 * conditions, so a condition a later Camunda adds also keeps the query off this path.
 */
final class GroupQueueQuery {

	/**
	 * The fields the queue's count writes into its SQL, and those that do not select tasks (what is read of each task,
	 * the variables' letter case where there are no variables, the user's groups the engine remembers, the query itself
	 * in its list of "or" queries).
	 */
	static final Set<String> ALLOWED = Set.of("candidateGroup", "candidateGroups", "includeAssignedTasks", "suspensionState",
			"cachedCandidateGroups", "cachedUserGroups", "queries", "initializeFormKeys", "withCommentAttachmentInfo",
			"taskNameCaseInsensitive", "variableNamesIgnoreCase", "variableValuesIgnoreCase");

	private static final List<Field> OTHER_FIELDS = otherFields();

	private static final TaskQueryImpl NEW_QUERY = new TaskQueryImpl();

	private GroupQueueQuery() {
	}

	/** True if the query asks for candidate groups, and for nothing else but {@link #ALLOWED}. */
	static boolean isGroupQueue(TaskQueryImpl query) {
		if (query.getClass() != TaskQueryImpl.class || query.getQueries().size() != 1 || query.getQueries().get(0) != query) {
			return false;
		}
		if (query.getCandidateUser() != null) {
			return false;
		}
		List<String> groups = query.getCandidateGroups();
		if (groups == null || groups.isEmpty()) {
			return false;
		}
		try {
			for (Field field : OTHER_FIELDS) {
				Object value = field.get(query);
				if (!Objects.deepEquals(value, field.get(NEW_QUERY)) && !isEmpty(value)) {
					return false;
				}
			}
		}
		catch (IllegalAccessException e) {
			return false;
		}
		return true;
	}

	/**
	 * An empty list or array (such as the process instance ids a filter's extension leaves empty): the task query writes
	 * a condition on a list only when it holds something.
	 */
	private static boolean isEmpty(Object value) {
		return value instanceof Collection<?> c && c.isEmpty() || value != null && value.getClass().isArray() && Array.getLength(value) == 0;
	}

	private static List<Field> otherFields() {
		List<Field> fields = new ArrayList<>();
		for (Field field : TaskQueryImpl.class.getDeclaredFields()) {
			if (Modifier.isStatic(field.getModifiers()) || ALLOWED.contains(field.getName())) {
				continue;
			}
			field.setAccessible(true);
			fields.add(field);
		}
		return List.copyOf(fields);
	}

}
