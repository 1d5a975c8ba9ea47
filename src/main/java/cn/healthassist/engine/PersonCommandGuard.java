package cn.healthassist.engine;

import cn.healthassist.security.EngineDoors;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.form.FormData;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cmd.DeleteGroupCmd;
import org.camunda.bpm.engine.impl.cmd.SaveGroupCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.CreateMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeployCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobListener;
import org.camunda.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.camunda.bpm.engine.impl.repository.DeploymentBuilderImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.problems.FieldProblem;
import cn.healthassist.security.CaseProcess;
import cn.healthassist.security.Groups;
import cn.healthassist.values.Messages;
import cn.healthassist.values.Texts;

/**
 * The allow-list of what a person may change in the engine through Camunda's doors (docs/product.md section 3): start a
 * process with its start form's fields, claim a task for themselves and unclaim their own claim, complete a task (or
 * submit its form) with the fields its form lets them edit. Process owners and administrators also deploy models that
 * pass {@link ModelRules}; administrators manage users, groups, authorizations, filters and migrations, and retry or
 * run again jobs that failed. Reading is left to Camunda's authorizations. Every other command a person sends is refused with 403,
 * whatever the door: variable writes, task updates, delegation, identity links, comments, attachments, process-instance
 * modification and deletion, jobs, signals, messages, history deletion, telemetry.
 * <p>
 * Only the outermost command of a person's request is checked ({@link StepTransaction#isOutermost}): commands the
 * engine runs inside it, the job executor's (no person), and the product's own API ({@link EngineDoors}), which does
 * its own checks, pass.
 */
public class PersonCommandGuard extends CommandInterceptor {

	private static final Logger LOG = LoggerFactory.getLogger(PersonCommandGuard.class);

	/** Reading commands, by the names Camunda gives them. */
	private static final Pattern READ = Pattern
		.compile("(Get|Find|Is|ExecuteFilter|AuthorizationCheck|CheckPassword|Determine|Create\\w*QueryCmd)\\w*|\\w*ReportImpl"
				// the history reports' own commands (HistoricTaskInstanceReportImpl, HistoricProcessInstanceReportImpl)
				+ "|HistoricTaskInstanceCountBy\\w*|ExecuteDuration(Report)?Cmd");

	/** Attachments are read and written only through the product's door, which checks the case's jurisdiction. */
	private static final Pattern ATTACHMENT = Pattern.compile("\\w*Attachment\\w*");

	/** Packages of the web apps' plugin queries (Cockpit, Admin, Tasklist, Welcome): they read. */
	private static final List<String> WEBAPP_PACKAGES = List.of("org.camunda.bpm.cockpit.", "org.camunda.bpm.admin.",
			"org.camunda.bpm.tasklist.", "org.camunda.bpm.welcome.", "org.camunda.bpm.webapp.");

	/** The system administrator's commands (三员分立): users, groups and memberships (Admin). */
	private static final Set<String> SYSTEM = Set.of("CreateUserCmd", "CreateGroupCmd", "SaveGroupCmd",
			"DeleteGroupCmd", "SetUserInfoCmd", "DeleteUserInfoCmd", "SetUserPictureCmd", "DeleteUserPictureCmd");

	/** The security administrator's commands: authorizations and unlocking accounts. */
	private static final Set<String> SECURITY = Set.of("CreateAuthorizationCommand", "SaveAuthorizationCmd",
			"DeleteAuthorizationCmd", "UnlockUserCmd");

	/** What the embedded demo's superuser (camunda-admin) may change besides: all of the above, and more. */
	private static final Set<String> ADMINISTRATION = Set.of("CreateUserCmd", "SaveUserCmd", "DeleteUserCmd",
			"CreateGroupCmd", "SaveGroupCmd", "DeleteGroupCmd", "CreateMembershipCmd", "DeleteMembershipCmd",
			"CreateTenantCmd", "SaveTenantCmd", "DeleteTenantCmd", "CreateTenantUserMembershipCmd",
			"CreateTenantGroupMembershipCmd", "DeleteTenantUserMembershipCmd", "DeleteTenantGroupMembershipCmd",
			"UnlockUserCmd", "SetUserInfoCmd", "DeleteUserInfoCmd", "SetUserPictureCmd", "DeleteUserPictureCmd",
			"CreateAuthorizationCommand", "SaveAuthorizationCmd", "DeleteAuthorizationCmd", "CreateFilterCmd",
			"SaveFilterCmd", "DeleteFilterCmd", "CreateMigrationPlanCmd", "MigrateProcessInstanceCmd",
			"MigrateProcessInstanceBatchCmd", "SuccessfulJobListener", "FailedJobListener");

	private final ObjectProvider<ModelRules> modelRules;

	/** The engine once it is built; before that no person can send a command. */
	private volatile ProcessEngine engine;

	private final ObjectMapper json;

	/** The demo's setting healthassist.demo.admin-runs-timers: camunda-admin runs a timer now (for trying the product). */
	private final boolean adminRunsTimers;

