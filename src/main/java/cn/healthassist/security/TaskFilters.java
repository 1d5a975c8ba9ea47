package cn.healthassist.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Service;

import cn.healthassist.values.Messages;

/**
 * The Tasklist filters every user sees: 我的待办 (assigned to me), 本组待办 (unclaimed tasks of my groups) and
 * 已逾期 (past their due date). They are global: every user may read them, and each shows only the tasks the
 * user is authorized for.
 */
@Service
public class TaskFilters {

	public static final String MINE = Messages.get("security.filter.mine");

	public static final String GROUP = Messages.get("security.filter.group");

	public static final String OVERDUE = Messages.get("security.filter.overdue");

	private final FilterService filterService;

	private final TaskService taskService;

	private final AuthorizationService authorizationService;

	public TaskFilters(FilterService filterService, TaskService taskService, AuthorizationService authorizationService) {
		this.filterService = filterService;
		this.taskService = taskService;
		this.authorizationService = authorizationService;
	}

	/**
	 * The process variables each filter shows in Tasklist's list, by name, with their labels: variables the processes
	 * set at their start, names and not codes (a referral has no village but its hospital, the unit; a charity case
	 * names both its village and the hospital of the stay; its applicant is the patient). A case shows those it has.
	 */
	public static final Map<String, String> COLUMNS = columns();

	private static Map<String, String> columns() {
		Map<String, String> columns = new LinkedHashMap<>();
		columns.put("caseNo", Messages.get("label.caseNo"));
		columns.put("applicantName", Messages.get("label.applicant"));
		columns.put("villageName", Messages.get("label.village"));
		columns.put("hospitalName", Messages.get("label.hospital"));
		columns.put("subjectName", Messages.get("label.subject"));
		return java.util.Collections.unmodifiableMap(columns);
	}

	public void ensureFilters() {
		TaskQuery mine = taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc();
		ensure(MINE, 10, Messages.get("security.filter.mineDescription"), mine);
		TaskQuery group = taskService.createTaskQuery()
			.taskCandidateGroupInExpression("${currentUserGroups()}")
			.orderByDueDate()
			.asc();
		ensure(GROUP, 20, Messages.get("security.filter.groupDescription"), group);
		TaskQuery overdue = taskService.createTaskQuery().dueBeforeExpression("${now()}").orderByDueDate().asc();
		ensure(OVERDUE, 30, Messages.get("security.filter.overdueDescription"), overdue);
	}

	private void ensure(String name, int priority, String description, TaskQuery query) {
		Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
		if (filter == null) {
			filter = filterService.newTaskFilter(name);
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("description", description);
		properties.put("priority", priority);
		properties.put("refresh", true);
		properties.put("variables", COLUMNS.entrySet().stream().map(c -> variable(c.getKey(), c.getValue())).toList());
		filter.setProperties(properties);
		filter.setQuery((TaskQueryImpl) query);
		filterService.saveFilter(filter);
		if (authorizationService.createAuthorizationQuery()
			.resourceType(Resources.FILTER)
			.resourceId(filter.getId())
			.count() == 0) {
			Authorization auth = authorizationService.createNewAuthorization(AUTH_TYPE_GLOBAL);
			auth.setUserId(Authorization.ANY);
			auth.setResource(Resources.FILTER);
			auth.setResourceId(filter.getId());
			auth.addPermission(Permissions.READ);
			authorizationService.saveAuthorization(auth);
		}
	}

	private static Map<String, String> variable(String name, String label) {
		return Map.of("name", name, "label", label);
	}

}
