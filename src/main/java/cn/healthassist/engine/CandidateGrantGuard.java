package cn.healthassist.engine;

import java.util.Objects;
import java.util.function.Predicate;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cmd.DeleteAuthorizationCmd;
import org.camunda.bpm.engine.impl.cmd.SaveAuthorizationCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.values.Messages;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Keeps the grant the engine gives a task's candidate group while the group is a candidate of the task. 本组待办
 * counts on that grant without looking it up for every task ({@code TaskGrantsCheck.isCandidateGroupsGranted}): an
 * administrator who deleted it, or took READ out of it, would leave the task in the group's list though nobody of the
 * group could open it. Here that is refused with what to do instead: take the group off the task, or revoke READ for
 * a person (a REVOKE authorization, which every list honours). Once the group is off the task, its grant can go.
 */
public class CandidateGrantGuard extends CommandInterceptor {

	private final ObjectProvider<ProcessEngine> engine;

	public CandidateGrantGuard(ObjectProvider<ProcessEngine> engine) {
		this.engine = engine;
	}

	@Override
	public <T> T execute(Command<T> command) {
		if (command instanceof DeleteAuthorizationCmd) {
			refuseIfCandidateGrant((String) CommandFields.read(command, "authorizationId"), stored -> true);
		}
		else if (command instanceof SaveAuthorizationCmd) {
			AuthorizationEntity changed = (AuthorizationEntity) CommandFields.read(command, "authorization");
			// a change of an existing authorization: one that keeps the grant as it was (READ on the same task for the
			// same group) may go on; any other change of a candidate group's grant is refused
			if (changed != null && changed.getId() != null) {
				refuseIfCandidateGrant(changed.getId(), stored -> !(changed.isPermissionGranted(Permissions.READ)
						&& changed.getAuthorizationType() == stored.getAuthorizationType()
						&& changed.getResourceType() == stored.getResourceType()
						&& Objects.equals(changed.getResourceId(), stored.getResourceId())
						&& Objects.equals(changed.getGroupId(), stored.getGroupId())));
			}
		}
		return next.execute(command);
	}

	/**
	 * Refuses when the authorization of that id, as it is in the database, is a group's grant on an open task of which
	 * the group is a candidate, and the command would take it away ({@code takesItAway}). Read in one command, on
	 * behalf of the system.
	 */
	private void refuseIfCandidateGrant(String id, Predicate<Authorization> takesItAway) {
		if (id == null) {
			return;
		}
		ProcessEngine processEngine = engine.getObject();
		String group = SystemCalls.inOneCommand(processEngine, () -> SystemCalls.run(processEngine.getIdentityService(), () -> {
			Authorization stored = processEngine.getAuthorizationService().createAuthorizationQuery().authorizationId(id).singleResult();
			if (stored == null || stored.getAuthorizationType() != Authorization.AUTH_TYPE_GRANT
					|| stored.getResourceType() != Resources.TASK.resourceType() || stored.getGroupId() == null
					|| stored.getResourceId() == null || Authorization.ANY.equals(stored.getResourceId()) || !takesItAway.test(stored)) {
				return null;
			}
			boolean candidate = processEngine.getTaskService()
				.createTaskQuery()
				.taskId(stored.getResourceId())
				.taskCandidateGroup(stored.getGroupId())
				.includeAssignedTasks()
				.count() > 0;
			return candidate ? stored.getGroupId() : null;
		}));
		if (group != null) {
			throw CaseRejectedException.conflict(Messages.get("engine.task.candidateGrant", group));
		}
	}

}