	public PersonCommandGuard(ObjectProvider<ModelRules> modelRules, ObjectMapper json, boolean adminRunsTimers) {
		this.modelRules = modelRules;
		this.json = json;
		this.adminRunsTimers = adminRunsTimers;
		// read the product's forms, models and names of facts now: the application does not start without them
		ProductForms.shipped();
	}

	/** Called by the engine plugin when the engine is built. */
	public void engineBuilt(ProcessEngine processEngine) {
		this.engine = processEngine;
	}

	@Override
	public <T> T execute(Command<T> command) {
		if (StepTransaction.isOutermost(command) && !EngineDoors.isProduct()) {
			ProcessEngine processEngine = engine;
			Authentication auth = processEngine == null ? null
					: processEngine.getIdentityService().getCurrentAuthentication();
			if (auth != null && auth.getUserId() != null) {
				if (command instanceof FailedJobListener listener && refusedRun(listener)) {
					return null;
				}
				try {
					check(command, auth, processEngine);
				}
				catch (CaseRejectedException refusal) {
					if (command instanceof ExecuteJobsCmd) {
						REFUSED_RUN.set(refusal);
					}
					throw refusal;
				}
			}
		}
		return next.execute(command);
	}

	/** Resources whose every grant opens cases: their tasks, the cases, their history, batches over them, the operation log. */
	private static final Set<Integer> CASE_DATA = Set.of(Resources.TASK.resourceType(),
			Resources.PROCESS_INSTANCE.resourceType(), Resources.HISTORIC_TASK.resourceType(),
			Resources.HISTORIC_PROCESS_INSTANCE.resourceType(), Resources.BATCH.resourceType(),
			Resources.OPERATION_LOG_CATEGORY.resourceType());

	/** What a grant on a model may give: to see it, and to start it (the start rules check who and where). */
	private static final int MODEL_ONLY = Permissions.READ.getValue() | Permissions.CREATE_INSTANCE.getValue();

	/**
	 * Whether a grant would let someone read or change cases: who sees a case is its jurisdiction's, granted by the
	 * product's rules (CaseProcess), never by a person, the security administrator included (SPEC 3: nobody reads a case
	 * outside their jurisdiction, through any door). A revocation only takes away, and passes.
	 */
	static boolean opensCaseData(AuthorizationEntity a) {
		if (a.getAuthorizationType() == org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_REVOKE) {
			return false;
		}
		int type = a.getResourceType();
		int granted = a.getPermissions();
		if (CASE_DATA.contains(type)) {
			return granted != Permissions.NONE.getValue();
		}
		if (type == Resources.PROCESS_DEFINITION.resourceType()) {
			return (granted & ~MODEL_ONLY) != 0;
		}
		if (type == Resources.DECISION_DEFINITION.resourceType()) {
			return (granted & ~Permissions.READ.getValue()) != 0;
		}
		return false;
	}

	/**
	 * A grant is for others: one to oneself, to everyone ('*') or to a group one is in would give the granter the powers
	 * they administer (三员分立); it opens no case (opensCaseData) unless it only narrows a stored one; and the same
	 * grant twice is a conflict, which the database would refuse with a server error.
	 */
	private static void checkGrant(AuthorizationEntity a, Authentication auth, String name, List<String> groups,
			ProcessEngine processEngine) {
		if (auth.getUserId().equals(a.getUserId()) || "*".equals(a.getUserId())
				|| a.getGroupId() != null && groups.contains(a.getGroupId())) {
			throw refused(auth, name, Messages.get("engine.command.ownAuthorization"));
		}
		if (opensCaseData(a) && !narrows(a, processEngine)) {
			throw refused(auth, name, Messages.get("engine.command.caseDataGrant"));
		}
		if (a.getId() == null && alreadyGranted(a, processEngine)) {
			throw CaseRejectedException.conflict(Messages.get("engine.command.authorizationExists"));
		}
		if (a.getId() == null) {
			CommandDetails.add("created: " + CommandDetails.grant(a));
		}
		else {
			org.camunda.bpm.engine.authorization.Authorization stored = stored(a.getId(), processEngine);
			CommandDetails.add("changed " + a.getId() + ": " + (stored == null ? "" : CommandDetails.grant(stored) + " -> ")
					+ CommandDetails.grant(a));
		}
	}

	/**
	 * Whether a change of a stored authorization only takes permissions away from the same user or group on the same
	 * resource (the product's grants keep what CandidateGrantGuard requires of them): that opens nothing.
	 */
	private static boolean narrows(AuthorizationEntity a, ProcessEngine processEngine) {
		if (a.getId() == null) {
			return false;
		}
		org.camunda.bpm.engine.authorization.Authorization stored = stored(a.getId(), processEngine);
		return stored instanceof AuthorizationEntity before && before.getAuthorizationType() == a.getAuthorizationType()
				&& Objects.equals(before.getUserId(), a.getUserId()) && Objects.equals(before.getGroupId(), a.getGroupId())
				&& Objects.equals(before.getResourceType(), a.getResourceType())
				&& Objects.equals(before.getResourceId(), a.getResourceId())
				&& (a.getPermissions() & ~before.getPermissions()) == 0;
	}

