package cn.healthassist.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;

/**
 * The authorization check of a task query, which also says whether the query may start from the user's grants on
 * single tasks ({@link #isTaskGrantsOnly()}).
 * <p>
 * Camunda shows a user a task when the user, one of their groups or everybody holds READ on the task, or READ_TASK on
 * its process definition. Village doctors and township and county staff hold only the first kind (the grants the
 * engine gives a task's candidate groups, and the per-case grants); auditors and administrators hold the second. For
 * the first kind the task query (camunda-mapping/task-query.xml, HA_GRANT_SEMIJOIN) can also say "among the tasks
 * granted to the user": the database can then start from the user's grants instead of checking every task of the
 * installation that matches the other conditions. Tasklist's 已逾期 (overdue) filter reads every overdue task of
 * the installation otherwise, for a doctor who may see none of them (README, "Benchmark"). The condition is implied
 * by the check, which stays, so the same tasks are found.
 * <p>
 * Starting from the grants pays when they are few: for a group holding most open tasks, checking the tasks themselves
 * is faster (benchmark: 本组待办's township with all 50,000 overdue tasks counted 已逾期 in 0.2 s that way, in 0.35 s
 * from its grants). So the semi-join is used when the user's task grants are at most half the open tasks.
 * <p>
 * Whether a user holds a grant on whole process definitions (or on every task), how many task grants they hold and
 * how many tasks are open are read once and kept for {@link #KEPT_MILLIS} on each node. If an administrator gives a
 * user a grant on a whole process definition meanwhile, the user sees its tasks when it is read again; if one is
 * taken away, the check alone decides until then. Either way, never more than the check allows.
 */
public class TaskGrantsCheck extends AuthorizationCheck {

	private static final long serialVersionUID = 1L;

	/** How long the answer is kept for a user and their groups. */
	static final long KEPT_MILLIS = 10_000;

	static final String WIDE_GRANT_STATEMENT = TaskQueryMapping.NAMESPACE + ".selectTaskWideGrantExists";

	static final String TASK_GRANTS_STATEMENT = TaskQueryMapping.NAMESPACE + ".selectTaskGrantCount";

	static final String OPEN_TASKS_STATEMENT = TaskQueryMapping.NAMESPACE + ".selectOpenTaskCount";

	/** A number read from the database (the open tasks of an engine; a user's task grants), and until when it is kept. */
	private record Read(long value, long until) {
	}

	private static final Map<String, Read> READ = new ConcurrentHashMap<>();

	private boolean taskGrantsOnly;

	private boolean candidateGroupsGranted;

	private boolean groupQueueCount;

	private int taskPerms;

	/**
	 * Used by task-query.xml: the query may start from the user's grants on single tasks with {@link #getTaskPerms()}
	 * (the user sees tasks only through those, and holds at most half as many as there are open tasks).
	 */
	public boolean isTaskGrantsOnly() {
		return taskGrantsOnly;
	}

	/**
	 * Used by task-query.xml (HA_CANDIDATE_GRANTED): the query asks for the tasks offered to candidate groups that are
	 * all the user's own, such as Tasklist's 本组待办, and the check asks for nothing more than READ on those tasks.
	 * <p>
	 * The engine gives every candidate group of a task READ on it when it offers the task to the group (Camunda's
	 * {@code DefaultAuthorizationProvider.newTaskGroupIdentityLink}, with authorization on, as it always is here), and
	 * keeps that grant when the group is taken off the task. So every task such a query finds through the user's own
	 * group is one the check lets the user read, and the check, one look-up per task, is left out: the same tasks are
	 * found (README, "Benchmark": 本组待办's count at 50,000 tasks). Where the installation holds a REVOKE authorization,
	 * the engine checks revokes, and this is false: the check stays whole. It is false too where the engine does not
	 * grant that way (authorization off, or another {@code ResourceAuthorizationProvider} than Camunda's or its
	 * {@link TaskGrantsProvider}). An administrator who means to keep a task from a person revokes READ on it for the
	 * person (Admin, Authorizations),
	 * and takes a group off the task to keep it from the group; deleting the engine's grant, or taking READ out of it,
	 * while the group is a candidate is refused ({@code common/CandidateGrantGuard}, README "Security").
	 */
	public boolean isCandidateGroupsGranted() {
		return candidateGroupsGranted;
	}

	/**
	 * Used by task-query.xml (HA_QUEUE_COUNT): {@link #isCandidateGroupsGranted()}, and the query asks for the groups'
	 * queue and nothing else ({@link GroupQueueQuery}), as 本组待办 does. Its count is then the number of tasks the groups
	 * are candidates of, less those claimed or in the other state: both answered from indexes (migration V13), without
	 * reading every task of the group (README, "Benchmark").
	 */
	public boolean isGroupQueueCount() {
		return groupQueueCount;
	}

	public int getTaskPerms() {
		return taskPerms;
	}

	public int getTaskResourceType() {
		return Resources.TASK.resourceType();
	}

	/**
	 * Puts a check of this kind into the query, before the engine configures it (keeping what the query had decided
	 * about case tasks).
	 */
	public static TaskGrantsCheck install(TaskQueryImpl query) {
		TaskGrantsCheck check = new TaskGrantsCheck();
		check.setUseLeftJoin(query.getAuthCheck().isUseLeftJoin());
		query.setAuthCheck(check);
		return check;
	}