	/** A stored authorization by its id, whoever may read it; null when there is none. */
	private static org.camunda.bpm.engine.authorization.Authorization stored(String id, ProcessEngine processEngine) {
		return SystemCalls.run(processEngine.getIdentityService(), () -> processEngine.getAuthorizationService()
			.createAuthorizationQuery()
			.authorizationId(id)
			.singleResult());
	}

	/** Whether the same kind of authorization for the same user or group on the same resource exists. */
	private static boolean alreadyGranted(AuthorizationEntity a, ProcessEngine processEngine) {
		org.camunda.bpm.engine.AuthorizationService authorizations = processEngine.getAuthorizationService();
		if (a.getResourceId() == null) {
			return false;
		}
		return SystemCalls.run(processEngine.getIdentityService(), () -> {
			org.camunda.bpm.engine.authorization.AuthorizationQuery query = authorizations.createAuthorizationQuery()
				.authorizationType(a.getAuthorizationType())
				.resourceType(a.getResourceType())
				.resourceId(a.getResourceId());
			if (a.getUserId() != null) {
				query.userIdIn(a.getUserId());
			}
			else if (a.getGroupId() != null) {
				query.groupIdIn(a.getGroupId());
			}
			else {
				return false;
			}
			return query.count() > 0;
		});
	}

	/** A person's run of a job this guard refused, until Camunda's failure listener for it comes (same thread). */
	private static final ThreadLocal<CaseRejectedException> REFUSED_RUN = new ThreadLocal<>();

	/**
	 * Whether the failure Camunda's listener would record is this guard's refusal of the run: Camunda counts any
	 * exception of a run as the job's failure (a retry fewer, the refusal as its message, an incident at none left), and a
	 * refused run must change nothing, least of all make the job "failed" and so open to the retry that is refused.
	 */
	private static boolean refusedRun(FailedJobListener listener) {
		CaseRejectedException refusal = REFUSED_RUN.get();
		REFUSED_RUN.remove();
		if (refusal == null) {
			return false;
		}
		Object collector = CommandFields.read(listener, "jobFailureCollector");
		for (Throwable t = collector instanceof JobFailureCollector c ? c.getFailure() : null; t != null; t = t.getCause()) {
			if (t == refusal) {
				return true;
			}
		}
		return false;
	}