	/**
	 * After the engine has configured the check of the query: decides {@link #isCandidateGroupsGranted()},
	 * {@link #isGroupQueueCount()} and {@link #isTaskGrantsOnly()}.
	 */
	public void decide(DbEntityManager db, TaskQueryImpl query) {
		taskGrantsOnly = false;
		candidateGroupsGranted = false;
		groupQueueCount = false;
		if (!getShouldPerformAuthorizatioCheck() || getAuthUserId() == null || isRevokeAuthorizationCheckEnabled() || isUseLeftJoin()
				|| !getPermissionChecks().getCompositeChecks().isEmpty() || !getPermissionChecks().isDisjunctive()) {
			return;
		}
		Integer onTask = onTask();
		candidateGroupsGranted = onTask != null && onTask == Permissions.READ.getValue() && enginesGrantsToCandidateGroups()
				&& onlyOwnCandidateGroups(query);
		groupQueueCount = candidateGroupsGranted && GroupQueueQuery.isGroupQueue(query);
		Integer onDefinition = null;
		for (PermissionCheck check : getPermissionChecks().getAtomicChecks()) {
			Resource resource = check.getResource();
			if (isOnTask(check)) {
				continue;
			}
			if (resource.resourceType() == Resources.PROCESS_DEFINITION.resourceType()) {
				onDefinition = check.getPerms();
			}
			else {
				return;
			}
		}
		if (onTask == null || onDefinition == null) {
			return;
		}
		int taskRead = onTask;
		int definitionRead = onDefinition;
		List<String> groups = getAuthGroupIds() == null ? List.of() : getAuthGroupIds();
		String engine = Context.getProcessEngineConfiguration().getProcessEngineName();
		long open = remembered(engine, () -> ((Number) db.selectOne(OPEN_TASKS_STATEMENT, null)).longValue());
		String key = engine + "|" + getAuthUserId() + "|" + String.join(",", groups) + "|" + taskRead + "|" + definitionRead;
		long grants = remembered(key, () -> {
			Map<String, Object> parameters = Map.of("userId", getAuthUserId(), "groupIds", groups, "taskType", Resources.TASK.resourceType(),
					"taskPerms", taskRead, "definitionType", Resources.PROCESS_DEFINITION.resourceType(), "definitionPerms", definitionRead,
					"limit", open / 2 + 1);
			// -1: a grant on whole process definitions or on every task
			return db.selectBoolean(WIDE_GRANT_STATEMENT, parameters) ? -1 : ((Number) db.selectOne(TASK_GRANTS_STATEMENT, parameters)).longValue();
		});
		if (grants < 0 || grants > open / 2) {
			return;
		}
		taskGrantsOnly = true;
		taskPerms = taskRead;
	}

	/** The permissions the check asks for on the task itself, or null if it asks for none. */
	private Integer onTask() {
		for (PermissionCheck check : getPermissionChecks().getAtomicChecks()) {
			if (isOnTask(check)) {
				return check.getPerms();
			}
		}
		return null;
	}

	private static boolean isOnTask(PermissionCheck check) {
		return check.getResource().resourceType() == Resources.TASK.resourceType() && "RES.ID_".equals(check.getResourceIdQueryParam());
	}

	/**
	 * Whether the query asks only for tasks offered to candidate groups, all of them the user's own: one query (no "or"
	 * queries), on candidate groups alone (no candidate user, group pattern, involved user or "with candidates").
	 */
	static boolean onlyOwnCandidateGroups(TaskQueryImpl query, List<String> userGroups) {
		if (query.getQueries().size() != 1 || query.getCandidateUser() != null || query.getCandidateGroupLike() != null
				|| query.getInvolvedUser() != null || Boolean.TRUE.equals(query.isWithCandidateGroups())
				|| Boolean.TRUE.equals(query.isWithCandidateUsers())) {
			return false;
		}
		List<String> groups = query.getCandidateGroups();
		return groups != null && !groups.isEmpty() && userGroups != null && userGroups.containsAll(groups);
	}

	/** Whether the engine grants a task's candidate groups READ on it: authorization on, with Camunda's own provider. */
	private static boolean enginesGrantsToCandidateGroups() {
		ProcessEngineConfigurationImpl config = Context.getProcessEngineConfiguration();
		return config.isAuthorizationEnabled() && config.getResourceAuthorizationProvider() != null
				&& (config.getResourceAuthorizationProvider().getClass() == DefaultAuthorizationProvider.class
						|| config.getResourceAuthorizationProvider().getClass() == TaskGrantsProvider.class);
	}

	private boolean onlyOwnCandidateGroups(TaskQueryImpl query) {
		return onlyOwnCandidateGroups(query, getAuthGroupIds());
	}

	/** The number kept under the key, or else read now and kept for {@link #KEPT_MILLIS}. */
	private static long remembered(String key, LongSupplier reading) {
		long now = System.currentTimeMillis();
		Read read = READ.get(key);
		if (read == null || read.until() < now) {
			read = new Read(reading.getAsLong(), now + KEPT_MILLIS);
			if (READ.size() > 10_000) {
				READ.clear();
			}
			READ.put(key, read);
		}
		return read.value();
	}

	/** Forgets what was read (tests that change grants). */
	static void forget() {
		READ.clear();
	}

}