	private void check(Command<?> command, Authentication auth, ProcessEngine processEngine) {
		Class<?> type = command.getClass();
		String className = type.getName();
		String name = type.getSimpleName();
		if (className.startsWith("cn.healthassist.") || command instanceof AbstractQuery<?, ?>) {
			return;
		}
		if (WEBAPP_PACKAGES.stream().anyMatch(className::startsWith)) {
			return;
		}
		List<String> groups = auth.getGroupIds() == null ? List.of() : auth.getGroupIds();
		boolean admin = groups.contains(Groups.ADMIN);
		boolean system = admin || groups.contains(Groups.SYSTEM_ADMIN);
		boolean security = admin || groups.contains(Groups.SECURITY_ADMIN);
		if (READ.matcher(name).matches() && className.startsWith("org.camunda.bpm.engine.")) {
			if (ATTACHMENT.matcher(name).matches()) {
				throw refused(auth, name, Messages.get("engine.command.attachmentsThroughApi"));
			}
			return;
		}
		if (command instanceof StartProcessInstanceCmd || command instanceof StartProcessInstanceAtActivitiesCmd) {
			checkStart(command, processEngine);
		}
		else if (command instanceof SubmitStartFormCmd submit) {
			checkStartForm(submit, processEngine);
		}
		else if (command instanceof CompleteTaskCmd complete) {
			checkCompletion(auth, (String) CommandFields.read(complete, "taskId"),
					(Map<?, ?>) CommandFields.read(complete, "variables"), processEngine);
		}
		else if (command instanceof SubmitTaskFormCmd submit) {
			checkCompletion(auth, (String) CommandFields.read(submit, "taskId"),
					(Map<?, ?>) CommandFields.read(submit, "properties"), processEngine);
		}
		else if (command instanceof ClaimTaskCmd || command instanceof AssignTaskCmd) {
			String target = (String) CommandFields.read(command, "userId");
			selfOrNobody(auth, target, name);
			// claiming a task someone holds the engine refuses itself (409); unclaiming and assigning it does not
			if (!admin && (target == null || command instanceof AssignTaskCmd)) {
				heldByNoOneElse(auth, (String) CommandFields.read(command, "taskId"), processEngine);
			}
		}
		else if (command instanceof SaveUserCmd save) {
			checkSaveUser(save, auth, system, admin, processEngine.getIdentityService());
		}
		else if (command instanceof DeleteUserCmd delete) {
			String target = (String) CommandFields.read(delete, "userId");
			if (!system || auth.getUserId().equals(target)) {
				throw refused(auth, name, Messages.get("engine.command.deleteUser"));
			}
			if (!admin && isAdministrator(target, processEngine.getIdentityService())) {
				throw refused(auth, name, Messages.get("engine.command.adminAccountNotDeleted"));
			}
			// Camunda deletes no account as if it had: the security log would record a deletion that never was
			if (!userExists(target, processEngine.getIdentityService())) {
				throw CaseRejectedException.notFound(Messages.get("engine.user.notFound", target));
			}
		}
		else if (command instanceof CreateMembershipCmd || command instanceof DeleteMembershipCmd) {
			checkMembership(command, auth, admin, system, security, processEngine.getIdentityService());
		}
		else if (SECURITY.contains(name)) {
			if (!security) {
				throw refused(auth, name, Messages.get("engine.command.securityAdminsJob"));
			}
			if (command instanceof org.camunda.bpm.engine.impl.cmd.SaveAuthorizationCmd
					&& CommandFields.read(command, "authorization") instanceof AuthorizationEntity a) {
				checkGrant(a, auth, name, groups, processEngine);
			}
			else if ("DeleteAuthorizationCmd".equals(name)) {
				String id = (String) CommandFields.read(command, "authorizationId");
				org.camunda.bpm.engine.authorization.Authorization stored = stored(id, processEngine);
				CommandDetails.add("deleted " + id + (stored == null ? "" : ": " + CommandDetails.grant(stored)));
			}
		}
		else if (SYSTEM.contains(name)) {
			if (!system) {
				throw refused(auth, name, Messages.get("engine.command.systemAdminsJob"));
			}
			IdentityService identity = processEngine.getIdentityService();
			if (command instanceof SaveGroupCmd save
					&& CommandFields.read(save, "group") instanceof org.camunda.bpm.engine.impl.persistence.entity.GroupEntity g) {
				// a group sent with another id: Camunda would update no row and answer as if someone else had changed it
				if (g.getRevision() > 0 && !groupExists(g.getId(), identity)) {
					throw CaseRejectedException.badInput("id", Messages.get("engine.group.idFixed"));
				}
				CommandDetails.add((g.getRevision() == 0 ? "group created: " : "group changed: ") + g.getId() + " "
						+ g.getName());
			}
			if (command instanceof DeleteGroupCmd) {
				String deleted = (String) CommandFields.read(command, "groupId");
				if (!groupExists(deleted, identity)) {
					throw CaseRejectedException.notFound(Messages.get("engine.group.notFound", deleted));
				}
			}
			if (!admin && command instanceof SaveGroupCmd || !admin && command instanceof DeleteGroupCmd) {
				String group = command instanceof SaveGroupCmd save ? ((Group) CommandFields.read(save, "group")).getId()
						: (String) CommandFields.read(command, "groupId");
				if (Groups.ADMINISTRATORS.contains(group)) {
					throw refused(auth, name, Messages.get("engine.command.adminGroupsFixed"));
				}
			}
		}
		else if (command instanceof DeployCmd deploy) {
			if (!admin && !groups.contains(Groups.PROCESS_OWNER)) {
				throw refused(auth, name, Messages.get("engine.command.deployProcessOwnersOnly"));
			}
			checkDeployment(deploy);
		}
		else if (command instanceof org.camunda.bpm.engine.impl.migration.AbstractMigrationCmd migration && admin) {
			checkMigration(migration, auth, name);
		}
		else if (admin && (command instanceof ExecuteJobsCmd || command instanceof SetJobRetriesCmd)) {
			if (!(adminRunsTimers && command instanceof ExecuteJobsCmd)) {
				checkJobRetry(command, auth, name, processEngine);
			}
		}
		else if (!(admin && ADMINISTRATION.contains(name))) {
			throw refused(auth, name, Messages.get("engine.command.notAllowed"));
		}
	}

	/**
	 * The administrator runs again, or gives retries to, a job that failed: a step of the product's rules that could not
	 * finish. A job that has not failed waits for its time (a public notice's last day, a reminder's due date): running
	 * it now, moving its due date or taking its retries away would shorten or stop a rule of the case.
	 */
	private static void checkJobRetry(Command<?> command, Authentication auth, String name, ProcessEngine processEngine) {
		List<String> jobs = new ArrayList<>();
		if (command instanceof SetJobRetriesCmd) {
			if (Boolean.TRUE.equals(CommandFields.read(command, "isDueDateSet"))) {
				throw refused(auth, name, Messages.get("engine.job.dueDate"));
			}
			if (((Integer) CommandFields.read(command, "retries")) < 1) {
				throw refused(auth, name, Messages.get("engine.job.noRetries"));
			}
			if (CommandFields.read(command, "jobIds") instanceof List<?> ids) {
				ids.forEach(id -> jobs.add(String.valueOf(id)));
			}
		}
		if (CommandFields.read(command, "jobId") instanceof String id) {
			jobs.add(id);
		}
		// by job definition Camunda sets the retries of that definition's failed jobs only
		org.camunda.bpm.engine.ManagementService management = processEngine.getManagementService();
		for (String id : jobs) {
			// failed: out of retries, or an exception recorded (its message may be empty, its stack trace is there)
			boolean waits = SystemCalls.run(processEngine.getIdentityService(), () -> {
				org.camunda.bpm.engine.runtime.Job job = management.createJobQuery().jobId(id).singleResult();
				return job != null && job.getRetries() > 0
						&& management.createJobQuery().jobId(id).withException().count() == 0;
			});
			if (waits) {
				throw refused(auth, name, Messages.get("engine.job.notFailed"));
			}
		}
	}

	/**
	 * A migration moves running cases to another version of their model (to the steps the administrator maps them to;
	 * the settling steps still check the case record): it sets no variables (its plan's {@code variables} would write
	 * jurisdiction codes and decisions) and skips no listener or mapping.
	 */
	private static void checkMigration(org.camunda.bpm.engine.impl.migration.AbstractMigrationCmd migration,
			Authentication auth, String name) {
		org.camunda.bpm.engine.impl.migration.MigrationPlanExecutionBuilderImpl builder = (org.camunda.bpm.engine.impl.migration.MigrationPlanExecutionBuilderImpl) CommandFields
			.read(migration, "executionBuilder");
		List<FieldProblem> problems = new ArrayList<>();
		org.camunda.bpm.engine.variable.VariableMap variables = builder.getMigrationPlan() == null ? null
				: builder.getMigrationPlan().getVariables();
		if (variables != null && !variables.isEmpty()) {
			problems.add(new FieldProblem("variables", Messages.get("engine.migration.variables")));
		}
		if (builder.isSkipCustomListeners()) {
			problems.add(new FieldProblem("skipCustomListeners", Messages.get("engine.migration.skipListeners")));
		}
		if (builder.isSkipIoMappings()) {
			problems.add(new FieldProblem("skipIoMappings", Messages.get("engine.migration.skipIoMappings")));
		}
		if (!problems.isEmpty()) {
			LOG.info("Refused {} for {}: {}", name, auth.getUserId(), problems);
			throw CaseRejectedException.badInput(problems);
		}
	}

	private static CaseRejectedException refused(Authentication auth, String command, String message) {
		LOG.info("Refused {} for {}: {}", command, auth.getUserId(), message);
		return CaseRejectedException.forbidden(message);
	}

	private static void selfOrNobody(Authentication auth, String userId, String command) {
		if (userId != null && !userId.equals(auth.getUserId())) {
			throw refused(auth, command, Messages.get("engine.command.claimSelfOnly"));
		}
	}

	/**
	 * A task a colleague claimed stays theirs: claiming it, assigning it to oneself or unclaiming it is refused with the
	 * same 409 as completing it, so that nobody takes over another's work; one gives back one's own claim only. The
	 * embedded demo's superuser may release anyone's claim. Answers the task as the person may see it: null when they
	 * may not see it, which is left to the engine to refuse.
	 */
	private static Task heldByNoOneElse(Authentication auth, String taskId, ProcessEngine processEngine) {
		if (taskId == null) {
			return null;
		}
		Task task = StepTransaction.visibleTask(processEngine.getTaskService(), taskId);
		if (task != null && task.getAssignee() != null && !task.getAssignee().equals(auth.getUserId())) {
			throw CaseRejectedException.conflict(Messages.get("engine.task.claimedByOthers"));
		}
		return task;
	}

	private void checkStart(Command<?> start, ProcessEngine processEngine) {
		ProcessInstantiationBuilderImpl builder = (ProcessInstantiationBuilderImpl) CommandFields.read(start,
				"instantiationBuilder");
		List<FieldProblem> problems = new ArrayList<>();
		if (builder.getModificationBuilder() != null) {
			if (!builder.getModificationBuilder().getModificationOperations().isEmpty()) {
				problems.add(new FieldProblem("startInstructions", Messages.get("engine.start.fromStartEventOnly")));
			}
			if (builder.getModificationBuilder().isSkipCustomListeners()) {
				problems.add(new FieldProblem("skipCustomListeners", Messages.get("engine.start.skipListeners")));
			}
			if (builder.getModificationBuilder().isSkipIoMappings()) {
				problems.add(new FieldProblem("skipIoMappings", Messages.get("engine.start.skipIoMappings")));
			}
		}
		if (builder.getCaseInstanceId() != null) {
			problems.add(new FieldProblem("caseInstanceId", Messages.get("engine.start.caseInstance")));
		}
		String definitionId = builder.getProcessDefinitionId() != null ? builder.getProcessDefinitionId()
				: latest(processEngine, builder.getProcessDefinitionKey());
		checkStartFields(definitionId, builder.getBusinessKey(), builder.getVariables(), problems, processEngine);
	}

	private void checkStartForm(SubmitStartFormCmd submit, ProcessEngine processEngine) {
		checkStartFields((String) CommandFields.read(submit, "processDefinitionId"),
				(String) CommandFields.read(submit, "businessKey"), (Map<?, ?>) CommandFields.read(submit, "variables"),
				new ArrayList<>(), processEngine);
	}

	private void checkStartFields(String definitionId, String businessKey, Map<?, ?> variables,
			List<FieldProblem> problems, ProcessEngine processEngine) {
		if (businessKey != null && !businessKey.isBlank()) {
			problems.add(new FieldProblem("businessKey", Messages.get("engine.start.businessKey")));
		}
		if (definitionId != null && variables != null && !variables.isEmpty()) {
			Set<String> allowed = new java.util.LinkedHashSet<>(
					SystemCalls.run(processEngine.getIdentityService(), () -> startFormFields(processEngine, definitionId)));
			allowed.removeIf(f -> !ProductForms.shipped().acceptsAtStart(CaseProcess.keyOf(definitionId), f));
			notDeclared(variables, allowed, Messages.get("engine.form.startForm"), problems);
			notAFormValue(variables, variables.keySet(), problems);
		}
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
	}

	private Set<String> startFormFields(ProcessEngine processEngine, String definitionId) {
		try {
			return editableFields(processEngine, processEngine.getFormService().getStartFormData(definitionId),
					() -> processEngine.getFormService().getDeployedStartForm(definitionId));
		}
		catch (java.io.IOException | RuntimeException e) {
			return Set.of(); // no Camunda Form: nothing may be sent
		}
	}

	private static String latest(ProcessEngine processEngine, String key) {
		if (key == null) {
			return null;
		}
		return SystemCalls.run(processEngine.getIdentityService(), () -> {
			ProcessDefinition definition = processEngine.getRepositoryService()
				.createProcessDefinitionQuery()
				.processDefinitionKey(key)
				.withoutTenantId()
				.latestVersion()
				.singleResult();
			return definition == null ? null : definition.getId();
		});
	}

	private void checkCompletion(Authentication auth, String taskId, Map<?, ?> variables, ProcessEngine processEngine) {
		// a task the person may not see is refused by the engine itself
		Task task = heldByNoOneElse(auth, taskId, processEngine);
		if (task == null) {
			return;
		}
		// a person completes a task of their own groups: Camunda lets its administrators complete any task, and anyone
		// a grant on the task (which a security administrator could give), complete it; here the groups decide
		Set<String> candidates = SystemCalls.candidateGroups(processEngine.getTaskService(),
				processEngine.getIdentityService(), taskId);
		List<String> own = auth.getGroupIds() == null ? List.of() : auth.getGroupIds();
		if (!candidates.isEmpty() && own.stream().noneMatch(candidates::contains)) {
			throw refused(auth, "CompleteTaskCmd", Messages.get("engine.task.candidatesOnly", String.join("、", candidates)));
		}
		if (variables == null || variables.isEmpty()) {
			return;
		}
		Set<String> deployed = SystemCalls.run(processEngine.getIdentityService(),
				() -> taskFormFields(processEngine, taskId));
		if (deployed == null) {
			throw CaseRejectedException.conflict(Messages.get("engine.rest.changedByOthers"));
		}
		Set<String> allowed = new java.util.LinkedHashSet<>(deployed);
		allowed.removeIf(f -> !ProductForms.shipped().accepts(task.getProcessDefinitionId(), task.getTaskDefinitionKey(), f));
		List<FieldProblem> problems = new ArrayList<>();
		// a case's jurisdiction is fixed at its start: no step's form changes it, whatever fields the form declares
		// (by their names: a value is read typed, never deserialized, below)
		Map<Object, Object> fields = new java.util.LinkedHashMap<>();
		variables.keySet().forEach(key -> fields.put(key, Boolean.TRUE));
		for (String code : CaseProcess.JURISDICTION_CODES) {
			if (variables.containsKey(code)) {
				fields.remove(code);
				problems.add(new FieldProblem(code, Messages.get("engine.task.jurisdictionFixed", code)));
			}
		}
		notDeclared(fields, allowed, Messages.get("engine.form.taskForm"), problems);
		notAFormValue(variables, fields.keySet(), problems);
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
	}

	/**
	 * The editable fields of the task's deployed form: none when it has no Camunda Form; null when the task is no longer
	 * there (another person's completion committed since it was read), a conflict rather than fields to name.
	 */
	private Set<String> taskFormFields(ProcessEngine processEngine, String taskId) {
		try {
			return editableFields(processEngine, processEngine.getFormService().getTaskFormData(taskId),
					() -> processEngine.getFormService().getDeployedTaskForm(taskId));
		}
		catch (java.io.IOException | RuntimeException e) {
			return processEngine.getTaskService().createTaskQuery().taskId(taskId).count() == 0 ? null : Set.of();
		}
	}

	/**
	 * The editable fields of the form the engine shows: a Camunda Form by the version bound in this transaction
	 * ({@link BoundForms}), the one the step's record is made by; none when no version is found; a form named by a
	 * {@code formKey} as the engine serves it.
	 */
	private Set<String> editableFields(ProcessEngine processEngine, FormData data, Supplier<InputStream> byFormKey)
			throws java.io.IOException {
		CamundaFormRef ref = data.getCamundaFormRef();
		if (ref == null || ref.getKey() == null) {
			try (InputStream form = byFormKey.get()) {
				return EditableFields.of(json, form);
			}
		}
		CamundaFormDefinition bound = SystemCalls.inOneCommand(processEngine,
				() -> BoundForms.of(data.getDeploymentId(), ref));
		if (bound == null) {
			return Set.of();
		}
		try (InputStream form = processEngine.getRepositoryService()
			.getResourceAsStream(bound.getDeploymentId(), bound.getResourceName())) {
			return EditableFields.of(json, form);
		}
	}

	/** Camunda's names of the typed values a form's field submits as they are: text, numbers, yes or no, nothing. */
	private static final Set<String> SCALAR_TYPES = Set.of("string", "boolean", "integer", "long", "short", "double",
			"null");

	/**
	 * A form's field holds text, a number, yes or no, or a list of choices (Tasklist sends a checklist's as a JSON
	 * array, a caller of the Java API as a list): a value of any other type (bytes, a file, a date object, XML, a
	 * serialized Java object, JSON that is not a list of choices) is refused naming the field, or the record and the
	 * trail would keep Java's text for it ({@code [B@6dcbc82b}) and a rule asking for an opinion would take it for one.
	 * Read typed, so that no serialized object is ever deserialized here.
	 */
	private void notAFormValue(Map<?, ?> variables, Set<?> keys, List<FieldProblem> problems) {
		for (Object key : keys) {
			String type = notAFormValueType(variables, key);
			if (type != null) {
				problems.add(new FieldProblem(String.valueOf(key),
						Messages.get("engine.form.valueType", String.valueOf(key), type)));
			}
		}
	}

	/** Null when the value is one a form's field submits; otherwise what it is, in Camunda's name of its type. */
	private String notAFormValueType(Map<?, ?> variables, Object key) {
		Object value = variables instanceof VariableMap typedMap ? typedMap.getValueTyped(String.valueOf(key))
				: variables.get(key);
		if (value instanceof TypedValue typed) {
			if (typed.getType() != null) {
				String name = typed.getType().getName();
				if (SCALAR_TYPES.contains(name)) {
					return null;
				}
				return "json".equals(name) && choices(typed) ? null : name;
			}
			value = typed.getValue(); // untyped: a plain Java value
		}
		if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
				|| value instanceof Long || value instanceof Short || value instanceof Double) {
			return null;
		}
		if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String || v instanceof Number
				|| v instanceof Boolean)) {
			return null;
		}
		return "object";
	}

	/** Whether a JSON value is a list of choices (text, numbers, yes or no), as a checklist submits. */
	private boolean choices(TypedValue typed) {
		String text = typed instanceof SerializableValue serializable && serializable.getValueSerialized() != null
				? serializable.getValueSerialized() : String.valueOf(typed.getValue());
		try {
			JsonNode node = json.readTree(text);
			if (!node.isArray()) {
				return false;
			}
			for (JsonNode choice : node) {
				if (!(choice.isTextual() || choice.isNumber() || choice.isBoolean())) {
					return false;
				}
			}
			return true;
		}
		catch (java.io.IOException | RuntimeException e) {
			return false;
		}
	}

	private static void notDeclared(Map<?, ?> variables, Set<String> allowed, String where, List<FieldProblem> problems) {
		Set<String> extra = new TreeSet<>();
		for (Object key : variables.keySet()) {
			if (!allowed.contains(String.valueOf(key))) {
				extra.add(String.valueOf(key));
			}
		}
		for (String key : extra) {
			problems.add(new FieldProblem(key, Messages.get("engine.form.undeclaredField", where, key)));
		}
	}

	/**
	 * Memberships of ordinary groups are the system administrator's; of the administrators' groups the security
	 * administrator's (so that no administrator gives themselves another's powers), camunda-admin's only its own; nobody's
	 * own memberships but camunda-admin's of the administrators' groups.
	 */
	private static void checkMembership(Command<?> command, Authentication auth, boolean admin, boolean system,
			boolean security, IdentityService identity) {
		String group = (String) CommandFields.read(command, "groupId");
		String name = command.getClass().getSimpleName();
		if (Groups.ADMIN.equals(group) ? !admin : Groups.ADMINISTRATORS.contains(group) ? !security : !system) {
			throw refused(auth, name, Groups.ADMINISTRATORS.contains(group)
					? Messages.get("engine.command.adminMembership") : Messages.get("engine.command.membership"));
		}
		// nobody changes their own groups; camunda-admin those of the administrators only, never a village's, a
		// township's or an office's, which would let it do their steps (TaskAssignmentGuard)
		if (auth.getUserId().equals(CommandFields.read(command, "userId"))
				&& !(admin && Groups.ADMINISTRATORS.contains(group))) {
			throw refused(auth, name, Messages.get("engine.command.ownMembership"));
		}
		// an administrator's account holds no office's group, and an office's account no administrator's: otherwise one
		// administrator could put another to do a village's or a township's steps (三员分立)
		String user = (String) CommandFields.read(command, "userId");
		if (command instanceof CreateMembershipCmd && user != null && !auth.getUserId().equals(user)) {
			boolean toAdministrators = Groups.ADMINISTRATORS.contains(group);
			List<String> held = SystemCalls.run(identity, () -> identity.createGroupQuery().groupMember(user).list().stream()
				.map(Group::getId)
				.toList());
			if (held.stream().anyMatch(g -> Groups.ADMINISTRATORS.contains(g) != toAdministrators)) {
				throw refused(auth, name, Messages.get("engine.command.dutiesApart"));
			}
			// and one administrator's duty an account: two of them would give one person another's powers
			if (toAdministrators && held.stream().anyMatch(g -> Groups.ADMINISTRATORS.contains(g) && !g.equals(group))) {
				throw refused(auth, name, Messages.get("engine.command.oneAdministratorDuty"));
			}
			// a membership held already: the database's duplicate key was a 500
			if (held.contains(group)) {
				throw new CaseRejectedException(org.springframework.http.HttpStatus.CONFLICT, "userId",
						Messages.get("engine.command.alreadyMember", user, group));
			}
		}
	}

	/** Whether an account of this id exists, whoever may read it. */
	private static boolean userExists(String userId, IdentityService identity) {
		return SystemCalls.run(identity, () -> identity.createUserQuery().userId(userId).count()) > 0;
	}

	/** Whether a group of this id exists, whoever may read it. */
	private static boolean groupExists(String groupId, IdentityService identity) {
		return SystemCalls.run(identity, () -> identity.createGroupQuery().groupId(groupId).count()) > 0;
	}

	private static boolean isAdministrator(String userId, IdentityService identity) {
		return SystemCalls.run(identity, () -> identity.createGroupQuery().groupMember(userId).list().stream()
			.anyMatch(g -> Groups.ADMINISTRATORS.contains(g.getId())));
	}

	private void checkSaveUser(SaveUserCmd save, Authentication auth, boolean system, boolean admin,
			IdentityService identity) {
		User user = (User) CommandFields.read(save, "user");
		String self = auth.getUserId();
		boolean own = user != null && self.equals(user.getId());
		if (user != null) {
			// names a person reads in every trail and list: plain text, no control or direction characters
			for (String name : new String[] { user.getFirstName(), user.getLastName(), user.getEmail() }) {
				if (name != null && (Texts.hidden(name) || name.length() > 255)) {
					throw CaseRejectedException.badInput("profile", Messages.get("engine.user.plainNames"));
				}
			}
		}
		if (user instanceof org.camunda.bpm.engine.impl.persistence.entity.UserEntity changed && changed.getRevision() > 0
				&& !userExists(changed.getId(), identity)) {
			// a profile sent with another id: Camunda would update no row and answer as if someone else had changed it
			throw CaseRejectedException.badInput("id", Messages.get("engine.user.idFixed"));
		}
		if (system && user instanceof org.camunda.bpm.engine.impl.persistence.entity.UserEntity created
				&& created.getRevision() == 0 && !created.hasNewPassword()) {
			// an account without a password could never log in (Camunda's check fails on it)
			throw CaseRejectedException.badInput("password", Messages.get("engine.user.firstPassword"));
		}
		if (user instanceof org.camunda.bpm.engine.impl.persistence.entity.UserEntity saved) {
			CommandDetails.add((saved.getRevision() == 0 ? "account created: " : "account changed: ") + saved.getId()
					+ (saved.hasNewPassword() ? " (password set)" : ""));
		}
		if (system && !own) {
			if (!admin && isAdministrator(user.getId(), identity)) {
				throw refused(auth, "SaveUserCmd", Messages.get("engine.command.adminAccountOwn"));
			}
			return;
		}
		if (!own) {
			throw refused(auth, "SaveUserCmd", Messages.get("engine.user.ownPasswordOnly"));
		}
		User stored = SystemCalls.run(identity, () -> identity.createUserQuery().userId(self).singleResult());
		if (stored == null || !Objects.equals(stored.getFirstName(), user.getFirstName())
				|| !Objects.equals(stored.getLastName(), user.getLastName())
				|| !Objects.equals(stored.getEmail(), user.getEmail())) {
			throw refused(auth, "SaveUserCmd", Messages.get("engine.user.passwordOnly"));
		}
	}

	private void checkDeployment(DeployCmd deploy) {
		DeploymentBuilderImpl builder = (DeploymentBuilderImpl) CommandFields.read(deploy, "deploymentBuilder");
		List<FieldProblem> problems = new ArrayList<>();
		if (!builder.getDeployments().isEmpty() || !builder.getDeploymentResourcesById().isEmpty()
				|| !builder.getDeploymentResourcesByName().isEmpty()) {
			problems.add(new FieldProblem("deployment", Messages.get("engine.deploy.redeploy")));
		}
		Map<String, ResourceEntity> resources = builder.getDeployment().getResources();
		if (resources != null) {
			ModelRules rules = modelRules.getObject();
			resources.forEach((resourceName, resource) -> rules.problems(resourceName, resource.getBytes())
				.forEach(p -> problems.add(new FieldProblem(p.elementId(), resourceName + "：" + p.message()))));
		}
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
	}

}
